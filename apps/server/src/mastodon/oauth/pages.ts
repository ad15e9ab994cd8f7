import { escapeHtml } from '../../domain/text/render.ts';
import {
  directionOf,
  OAUTH_MESSAGES,
  type OAuthLocale,
  type OAuthMessages,
  refusalText,
} from './messages.ts';

// Logical properties only (margin-inline, padding-inline-start, ...): under dir="rtl" the Arabic
// pages mirror themselves.
const STYLE = `body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic","Noto Naskh Arabic","DejaVu Sans",sans-serif;max-inline-size:28rem;margin-block:2rem;margin-inline:auto;padding-inline:1rem;color:#1b1f24}
:lang(ar) body{line-height:1.7}h1{font-size:1.4rem}label{display:block;margin-block:.8rem .2rem;font-weight:600}
input{inline-size:100%;padding:.5rem;font:inherit;border:1px solid #8a94a0;border-radius:6px;box-sizing:border-box}
button{font:inherit;padding-block:.55rem;padding-inline:1rem;border-radius:6px;border:1px solid #0b5cad;background:#0b5cad;color:#fff;margin-block:1rem 0;margin-inline:0 .5rem;cursor:pointer}
button.secondary{background:#fff;color:#0b5cad}.error{color:#a3161b;background:#fdecec;padding:.5rem;border-radius:6px}
ul{padding-inline-start:1.2rem}code{word-break:break-all;background:#f1f3f5;padding-block:.2rem;padding-inline:.4rem;border-radius:4px}
:focus-visible{outline:3px solid #f5a623;outline-offset:2px}`;

function page(locale: OAuthLocale, title: string, body: string): string {
  return `<!doctype html><html lang="${locale}" dir="${directionOf(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)} · Rounds</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/**
 * A message with its `{name}` places filled: the message's own words escaped, each value given as
 * HTML (escaped by the caller).
 */
function fill(template: string, html: Record<string, string>): string {
  return template
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return name !== undefined && name in html ? html[name]! : escapeHtml(part);
    })
    .join('');
}

/** A name from elsewhere (an app's, a username) isolated, so its direction never reorders the sentence. */
function isolate(text: string): string {
  return `<bdi>${escapeHtml(text)}</bdi>`;
}

function hidden(fields: Record<string, string | null>): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v!)}">`)
    .join('');
}

/** What the sign-in page can say went wrong. */
export type SignInProblem = 'wrongCredentials' | 'accountDisabled' | 'accountPending' | 'sessionEnded';

export function signInPage(opts: {
  locale: OAuthLocale;
  appName: string;
  query: Record<string, string | null>;
  csrf: string;
  error?: SignInProblem;
  login?: string;
}): string {
  const m = OAUTH_MESSAGES[opts.locale];
  return page(
    opts.locale,
    m.signInTitle,
    `<h1>${escapeHtml(m.signInHeading)}</h1><p>${fill(m.signInIntro, { app: `<strong>${isolate(opts.appName)}</strong>` })}</p>
${opts.error ? `<p class="error" role="alert">${escapeHtml(m[opts.error])}</p>` : ''}
<form method="post" action="/oauth/authorize">${hidden({ ...opts.query, action: 'sign_in', csrf: opts.csrf })}
<label for="login">${escapeHtml(m.login)}</label><input id="login" name="login" dir="auto" autocomplete="username" required value="${escapeHtml(opts.login ?? '')}">
<label for="password">${escapeHtml(m.password)}</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">${escapeHtml(m.signIn)}</button></form>`,
  );
}

function scopeText(m: OAuthMessages, scope: string): string {
  return m.scopes[scope] ?? scope;
}

export function consentPage(opts: {
  locale: OAuthLocale;
  appName: string;
  username: string;
  scopes: string[];
  query: Record<string, string | null>;
  csrf: string;
}): string {
  const m = OAUTH_MESSAGES[opts.locale];
  const user = isolate(`@${opts.username}`);
  const items = opts.scopes.map((s) => `<li>${escapeHtml(scopeText(m, s))}</li>`).join('');
  return page(
    opts.locale,
    m.consentTitle,
    `<h1>${fill(m.consentHeading, { app: isolate(opts.appName) })}</h1><p>${fill(m.consentIntro, { user: `<strong>${user}</strong>` })}</p><ul>${items}</ul>
<form method="post" action="/oauth/authorize">${hidden({ ...opts.query, csrf: opts.csrf })}
<button type="submit" name="action" value="approve">${escapeHtml(m.approve)}</button><button type="submit" name="action" value="deny" class="secondary">${escapeHtml(m.deny)}</button></form>
<p><a href="/oauth/authorize?${escapeHtml(switchAccountQuery(opts.query))}">${fill(m.switchAccount, { user })}</a></p>`,
  );
}

/** The same authorization request, asking to sign in afresh (Mastodon's force_login). */
function switchAccountQuery(query: Record<string, string | null>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== null) params.set(k, v);
  params.set('force_login', 'true');
  return params.toString();
}

export function codePage(locale: OAuthLocale, code: string): string {
  const m = OAUTH_MESSAGES[locale];
  return page(
    locale,
    m.codeTitle,
    `<h1>${escapeHtml(m.codeTitle)}</h1><p>${escapeHtml(m.codeIntro)}</p><p><code id="code" dir="ltr">${escapeHtml(code)}</code></p>`,
  );
}

/** What an error page can say about the person's own request. */
export type PageProblem = 'signInFormExpired' | 'consentFormExpired' | 'denied' | 'chooseAction';

export function errorPage(locale: OAuthLocale, problem: PageProblem): string {
  const m = OAUTH_MESSAGES[locale];
  return page(
    locale,
    m.errorTitle,
    `<h1>${escapeHtml(m.errorHeading)}</h1><p class="error" role="alert">${escapeHtml(m[problem])}</p>`,
  );
}

/**
 * An authorization request the server refuses (an OAuthError): what it means for the person, in
 * their language, and the precise reason, in English, for the app's developer.
 */
export function refusedPage(locale: OAuthLocale, oauthCode: string, detail: string): string {
  const m = OAUTH_MESSAGES[locale];
  return page(
    locale,
    m.errorTitle,
    `<h1>${escapeHtml(m.errorHeading)}</h1><p class="error" role="alert">${escapeHtml(refusalText(m, oauthCode))}</p><p>${fill(m.errorDetail, { detail: `<bdi lang="en">${escapeHtml(detail)}</bdi>` })}</p>`,
  );
}
