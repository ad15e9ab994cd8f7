import { useSession } from '../auth/session.tsx';
import { PageHeading, useTitle } from '../components/page-heading.tsx';
import { SignInButton } from '../components/sign-in-button.tsx';
import { ThreadComposer } from '../components/thread-composer.tsx';
import { useI18n } from '../i18n/context.tsx';
import { Link } from '../router.tsx';

/** /compose/thread: the thread composer for tweetorials. */
export function ComposeThreadScreen() {
  const { t } = useI18n();
  const { session } = useSession();
  useTitle(t('thread.title'));
  return (
    <>
      <PageHeading>{t('thread.title')}</PageHeading>
      {session ? (
        <>
          <p>
            <Link href="/">{t('thread.back')}</Link>
          </p>
          <ThreadComposer />
        </>
      ) : (
        <div className="notice">
          <p>{t('thread.signIn')}</p>
          <SignInButton returnTo="/compose/thread" />
        </div>
      )}
    </>
  );
}
