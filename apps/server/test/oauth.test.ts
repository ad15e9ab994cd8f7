import { createHash, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_SCOPES } from '../src/domain/oauth/scopes.ts';
import { OAUTH_LOCALES, OAUTH_MESSAGES } from '../src/mastodon/oauth/messages.ts';
import { call, createPersona, createTestEnv, type TestEnv } from './harness.ts';

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

/** A tiny browser: keeps cookies between requests to the server's own pages. */
function browser(env: TestEnv, acceptLanguage?: string) {
  const jar = new Map<string, string>();
  return async (method: string, path: string, form?: Record<string, string>) => {
    const headers: Record<string, string> = { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (acceptLanguage) headers['accept-language'] = acceptLanguage;
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await env.app.request(
      `https://rounds.test${path}`,
      { method, headers, body: form ? new URLSearchParams(form).toString() : undefined },
      { incoming: { socket: { remoteAddress: '10.0.0.7' } } },
    );
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = pair!.split('=');
      jar.set(k!, v!);
    }
    return { status: res.status, text: await res.text(), headers: res.headers };
  };
}

function hiddenFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    out[m[1]!] = m[2]!
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');
  }
  return out;
}

async function registerApp(
  env: TestEnv,
  scopes = 'read write follow',
  redirect = 'https://client.example/callback',
) {
  const res = await call(env, 'POST', '/api/v1/apps', {
    body: { client_name: 'Test client', redirect_uris: redirect, scopes },
  });
  expect(res.status).toBe(200);
  return res.body as { client_id: string; client_secret: string; id: string };
}

