import { type FormEvent, useId, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { describeError } from '../api/errors.ts';
import { useInstance } from '../api/instance.ts';
import { signUp } from '../auth/oauth.ts';
import { useSession } from '../auth/session.tsx';
import { PageHeading, useTitle } from '../components/page-heading.tsx';
import { SignInButton } from '../components/sign-in-button.tsx';
import { useI18n } from '../i18n/context.tsx';
import { navigate } from '../router.tsx';

type Field = 'display_name' | 'username' | 'email' | 'password' | 'reason';
const FIELDS: readonly Field[] = ['display_name', 'username', 'email', 'password', 'reason'];

function isField(value: string | null): value is Field {
  return value !== null && (FIELDS as readonly string[]).includes(value);
}

/** Sign-up through POST /api/v1/accounts, when the server takes new accounts. */
export function SignUpScreen() {
  const { t, locale } = useI18n();
  const { api, signIn } = useSession();
  const instance = useInstance();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<{ field: Field; message: string } | null>(null);
  const [pendingApproval, setPendingApproval] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  useTitle(t('signUp.title'));

  const approval = instance?.registrations.approval_required ?? false;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '');
    setBusy(true);
    setError(null);
    setFieldError(null);
    try {
      const token = await signUp(api, {
        username: value('username'),
        email: value('email'),
        password: value('password'),
        displayName: value('display_name'),
        reason: value('reason'),
        locale,
      });
      try {
        await signIn(token);
      } catch {
        // Accounts that wait for approval cannot use their token yet.
        setPendingApproval(true);
        return;
      }
      navigate('/', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && isField(err.field) && err.status === 422) {
        setFieldError({ field: err.field, message: err.message });
        const input = formRef.current?.elements.namedItem(err.field);
        if (input instanceof HTMLElement) input.focus();
      } else {
        setError(describeError(err, t));
        requestAnimationFrame(() => errorRef.current?.focus());
      }
    } finally {
      setBusy(false);
    }
  }

  function describedBy(field: Field, hint: boolean): string | undefined {
    const ids = [hint ? `${id}-${field}-hint` : '', fieldError?.field === field ? `${id}-${field}-error` : '']
      .filter(Boolean)
      .join(' ');
    return ids || undefined;
  }

  function errorFor(field: Field) {
    if (fieldError?.field !== field) return null;
    return (
      <p className="field-error" id={`${id}-${field}-error`}>
        {t('signUp.fieldError', { message: fieldError.message })}
      </p>
    );
  }

  if (pendingApproval) {
    return (
      <section>
        <PageHeading>{t('signUp.title')}</PageHeading>
        <p className="notice" role="status">
          {t('signUp.pending')}
        </p>
      </section>
    );
  }

  if (instance && !instance.registrations.enabled) {
    return (
      <section>
        <PageHeading>{t('signUp.title')}</PageHeading>
        <p className="notice">{t('welcome.closed')}</p>
        <SignInButton />
      </section>
    );
  }

  return (
    <section className="sign-up">
      <PageHeading>{t('signUp.title')}</PageHeading>
      {error ? (
        <p className="notice error" role="alert" tabIndex={-1} ref={errorRef}>
          {error}
        </p>
      ) : null}
      <form ref={formRef} onSubmit={handleSubmit} className="stack">
        <div className="field">
          <label htmlFor={`${id}-display_name`}>{t('signUp.displayName')}</label>
          <input
            id={`${id}-display_name`}
            name="display_name"
            autoComplete="name"
            dir="auto"
            maxLength={30}
            aria-describedby={describedBy('display_name', true)}
            aria-invalid={fieldError?.field === 'display_name' || undefined}
          />
          <p className="hint" id={`${id}-display_name-hint`}>
            {t('signUp.displayNameHint')}
          </p>
          {errorFor('display_name')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-username`}>{t('signUp.username')}</label>
          <input
            id={`${id}-username`}
            name="username"
            autoComplete="username"
            dir="ltr"
            required
            pattern="[A-Za-z0-9_]{1,30}"
            maxLength={30}
            autoCapitalize="none"
            spellCheck={false}
            aria-describedby={describedBy('username', true)}
            aria-invalid={fieldError?.field === 'username' || undefined}
          />
          <p className="hint" id={`${id}-username-hint`}>
            {t('signUp.usernameHint')}
          </p>
          {errorFor('username')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('signUp.email')}</label>
          <input
            id={`${id}-email`}
            name="email"
            type="email"
            autoComplete="email"
            dir="ltr"
            required
            aria-describedby={describedBy('email', false)}
            aria-invalid={fieldError?.field === 'email' || undefined}
          />
          {errorFor('email')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('signUp.password')}</label>
          <input
            id={`${id}-password`}
            name="password"
            type="password"
            autoComplete="new-password"
            dir="ltr"
            required
            minLength={8}
            maxLength={256}
            aria-describedby={describedBy('password', true)}
            aria-invalid={fieldError?.field === 'password' || undefined}
          />
          <p className="hint" id={`${id}-password-hint`}>
            {t('signUp.passwordHint')}
          </p>
          {errorFor('password')}
        </div>
        {approval ? (
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('signUp.reason')}</label>
            <textarea
              id={`${id}-reason`}
              name="reason"
              dir="auto"
              rows={3}
              required
              maxLength={1000}
              aria-describedby={describedBy('reason', true)}
              aria-invalid={fieldError?.field === 'reason' || undefined}
            />
            <p className="hint" id={`${id}-reason-hint`}>
              {t('signUp.reasonHint')}
            </p>
            {errorFor('reason')}
          </div>
        ) : null}
        {instance?.rules.length ? (
          <section className="rules" aria-labelledby={`${id}-rules`}>
            <h2 id={`${id}-rules`}>{t('signUp.rules')}</h2>
            {/* NOTE: the rules are the server's own text, in the server's language. */}
            <ol lang="en" dir="ltr">
              {instance.rules.map((rule) => (
                <li key={rule.id}>
                  <strong>{rule.text}</strong>
                  {rule.hint ? <span className="hint"> {rule.hint}</span> : null}
                </li>
              ))}
            </ol>
          </section>
        ) : null}
        <div className="check">
          <input id={`${id}-agree`} name="agreement" type="checkbox" required />
          <label htmlFor={`${id}-agree`}>{t('signUp.agree')}</label>
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('signUp.submitting') : t('signUp.submit')}
          </button>
        </div>
      </form>
      <div className="aside">
        <p>{t('signUp.haveAccount')}</p>
        <SignInButton className="secondary" />
      </div>
    </section>
  );
}
