import { type Api, ApiError } from '../api/client.ts';
import type { RegisteredApp, TokenResponse } from '../api/types.ts';
import { local, readJson, removeKey, session, writeJson } from '../lib/storage.ts';

const APP_KEY = 'rounds:oauth-app';
const PENDING_KEY = 'rounds:oauth-pending';
export const SCOPES = 'read write follow';

interface PendingSignIn {
  state: string;
  verifier: string;
  returnTo: string;
}

export class SignInError extends Error {
  constructor(
    readonly reason: 'denied' | 'stale' | 'failed',
    message = reason,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

function redirectUri(): string {
  return `${location.origin}/auth/callback`;
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(bytes: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** RFC 7636 S256: BASE64URL(SHA-256(verifier)). */
export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/**
 * This browser's OAuth client registration: made once (POST /api/v1/apps) and kept in local
 * storage, as every Mastodon web client does; registered again when the origin changes.
 */
export async function ensureApp(api: Api, options: { fresh?: boolean } = {}): Promise<RegisteredApp> {
  const stored = readJson<RegisteredApp>(local(), APP_KEY);
  if (!options.fresh && stored?.redirect_uri === redirectUri()) return stored;
  const created = await api.request<{ client_id: string; client_secret: string }>('/api/v1/apps', {
    json: {
      client_name: 'Rounds web',
      redirect_uris: redirectUri(),
      scopes: SCOPES,
      website: location.origin,
    },
    token: null,
  });
  const app = {
    client_id: created.client_id,
    client_secret: created.client_secret,
    redirect_uri: redirectUri(),
  };
  writeJson(local(), APP_KEY, app);
  return app;
}

/**
 * Leaves for the server's sign-in and consent pages, in the client's language (Mastodon's `lang`);
 * they come back to /auth/callback.
 */
export async function startSignIn(api: Api, returnTo = '/', lang?: string): Promise<void> {
  const app = await ensureApp(api);
  const pending: PendingSignIn = { state: randomString(16), verifier: randomString(48), returnTo };
  writeJson(session(), PENDING_KEY, pending);
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: app.client_id,
    redirect_uri: app.redirect_uri,
    scope: SCOPES,
    state: pending.state,
    code_challenge: await pkceChallenge(pending.verifier),
    code_challenge_method: 'S256',
  });
  if (lang) query.set('lang', lang);
  location.assign(`/oauth/authorize?${query}`);
}

const exchanges = new Map<string, Promise<{ token: string; returnTo: string }>>();

/**
 * Finishes the authorization-code flow: checks `state` against the one this tab sent, then trades
 * the code and the PKCE verifier for a token. One exchange per code, however often it is called.
 */
export function finishSignIn(api: Api, search: string): Promise<{ token: string; returnTo: string }> {
  const params = new URLSearchParams(search);
  const key = params.get('code') ?? params.get('error') ?? '';
  let exchange = exchanges.get(key);
  if (!exchange) {
    exchange = exchangeCode(api, params);
    exchanges.set(key, exchange);
  }
  return exchange;
}

async function exchangeCode(api: Api, params: URLSearchParams): Promise<{ token: string; returnTo: string }> {
  const pending = readJson<PendingSignIn>(session(), PENDING_KEY);
  removeKey(session(), PENDING_KEY);
  if (params.get('error') === 'access_denied') throw new SignInError('denied');
  const code = params.get('code');
  const app = readJson<RegisteredApp>(local(), APP_KEY);
  if (!code || !pending || !app || pending.state !== params.get('state')) throw new SignInError('stale');
  try {
    const token = await api.request<TokenResponse>('/oauth/token', {
      form: {
        grant_type: 'authorization_code',
        code,
        redirect_uri: app.redirect_uri,
        client_id: app.client_id,
        client_secret: app.client_secret,
        code_verifier: pending.verifier,
      },
      token: null,
    });
    return { token: token.access_token, returnTo: pending.returnTo.startsWith('/') ? pending.returnTo : '/' };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'invalid_grant') throw new SignInError('stale');
    throw error;
  }
}

async function appToken(api: Api, app: RegisteredApp): Promise<string> {
  const token = await api.request<TokenResponse>('/oauth/token', {
    form: {
      grant_type: 'client_credentials',
      client_id: app.client_id,
      client_secret: app.client_secret,
      scope: SCOPES,
    },
    token: null,
  });
  return token.access_token;
}

export interface SignUpInput {
  username: string;
  email: string;
  password: string;
  displayName: string;
  reason: string;
  locale: string;
}

/**
 * POST /api/v1/accounts with this browser's app token; answers the new account's user token. A
 * registration the server no longer knows (its database was reset) is made again, once.
 */
export async function signUp(api: Api, input: SignUpInput): Promise<string> {
  let app = await ensureApp(api);
  let registrar: string;
  try {
    registrar = await appToken(api, app);
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'invalid_client')) throw error;
    app = await ensureApp(api, { fresh: true });
    registrar = await appToken(api, app);
  }
  try {
    const token = await api.request<TokenResponse>('/api/v1/accounts', {
      json: {
        username: input.username,
        email: input.email,
        password: input.password,
        agreement: true,
        locale: input.locale,
        ...(input.displayName.trim() ? { display_name: input.displayName.trim() } : {}),
        ...(input.reason.trim() ? { reason: input.reason.trim() } : {}),
      },
      token: registrar,
    });
    return token.access_token;
  } finally {
    // The app-only token did its one job.
    void revokeToken(api, registrar).catch(() => undefined);
  }
}

/** POST /oauth/revoke: the token stops working everywhere at once. */
export async function revokeToken(api: Api, token: string): Promise<void> {
  const app = readJson<RegisteredApp>(local(), APP_KEY);
  if (!app) return;
  await api.request('/oauth/revoke', {
    form: { token, client_id: app.client_id, client_secret: app.client_secret },
    token: null,
  });
}

/**
 * Ends the server's sign-in session in this browser (its httpOnly cookie), so the next person at a
 * shared computer is asked for a password, not offered this account's consent page.
 */
export async function endBrowserSession(): Promise<void> {
  try {
    await fetch('/oauth/sign_out', { method: 'POST', credentials: 'same-origin' });
  } catch {
    // Offline: the session ends by itself after its lifetime; the token is already revoked.
  }
}