describe('OAuth: apps, authorization code with PKCE, tokens', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
    await createPersona(env, 'alice');
  });

  it('registers an app from a form body and returns the secret', async () => {
    const res = await call(env, 'POST', '/api/v1/apps', {
      form: { client_name: 'Form app', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read write' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Form app',
      redirect_uri: 'urn:ietf:wg:oauth:2.0:oob',
      scopes: ['read', 'write'],
    });
    expect(res.body.client_secret).toMatch(/.{20,}/);
  });

  it('rejects an unsafe redirect URI and an unknown scope with a message naming the field', async () => {
    const bad = await call(env, 'POST', '/api/v1/apps', {
      body: { client_name: 'x', redirect_uris: 'http://evil.example/cb' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toContain('redirect_uris');
    const scope = await call(env, 'POST', '/api/v1/apps', {
      body: { client_name: 'x', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read sudo' },
    });
    expect(scope.status).toBe(422);
    expect(scope.body.error).toContain('sudo');
    const missing = await call(env, 'POST', '/api/v1/apps', {
      body: { redirect_uris: 'urn:ietf:wg:oauth:2.0:oob' },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.error).toContain('client_name');
  });

  it('runs sign-in → consent → code → token with PKCE, and the code works once', async () => {
    const app = await registerApp(env);
    const { verifier, challenge } = pkce();
    const b = browser(env);
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: app.client_id,
      redirect_uri: 'https://client.example/callback',
      scope: 'read write',
      state: 'xyz',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const signIn = await b('GET', `/oauth/authorize?${q}`);
    expect(signIn.status).toBe(200);
    expect(signIn.text).toContain('Sign in to Rounds');
    expect(signIn.headers.get('cross-origin-opener-policy')).toBeNull();

    const wrong = await b('POST', '/oauth/authorize', {
      ...hiddenFields(signIn.text),
      login: 'alice',
      password: 'nope nope nope',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Wrong email/username or password');

    const consent = await b('POST', '/oauth/authorize', {
      ...hiddenFields(signIn.text),
      login: 'alice@rounds.test',
      password: 'correct horse battery',
    });
    expect(consent.status).toBe(200);
    expect(consent.text).toContain('<h1>Authorize <bdi>Test client</bdi>?</h1>');
    expect(consent.text).toContain('@alice');

    const approved = await b('POST', '/oauth/authorize', {
      ...hiddenFields(consent.text),
      action: 'approve',
    });
    expect(approved.status).toBe(302);
    const location = new URL(approved.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('https://client.example/callback');
    expect(location.searchParams.get('state')).toBe('xyz');
    const code = location.searchParams.get('code')!;

    const badVerifier = await call(env, 'POST', '/oauth/token', {
      form: {
        grant_type: 'authorization_code',
        code,
        client_id: app.client_id,
        redirect_uri: 'https://client.example/callback',
        code_verifier: pkce().verifier,
      },
    });
    expect(badVerifier.status).toBe(400);
    expect(badVerifier.body.error).toBe('invalid_grant');

    const token = await call(env, 'POST', '/oauth/token', {
      form: {
        grant_type: 'authorization_code',
        code,
        client_id: app.client_id,
        redirect_uri: 'https://client.example/callback',
        code_verifier: verifier,
      },
    });
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ token_type: 'Bearer', scope: 'read write' });

    const me = await call(env, 'GET', '/api/v1/accounts/verify_credentials', {
      token: token.body.access_token,
    });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('alice');

    const again = await call(env, 'POST', '/oauth/token', {
      body: {
        grant_type: 'authorization_code',
        code,
        client_id: app.client_id,
        redirect_uri: 'https://client.example/callback',
        code_verifier: verifier,
      },
    });
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
  });

  it('requires the consent form to carry the session CSRF token', async () => {
    const app = await registerApp(env);
    const b = browser(env);
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: app.client_id,
      redirect_uri: 'https://client.example/callback',
    });
    const signIn = await b('GET', `/oauth/authorize?${q}`);
    const consent = await b('POST', '/oauth/authorize', {
      ...hiddenFields(signIn.text),
      login: 'alice',
      password: 'correct horse battery',
    });
    const forged = await b('POST', '/oauth/authorize', {
      ...hiddenFields(consent.text),
      csrf: 'forged',
      action: 'approve',
    });
    expect(forged.status).toBe(403);
    const denied = await b('POST', '/oauth/authorize', { ...hiddenFields(consent.text), action: 'deny' });
    expect(denied.status).toBe(302);
    expect(new URL(denied.headers.get('location')!).searchParams.get('error')).toBe('access_denied');
  });

  it('ends the browser session on sign-out and on force_login, so a shared computer asks for the password again', async () => {
    const app = await registerApp(env);
    const b = browser(env);
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: app.client_id,
      redirect_uri: 'https://client.example/callback',
    });
    const signIn = async () => {
      const page = await b('GET', `/oauth/authorize?${q}`);
      expect(page.text).toContain('name="password"');
      const consent = await b('POST', '/oauth/authorize', {
        ...hiddenFields(page.text),
        login: 'alice',
        password: 'correct horse battery',
      });
      expect(consent.text).toContain('Signed in as <strong><bdi>@alice</bdi></strong>');
      return consent;
    };
    const consent = await signIn();
    // Still signed in: the next authorization goes straight to consent, offering another account.
    const again = await b('GET', `/oauth/authorize?${q}`);
    expect(again.text).toContain('<h1>Authorize <bdi>Test client</bdi>?</h1>');
    expect(again.text).toContain('force_login=true');

    const foreign = await env.app.request('https://rounds.test/oauth/sign_out', {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);

    expect((await b('POST', '/oauth/sign_out')).status).toBe(204);
    expect((await b('GET', `/oauth/authorize?${q}`)).text).toContain('name="password"');
    // The old consent form no longer works: its session is gone.
    const stale = await b('POST', '/oauth/authorize', { ...hiddenFields(consent.text), action: 'approve' });
    expect(stale.text).toContain('Your session ended; sign in again.');

    const second = await signIn();
    const forced = await b('GET', `/oauth/authorize?${q}&force_login=true`);
    expect(forced.text).toContain('name="password"');
    const staleAgain = await b('POST', '/oauth/authorize', {
      ...hiddenFields(second.text),
      action: 'approve',
    });
    expect(staleAgain.text).toContain('Your session ended; sign in again.');
  });

  it('accepts any port on a registered loopback redirect and rejects a different host', async () => {
    const app = await registerApp(env, 'read', 'http://127.0.0.1/callback');
    const b = browser(env);
    const ok = await b(
      'GET',
      `/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: app.client_id, redirect_uri: 'http://127.0.0.1:43123/callback' })}`,
    );
    expect(ok.status).toBe(200);
    const bad = await b(
      'GET',
      `/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: app.client_id, redirect_uri: 'https://other.example/callback' })}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('redirect_uri');
  });

  it('issues client-credential tokens that register accounts, and revokes tokens', async () => {
    const app = await registerApp(env, 'read write follow');
    const cc = await call(env, 'POST', '/oauth/token', {
      form: {
        grant_type: 'client_credentials',
        client_id: app.client_id,
        client_secret: app.client_secret,
        scope: 'read write',
      },
    });
    expect(cc.status).toBe(200);
    const reg = await call(env, 'POST', '/api/v1/accounts', {
      token: cc.body.access_token,
      body: {
        username: 'erin',
        email: 'erin@rounds.test',
        password: 'long enough password',
        agreement: true,
        locale: 'en',
      },
    });
    expect(reg.status).toBe(200);
    const userToken = reg.body.access_token as string;
    expect(
      (await call(env, 'GET', '/api/v1/accounts/verify_credentials', { token: userToken })).body.username,
    ).toBe('erin');

    const wrongSecret = await call(env, 'POST', '/oauth/revoke', {
      form: { token: userToken, client_id: app.client_id, client_secret: 'nope' },
    });
    expect(wrongSecret.status).toBe(401);
    const revoked = await call(env, 'POST', '/oauth/revoke', {
      form: { token: userToken, client_id: app.client_id, client_secret: app.client_secret },
    });
    expect(revoked.status).toBe(200);
    const after = await call(env, 'GET', '/api/v1/accounts/verify_credentials', { token: userToken });
    expect(after.status).toBe(401);
  });

  it('rejects an unsupported grant with the OAuth error shape', async () => {
    const res = await call(env, 'POST', '/oauth/token', {
      form: { grant_type: 'password', username: 'alice', password: 'x' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('unsupported_grant_type');
  });

  it('publishes RFC 8414 metadata advertising S256', async () => {
    const res = await call(env, 'GET', '/.well-known/oauth-authorization-server');
    expect(res.body.code_challenge_methods_supported).toEqual(['S256']);
    expect(res.body.token_endpoint).toBe('https://rounds.test/oauth/token');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('the sign-in and consent pages in English, Spanish and Arabic', () => {
  let env: TestEnv;
  let query: URLSearchParams;
  beforeAll(async () => {
    env = await createTestEnv();
    await createPersona(env, 'alice');
    const app = await registerApp(env);
    query = new URLSearchParams({
      response_type: 'code',
      client_id: app.client_id,
      redirect_uri: 'https://client.example/callback',
      scope: 'read write',
      state: 'xyz',
    });
  });

  const withLang = (lang: string) => `/oauth/authorize?${query}&lang=${lang}`;

  it('speaks the language the app asks for with `lang`, Arabic right to left', async () => {
    const spanish = await browser(env)('GET', withLang('es'));
    expect(spanish.status).toBe(200);
    expect(spanish.text).toContain('<html lang="es" dir="ltr">');
    expect(spanish.text).toContain('<title>Iniciar sesión · Rounds</title>');
    expect(spanish.text).toContain('<h1>Inicia sesión en Rounds</h1>');
    expect(spanish.text).toContain('>Correo electrónico o nombre de usuario</label>');
    expect(spanish.text).toContain('<button type="submit">Iniciar sesión</button>');

    // `lang` wins over the browser's preference; a regional tag counts as its language.
    const arabic = await browser(env, 'es-ES,es;q=0.9')('GET', withLang('ar-EG'));
    expect(arabic.text).toContain('<html lang="ar" dir="rtl">');
    expect(arabic.text).toContain('<h1>سجّل الدخول إلى Rounds</h1>');
    expect(arabic.text).toContain('يريد <strong><bdi>Test client</bdi></strong> استخدام حسابك.');
    expect(arabic.text).toContain('<label for="password">كلمة المرور</label>');
    expect(arabic.text).toContain('<button type="submit">تسجيل الدخول</button>');
    expect(arabic.text).not.toContain('Sign in');
    // The page mirrors by itself: its style names no physical side.
    expect(arabic.text).not.toMatch(/(margin|padding)-(left|right)|text-align:\s*(left|right)/);
  });

  it('follows the browser’s Accept-Language, by q-value, when the app names no language it speaks', async () => {
    const page = async (acceptLanguage: string, path = `/oauth/authorize?${query}`) =>
      (await browser(env, acceptLanguage)('GET', path)).text;
    const arabic = await page('fr-FR, fr;q=0.9, ar;q=0.8, es;q=0.7');
    expect(arabic).toContain('<html lang="ar" dir="rtl">');
    expect(arabic).toContain('<button type="submit">تسجيل الدخول</button>');
    const spanish = await page('en;q=0.3, es-MX');
    expect(spanish).toContain('<html lang="es" dir="ltr">');
    expect(spanish).toContain('<button type="submit">Iniciar sesión</button>');
    expect(await page('es;q=0, de')).toContain('<html lang="en" dir="ltr">');
    // A `lang` the pages do not speak falls back to the browser's preference, and is not carried.
    const unknown = await page('es', withLang('fr'));
    expect(unknown).toContain('<html lang="es" dir="ltr">');
    expect(unknown).not.toContain('name="lang"');

    // Signed in, the consent page follows the browser too.
    const b = browser(env, 'es-ES,es;q=0.9,en;q=0.8');
    const signIn = await b('GET', `/oauth/authorize?${query}`);
    const consent = await b('POST', '/oauth/authorize', {
      ...hiddenFields(signIn.text),
      login: 'alice',
      password: 'correct horse battery',
    });
    expect(consent.text).toContain('<html lang="es" dir="ltr">');
    expect(consent.text).toContain('<h1>¿Autorizar a <bdi>Test client</bdi>?</h1>');
    expect(consent.text).toContain('<li>leer tus publicaciones, cronologías, listas y perfil</li>');
    expect(consent.text).toContain('value="approve">Autorizar</button>');
    expect(consent.text).toContain('class="secondary">Denegar</button>');
  });

  it('keeps `lang` through a wrong password to the consent page and the other-account link', async () => {
    const b = browser(env, 'en-US,en;q=0.9');
    const signIn = await b('GET', withLang('ar'));
    expect(hiddenFields(signIn.text).lang).toBe('ar');

    const wrong = await b('POST', '/oauth/authorize', {
      ...hiddenFields(signIn.text),
      login: 'alice',
      password: 'nope nope nope',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('<html lang="ar" dir="rtl">');
    expect(wrong.text).toContain(
      '<p class="error" role="alert">البريد الإلكتروني أو اسم المستخدم أو كلمة المرور غير صحيحة.</p>',
    );
    expect(wrong.text).toContain('value="alice"');
    expect(hiddenFields(wrong.text).lang).toBe('ar');

    const consent = await b('POST', '/oauth/authorize', {
      ...hiddenFields(wrong.text),
      login: 'alice',
      password: 'correct horse battery',
    });
    expect(consent.status).toBe(200);
    expect(consent.text).toContain('<html lang="ar" dir="rtl">');
    expect(consent.text).toContain('<h1>أتسمح لـ <bdi>Test client</bdi>؟</h1>');
    expect(consent.text).toContain('مسجّل الدخول باسم <strong><bdi>@alice</bdi></strong>');
    expect(consent.text).toContain('<li>قراءة منشوراتك وخطوطك الزمنية وقوائمك وملفك الشخصي</li>');
    expect(consent.text).toContain('<li>النشر والتعديل والحذف نيابةً عنك</li>');
    expect(consent.text).toContain('value="approve">اسمح</button>');
    expect(consent.text).toContain('class="secondary">ارفض</button>');
    expect(consent.text).toMatch(/href="\/oauth\/authorize\?[^"]*lang=ar[^"]*force_login=true"/);
    expect(hiddenFields(consent.text).lang).toBe('ar');

    // Coming back while signed in: still Arabic, and approving still works.
    const again = await b('GET', withLang('ar'));
    expect(again.text).toContain('<h1>أتسمح لـ <bdi>Test client</bdi>؟</h1>');
    const approved = await b('POST', '/oauth/authorize', {
      ...hiddenFields(consent.text),
      action: 'approve',
    });
    expect(approved.status).toBe(302);
    expect(new URL(approved.headers.get('location')!).searchParams.get('code')).toBeTruthy();
  });

  it('explains a refused request in the person’s language, with the developer’s detail kept', async () => {
    const bad = await browser(env)(
      'GET',
      `/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: query.get('client_id')!, redirect_uri: 'https://other.example/callback', lang: 'ar' })}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<html lang="ar" dir="rtl">');
    expect(bad.text).toContain('<h1>في هذا الطلب خطأ ما</h1>');
    expect(bad.text).toContain('أرسل التطبيق الذي أحالك إلى هنا طلبًا لا يستطيع هذا الخادم قبوله.');
    expect(bad.text).toContain('redirect_uri does not match');

    const unknownApp = await browser(env, 'es')('GET', '/oauth/authorize?response_type=code&client_id=nope');
    expect(unknownApp.text).toContain('La aplicación que te trajo aquí no está registrada en este servidor.');
  });

  it('describes every scope an app can ask for in each language', () => {
    for (const locale of OAUTH_LOCALES) {
      const missing = ALL_SCOPES.filter((scope) => !OAUTH_MESSAGES[locale].scopes[scope]);
      expect(missing, locale).toEqual([]);
    }
  });
});

