import { useEffect, useState } from 'react';
import { describeError } from '../api/errors.ts';
import { finishSignIn, SignInError } from '../auth/oauth.ts';
import { useSession } from '../auth/session.tsx';
import { PageHeading, useTitle } from '../components/page-heading.tsx';
import { SignInButton } from '../components/sign-in-button.tsx';
import { useI18n } from '../i18n/context.tsx';
import { navigate } from '../router.tsx';

/** /auth/callback: the server's consent page sends the browser here with a code (or a refusal). */
export function CallbackScreen(props: { search: string }) {
  const { t } = useI18n();
  const { api, signIn } = useSession();
  const [error, setError] = useState<unknown>(null);
  useTitle(t('callback.title'));

  useEffect(() => {
    let live = true;
    finishSignIn(api, props.search)
      .then(async ({ token, returnTo }) => {
        if (!live) return;
        await signIn(token);
        navigate(returnTo, { replace: true });
      })
      .catch((err: unknown) => {
        if (live) setError(err);
      });
    return () => {
      live = false;
    };
  }, [api, signIn, props.search]);

  const message =
    error instanceof SignInError
      ? error.reason === 'denied'
        ? t('callback.denied')
        : t('callback.stale')
      : error
        ? describeError(error, t)
        : null;
  return (
    <section>
      <PageHeading>{error ? t('callback.failed') : t('callback.title')}</PageHeading>
      {message ? (
        <>
          <p className="notice error" role="alert">
            {message}
          </p>
          <SignInButton label={t('callback.retry')} />
        </>
      ) : (
        <p role="status">{t('callback.working')}</p>
      )}
    </section>
  );
}
