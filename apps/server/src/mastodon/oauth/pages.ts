import { escapeHtml } from '../../domain/text/render.ts';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
h1{font-size:1.4rem}label{display:block;margin:.8rem 0 .2rem;font-weight:600}
input{width:100%;padding:.5rem;font:inherit;border:1px solid #8a94a0;border-radius:6px;box-sizing:border-box}
button{font:inherit;padding:.55rem 1rem;border-radius:6px;border:1px solid #0b5cad;background:#0b5cad;color:#fff;margin:1rem .5rem 0 0;cursor:pointer}
button.secondary{background:#fff;color:#0b5cad}.error{color:#a3161b;background:#fdecec;padding:.5rem;border-radius:6px}
ul{padding-left:1.2rem}code{word-break:break-all;background:#f1f3f5;padding:.2rem .4rem;border-radius:4px}
:focus-visible{outline:3px solid #f5a623;outline-offset:2px}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)} · Rounds</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

function hidden(fields: Record<string, string | null>): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v!)}">`)
    .join('');
}

export function signInPage(opts: {
  appName: string;
  query: Record<string, string | null>;
  csrf: string;
  error?: string;
  login?: string;
}): string {
  return page(
    'Sign in',
    `<h1>Sign in to Rounds</h1><p><strong>${escapeHtml(opts.appName)}</strong> wants to use your account.</p>
${opts.error ? `<p class="error" role="alert">${escapeHtml(opts.error)}</p>` : ''}
<form method="post" action="/oauth/authorize">${hidden({ ...opts.query, action: 'sign_in', csrf: opts.csrf })}
<label for="login">Email or username</label><input id="login" name="login" autocomplete="username" required value="${escapeHtml(opts.login ?? '')}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button></form>`,
  );
}

const SCOPE_TEXT: Record<string, string> = {
  read: 'read your posts, timelines, lists and profile',
  write: 'post, edit and delete on your behalf',
  follow: 'follow, block and mute accounts',
  push: 'receive push notifications',
  profile: 'see your basic profile',
};

export function consentPage(opts: {
  appName: string;
  username: string;
  scopes: string[];
  query: Record<string, string | null>;
  csrf: string;
}): string {
  const items = opts.scopes.map((s) => `<li>${escapeHtml(SCOPE_TEXT[s] ?? s)}</li>`).join('');
  return page(
    'Authorize',
    `<h1>Authorize ${escapeHtml(opts.appName)}?</h1><p>Signed in as <strong>@${escapeHtml(opts.username)}</strong>. This app will be able to:</p><ul>${items}</ul>
<form method="post" action="/oauth/authorize">${hidden({ ...opts.query, csrf: opts.csrf })}
<button type="submit" name="action" value="approve">Authorize</button><button type="submit" name="action" value="deny" class="secondary">Deny</button></form>
<p><a href="/oauth/authorize?${escapeHtml(switchAccountQuery(opts.query))}">Not @${escapeHtml(opts.username)}? Sign in with another account</a></p>`,
  );
}

/** The same authorization request, asking to sign in afresh (Mastodon's force_login). */
function switchAccountQuery(query: Record<string, string | null>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== null) params.set(k, v);
  params.set('force_login', 'true');
  return params.toString();
}

export function codePage(code: string): string {
  return page(
    'Authorization code',
    `<h1>Authorization code</h1><p>Copy this code into the app:</p><p><code id="code">${escapeHtml(code)}</code></p>`,
  );
}

export function errorPage(message: string): string {
  return page(
    'Error',
    `<h1>Something is wrong with this request</h1><p class="error" role="alert">${escapeHtml(message)}</p>`,
  );
}