describe('scopes and tokens', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });

  it('answers 401 for a missing or unknown token and 403 for a token without the scope', async () => {
    const reader = await createPersona(env, 'dan', { scopes: 'read' });
    expect((await call(env, 'GET', '/api/v1/accounts/verify_credentials')).status).toBe(401);
    expect(
      (await call(env, 'GET', '/api/v1/accounts/verify_credentials', { token: 'not-a-token' })).status,
    ).toBe(401);
    const patch = await call(env, 'PATCH', '/api/v1/accounts/update_credentials', {
      token: reader.token,
      body: { display_name: 'D' },
    });
    expect(patch.status).toBe(403);
    expect(patch.body.error).toContain('write:accounts');
    const profileOnly = await createPersona(env, 'pat', { scopes: 'profile' });
    expect(
      (await call(env, 'GET', '/api/v1/accounts/verify_credentials', { token: profileOnly.token })).status,
    ).toBe(200);
  });

  it('treats an expired token as invalid', async () => {
    const carol = await createPersona(env, 'carol');
    const { oauthTokens } = await import('../src/db/schema/index.ts');
    const { eq } = await import('drizzle-orm');
    await env.ctx.db
      .update(oauthTokens)
      .set({ expiresAt: new Date(env.clock.now().getTime() + 1000) })
      .where(eq(oauthTokens.userId, carol.user.id));
    expect(
      (await call(env, 'GET', '/api/v1/accounts/verify_credentials', { token: carol.token })).status,
    ).toBe(200);
    env.clock.advance(2000);
    expect(
      (await call(env, 'GET', '/api/v1/accounts/verify_credentials', { token: carol.token })).status,
    ).toBe(401);
  });
});
