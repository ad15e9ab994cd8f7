import { useInstance } from '../api/instance.ts';
import { useSession } from '../auth/session.tsx';
import { PageHeading, useTitle } from '../components/page-heading.tsx';
import { SignInButton } from '../components/sign-in-button.tsx';
import { useI18n } from '../i18n/context.tsx';
import { Link } from '../router.tsx';

/** The signed-out front page: what Rounds is, sign in, create an account. */
export function WelcomeScreen() {
  const { t } = useI18n();
  const { ended } = useSession();
  const instance = useInstance();
  useTitle(t('welcome.title'));
  return (
    <section className="welcome">
      <PageHeading>{t('welcome.title')}</PageHeading>
      <p className="lead">{t('welcome.body')}</p>
      {ended ? (
        <p className="notice" role="alert">
          {t('errors.session')}
        </p>
      ) : null}
      <div className="actions">
        <SignInButton />
        {instance?.registrations.enabled ? (
          <Link className="button secondary" href="/sign-up">
            {t('welcome.signUp')}
          </Link>
        ) : null}
      </div>
      {instance && !instance.registrations.enabled ? <p className="muted">{t('welcome.closed')}</p> : null}
      <p className="muted">{t('welcome.apps')}</p>
    </section>
  );
}
