import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { authenticateUser, getAccount } from '../../domain/accounts/index.ts';
import {
  type AuthorizationRequest,
  createAuthorizationCode,
  OAuthError,
  OOB_REDIRECT,
  validateAuthorizationRequest,
} from '../../domain/oauth/index.ts';
import { createWebSession, deleteWebSession, findWebSession } from '../../domain/oauth/sessions.ts';
import { randomToken, safeEqual } from '../../domain/oauth/tokens.ts';
import type { MastodonApp, MastodonEnv } from '../env.ts';
import { readBody, readQuery } from '../params.ts';
import { limitByIp } from '../rate-limit.ts';
import { chooseLocale, type OAuthLocale, toOAuthLocale } from './messages.ts';
import { codePage, consentPage, errorPage, refusedPage, type SignInProblem, signInPage } from './pages.ts';

const SESSION_COOKIE = 'rounds_session';
const LOGIN_CSRF_COOKIE = 'rounds_login_csrf';
const PASSED = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
] as const;

/**
 * The authorization request as the pages carry it from form to form, with Mastodon's `lang` (the
 * pages' language, ISO 639-1) when it names one they speak.
 */
function passThrough(q: Record<string, unknown>): Record<string, string | null> {
  return {
    ...Object.fromEntries(PASSED.map((k) => [k, typeof q[k] === 'string' ? (q[k] as string) : null])),
    lang: toOAuthLocale(q.lang),
  };
}

/** The pages' language: the request's `lang`, else the browser's Accept-Language, else English. */
function localeOf(c: Context, q: Record<string, unknown>): OAuthLocale {
  return chooseLocale(q.lang, c.req.header('accept-language'));
}

function strings(q: Record<string, unknown>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(q).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]));
}

function cookieOptions(c: Context<MastodonEnv>, maxAge: number) {
  const secure = c.get('ctx').config.publicUrl.startsWith('https:');
  return { httpOnly: true, secure, sameSite: 'Lax' as const, path: '/', maxAge };
}

function htmlHeaders(c: Context) {
  c.header('Cache-Control', 'no-store');
  c.header('X-Frame-Options', 'DENY');
  c.header(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' *; frame-ancestors 'none'",
  );
}

