import { useState } from 'react';
import { describeError } from '../api/errors.ts';
import { startSignIn } from '../auth/oauth.ts';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/context.tsx';

/** Starts the authorization-code + PKCE sign-in; comes back to `returnTo`. */
export function SignInButton(props: { returnTo?: string; className?: string; label?: string }) {
  const { t, locale } = useI18n();
  const { api } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function handleClick() {
    setBusy(true);
    setError(null);
    try {
      await startSignIn(api, props.returnTo ?? '/', locale);
    } catch (err) {
      setError(describeError(err, t));
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className={props.className ?? 'primary'} onClick={handleClick} disabled={busy}>
        {props.label ?? t('welcome.signIn')}
      </button>
      {error ? (
        <p className="notice error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