function redirectWith(req: AuthorizationRequest, params: Record<string, string>): string {
  const url = new URL(req.redirectUri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  if (req.state) url.searchParams.set('state', req.state);
  return url.toString();
}

async function showPage(
  c: Context<MastodonEnv>,
  req: AuthorizationRequest,
  query: Record<string, string | null>,
  error?: SignInProblem,
  login?: string,
  /** The session was just ended (force_login): show sign-in whatever the request's cookie says. */
  signedOut = false,
) {
  const ctx = c.get('ctx');
  const locale = localeOf(c, query);
  const sessionId = signedOut ? undefined : getCookie(c, SESSION_COOKIE);
  const session = sessionId ? await findWebSession(ctx, sessionId) : null;
  if (session) {
    const account = await getAccount(ctx.db, session.user.accountId);
    return c.html(
      consentPage({
        locale,
        appName: req.app.name,
        username: account.username,
        scopes: req.scopes,
        query,
        csrf: session.csrfToken,
      }),
    );
  }
  let csrf = getCookie(c, LOGIN_CSRF_COOKIE);
  if (!csrf) {
    csrf = randomToken(24);
    setCookie(c, LOGIN_CSRF_COOKIE, csrf, cookieOptions(c, 3600));
  }
  return c.html(
    signInPage({
      locale,
      appName: req.app.name,
      query,
      csrf,
      ...(error ? { error } : {}),
      ...(login ? { login } : {}),
    }),
    error ? 401 : 200,
  );
}

/** Ends this browser's sign-in session (the row and the cookie), if it has one. */
async function endWebSession(c: Context<MastodonEnv>): Promise<void> {
  const sessionId = getCookie(c, SESSION_COOKIE);
  if (sessionId) await deleteWebSession(c.get('ctx'), sessionId);
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

/** /oauth/authorize: sign in, then consent, then a code back to the app (or shown, for OOB). */
export function registerAuthorize(app: MastodonApp): void {
  app.get('/oauth/authorize', async (c) => {
    htmlHeaders(c);
    const q = readQuery(c);
    let req: AuthorizationRequest;
    try {
      req = await validateAuthorizationRequest(c.get('ctx'), strings(q));
    } catch (error) {
      if (error instanceof OAuthError)
        return c.html(refusedPage(localeOf(c, q), error.oauthCode, error.message), 400);
      throw error;
    }
    // Mastodon's force_login: sign in afresh (another account, or a shared computer).
    if (q.force_login === 'true' || q.force_login === '1') {
      await endWebSession(c);
      return showPage(c, req, passThrough(q), undefined, undefined, true);
    }
    return showPage(c, req, passThrough(q));
  });

  /**
   * Signing out of the browser session that sign-in pages keep (the web client calls it when a
   * person signs out, so a shared computer does not stay signed in for the next person).
   * NOTE: the session cookie is SameSite=Lax, so a cross-site POST never carries it; the Origin
   * check refuses cross-site callers outright anyway.
   */
  app.post('/oauth/sign_out', async (c) => {
    const origin = c.req.header('origin');
    if (origin && origin !== new URL(c.get('ctx').config.publicUrl).origin) {
      return c.json({ error: 'Sign out from this server’s own pages' }, 403);
    }
    await endWebSession(c);
    return c.body(null, 204);
  });

  app.post('/oauth/authorize', async (c) => {
    htmlHeaders(c);
    const ctx = c.get('ctx');
    const body = await readBody(c);
    const locale = localeOf(c, body);
    let req: AuthorizationRequest;
    try {
      req = await validateAuthorizationRequest(ctx, strings(body));
    } catch (error) {
      if (error instanceof OAuthError)
        return c.html(refusedPage(locale, error.oauthCode, error.message), 400);
      throw error;
    }
    const query = passThrough(body);
    const csrf = typeof body.csrf === 'string' ? body.csrf : '';

    if (body.action === 'sign_in') {
      const cookieCsrf = getCookie(c, LOGIN_CSRF_COOKIE) ?? '';
      if (!cookieCsrf || !safeEqual(cookieCsrf, csrf)) {
        return c.html(errorPage(locale, 'signInFormExpired'), 403);
      }
      limitByIp(c, 'sign_in', ctx.config.rateLimits.authPer5Min, 5 * 60_000);
      const login = typeof body.login === 'string' ? body.login : '';
      const password = typeof body.password === 'string' ? body.password : '';
      const user = await authenticateUser(ctx, login, password);
      if (!user) return showPage(c, req, query, 'wrongCredentials', login);
      if (user.disabled) return showPage(c, req, query, 'accountDisabled', login);
      if (!user.approved) return showPage(c, req, query, 'accountPending', login);
      const session = await createWebSession(ctx, user.id);
      setCookie(c, SESSION_COOKIE, session.id, cookieOptions(c, 14 * 86_400));
      const account = await getAccount(ctx.db, user.accountId);
      return c.html(
        consentPage({
          locale,
          appName: req.app.name,
          username: account.username,
          scopes: req.scopes,
          query,
          csrf: session.csrfToken,
        }),
      );
    }

    const sessionId = getCookie(c, SESSION_COOKIE);
    const session = sessionId ? await findWebSession(ctx, sessionId) : null;
    if (!session) return showPage(c, req, query, 'sessionEnded');
    if (!safeEqual(session.csrfToken, csrf)) return c.html(errorPage(locale, 'consentFormExpired'), 403);

    if (body.action === 'deny') {
      if (req.redirectUri === OOB_REDIRECT) return c.html(errorPage(locale, 'denied'), 403);
      return c.redirect(
        redirectWith(req, { error: 'access_denied', error_description: 'The user denied access' }),
        302,
      );
    }
    if (body.action !== 'approve') return c.html(errorPage(locale, 'chooseAction'), 400);
    const code = await createAuthorizationCode(ctx, req, session.user.id);
    if (req.redirectUri === OOB_REDIRECT) return c.html(codePage(locale, code));
    return c.redirect(redirectWith(req, { code }), 302);
  });
}
