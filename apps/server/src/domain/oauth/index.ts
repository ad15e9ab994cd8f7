import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { generateId } from '../../db/ids.ts';
import type { AccountRow, UserRow } from '../../db/schema/accounts.ts';
import {
  accounts,
  type OAuthAppRow,
  oauthApps,
  oauthCodes,
  oauthTokens,
  personas,
  users,
} from '../../db/schema/index.ts';
import { AppError, NotFoundError, ValidationError } from '../errors.ts';
import { isSubsetOf, parseScopes } from './scopes.ts';
import { hashToken, randomToken, safeEqual, verifyPkce } from './tokens.ts';

export const OOB_REDIRECT = 'urn:ietf:wg:oauth:2.0:oob';

/** An OAuth protocol error, rendered as RFC 6749 `{error, error_description}`. */
export class OAuthError extends AppError {
  constructor(
    readonly oauthCode: string,
    message: string,
    readonly status: 400 | 401 | 403 = 400,
  ) {
    super(`oauth_${oauthCode}`, message);
  }
}

function isAllowedRedirectUri(uri: string): boolean {
  if (uri === OOB_REDIRECT) return true;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.hash) return false;
  if (url.protocol === 'https:') return true;
  if (url.protocol === 'http:') return ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
  if (url.protocol === 'javascript:' || url.protocol === 'data:' || url.protocol === 'file:') return false;
  // Custom app schemes (com.example.app:/callback) are how native apps receive the code.
  return /^[a-z][a-z0-9+.-]*:$/i.test(url.protocol);
}

export interface CreateAppInput {
  name: string;
  redirectUris: string[];
  scopes?: string | undefined;
  website?: string | undefined;
}

/** Registers a client application (POST /api/v1/apps). */
export async function createOAuthApp(ctx: AppContext, input: CreateAppInput): Promise<OAuthAppRow> {
  const name = input.name.trim();
  if (!name) throw new ValidationError("client_name can't be blank", 'client_name');
  if (name.length > 200)
    throw new ValidationError('client_name is too long (at most 200 characters)', 'client_name');
  if (input.redirectUris.length === 0)
    throw new ValidationError("redirect_uris can't be blank", 'redirect_uris');
  for (const uri of input.redirectUris) {
    if (!isAllowedRedirectUri(uri)) {
      throw new ValidationError(
        `redirect_uris: '${uri}' must be https, loopback http, an app scheme, or ${OOB_REDIRECT}`,
        'redirect_uris',
      );
    }
  }
  const { scopes, unknown } = parseScopes(input.scopes);
  if (unknown.length) throw new ValidationError(`scopes: unknown scope(s) ${unknown.join(', ')}`, 'scopes');
  if (input.website && !/^https?:\/\//i.test(input.website)) {
    throw new ValidationError('website must be an http(s) URL', 'website');
  }
  const [row] = await ctx.db
    .insert(oauthApps)
    .values({
      id: generateId(),
      name,
      website: input.website ?? null,
      redirectUris: input.redirectUris,
      scopes: scopes.join(' '),
      clientId: randomToken(32),
      clientSecret: randomToken(32),
      createdAt: ctx.clock.now(),
    })
    .returning();
  return row!;
}

export async function findOAuthAppByClientId(ctx: AppContext, clientId: string): Promise<OAuthAppRow | null> {
  const [row] = await ctx.db.select().from(oauthApps).where(eq(oauthApps.clientId, clientId));
  return row ?? null;
}

export async function getOAuthApp(ctx: AppContext, id: string | null): Promise<OAuthAppRow> {
  const [row] = id ? await ctx.db.select().from(oauthApps).where(eq(oauthApps.id, id)) : [];
  if (!row) throw new NotFoundError('This token belongs to no application');
  return row;
}

export function matchesRedirectUri(app: OAuthAppRow, uri: string): boolean {
  if (app.redirectUris.includes(uri)) return true;
  // RFC 8252 §7.3: loopback redirects may use any port.
  try {
    const url = new URL(uri);
    if (url.protocol !== 'http:' || !['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname)) return false;
    return app.redirectUris.some((r) => {
      try {
        const reg = new URL(r);
        return reg.protocol === 'http:' && reg.hostname === url.hostname && reg.pathname === url.pathname;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

export interface AuthorizationRequest {
  app: OAuthAppRow;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  state: string | null;
}

/** Validates the query of GET/POST /oauth/authorize before anything is shown to the person. */
export async function validateAuthorizationRequest(
  ctx: AppContext,
  q: Record<string, string | undefined>,
): Promise<AuthorizationRequest> {
  if (q.response_type !== 'code')
    throw new OAuthError('unsupported_response_type', 'response_type must be "code"');
  const app = q.client_id ? await findOAuthAppByClientId(ctx, q.client_id) : null;
  if (!app) throw new OAuthError('invalid_client', 'Unknown client_id', 401);
  const redirectUri = q.redirect_uri ?? app.redirectUris[0] ?? '';
  if (!matchesRedirectUri(app, redirectUri)) {
    throw new OAuthError('invalid_request', 'redirect_uri does not match one registered for this app');
  }
  const { scopes, unknown } = parseScopes(q.scope, app.scopes);
  if (unknown.length) throw new OAuthError('invalid_scope', `Unknown scope(s): ${unknown.join(', ')}`);
  if (!isSubsetOf(scopes, app.scopes.split(' '))) {
    throw new OAuthError('invalid_scope', 'The requested scope is broader than the app registered');
  }
  const method = q.code_challenge ? (q.code_challenge_method ?? 'plain') : null;
  if (method && method !== 'S256')
    throw new OAuthError('invalid_request', 'code_challenge_method must be S256');
  return {
    app,
    redirectUri,
    scopes,
    codeChallenge: q.code_challenge ?? null,
    codeChallengeMethod: method,
    state: q.state ?? null,
  };
}

/** Issues a single-use authorization code (valid 10 minutes) after the person consented. */
export async function createAuthorizationCode(
  ctx: AppContext,
  req: AuthorizationRequest,
  userId: string,
): Promise<string> {
  const code = randomToken(32);
  await ctx.db.insert(oauthCodes).values({
    codeHash: hashToken(code),
    appId: req.app.id,
    userId,
    redirectUri: req.redirectUri,
    scopes: req.scopes.join(' '),
    codeChallenge: req.codeChallenge,
    codeChallengeMethod: req.codeChallengeMethod,
    expiresAt: new Date(ctx.clock.now().getTime() + 10 * 60_000),
  });
  return code;
}

export interface IssuedToken {
  accessToken: string;
  scope: string;
  createdAt: Date;
}

export interface TokenBinding {
  /** The persona the token acts as (decision 0009); null or absent: the user's primary account. */
  accountId?: string | null | undefined;
  expiresAt?: Date | null | undefined;
}

export async function issueToken(
  ctx: AppContext,
  appId: string | null,
  userId: string | null,
  scopes: string,
  binding: TokenBinding = {},
): Promise<IssuedToken> {
  const accessToken = randomToken(32);
  const createdAt = ctx.clock.now();
  await ctx.db.insert(oauthTokens).values({
    id: generateId(),
    tokenHash: hashToken(accessToken),
    appId,
    userId,
    accountId: binding.accountId ?? null,
    scopes,
    createdAt,
    expiresAt: binding.expiresAt ?? null,
  });
  return { accessToken, scope: scopes, createdAt };
}

async function authenticateClient(
  ctx: AppContext,
  clientId?: string,
  clientSecret?: string,
): Promise<OAuthAppRow> {
  const app = clientId ? await findOAuthAppByClientId(ctx, clientId) : null;
  if (!app) throw new OAuthError('invalid_client', 'Client authentication failed: unknown client_id', 401);
  if (clientSecret !== undefined && !safeEqual(app.clientSecret, clientSecret)) {
    throw new OAuthError('invalid_client', 'Client authentication failed: wrong client_secret', 401);
  }
  return app;
}

export interface TokenRequest {
  grant_type?: string | undefined;
  code?: string | undefined;
  redirect_uri?: string | undefined;
  client_id?: string | undefined;
  client_secret?: string | undefined;
  code_verifier?: string | undefined;
  scope?: string | undefined;
}

/** POST /oauth/token: authorization_code (with PKCE when a challenge was sent) and client_credentials. */
export async function exchangeToken(ctx: AppContext, body: TokenRequest): Promise<IssuedToken> {
  if (body.grant_type === 'authorization_code') {
    // A PKCE public client may omit the secret; a confidential one must send the right one.
    const app = await authenticateClient(
      ctx,
      body.client_id,
      body.code_verifier ? body.client_secret : (body.client_secret ?? ''),
    );
    if (!body.code) throw new OAuthError('invalid_request', 'code is required');
    const [row] = await ctx.db
      .select()
      .from(oauthCodes)
      .where(eq(oauthCodes.codeHash, hashToken(body.code)));
    const now = ctx.clock.now();
    if (!row || row.appId !== app.id || row.usedAt || row.expiresAt < now) {
      throw new OAuthError('invalid_grant', 'The authorization code is invalid, expired or already used');
    }
    if (body.redirect_uri !== undefined && body.redirect_uri !== row.redirectUri) {
      throw new OAuthError('invalid_grant', 'redirect_uri does not match the one used to authorize');
    }
    if (row.codeChallenge) {
      if (!body.code_verifier || !verifyPkce(body.code_verifier, row.codeChallenge)) {
        throw new OAuthError('invalid_grant', 'code_verifier does not match the code_challenge');
      }
    }
    const used = await ctx.db
      .update(oauthCodes)
      .set({ usedAt: now })
      .where(and(eq(oauthCodes.codeHash, row.codeHash), isNull(oauthCodes.usedAt)))
      .returning({ codeHash: oauthCodes.codeHash });
    if (used.length === 0) throw new OAuthError('invalid_grant', 'The authorization code was already used');
    return issueToken(ctx, app.id, row.userId, row.scopes);
  }
  if (body.grant_type === 'client_credentials') {
    const app = await authenticateClient(ctx, body.client_id, body.client_secret ?? '');
    const { scopes, unknown } = parseScopes(body.scope, 'read');
    if (unknown.length || !isSubsetOf(scopes, app.scopes.split(' '))) {
      throw new OAuthError(
        'invalid_scope',
        'The requested scope is invalid or broader than the app registered',
      );
    }
    return issueToken(ctx, app.id, null, scopes.join(' '));
  }
  if (body.grant_type === 'password') {
    throw new OAuthError(
      'unsupported_grant_type',
      'The password grant is not supported; use authorization_code with PKCE',
    );
  }
  throw new OAuthError(
    'unsupported_grant_type',
    'grant_type must be authorization_code or client_credentials',
  );
}

/** POST /oauth/revoke. Revoking an unknown token succeeds silently (RFC 7009). */
export async function revokeToken(
  ctx: AppContext,
  body: { token?: string | undefined; client_id?: string | undefined; client_secret?: string | undefined },
): Promise<void> {
  const app = await authenticateClient(ctx, body.client_id, body.client_secret ?? '');
  if (!body.token) throw new OAuthError('invalid_request', 'token is required');
  const revoked = await ctx.db
    .update(oauthTokens)
    .set({ revokedAt: ctx.clock.now() })
    .where(
      and(
        eq(oauthTokens.tokenHash, hashToken(body.token)),
        eq(oauthTokens.appId, app.id),
        isNull(oauthTokens.revokedAt),
      ),
    )
    .returning({ id: oauthTokens.id });
  for (const r of revoked) ctx.events.emit('TokenRevoked', { tokenId: r.id });
}

export interface Viewer {
  tokenId: string;
  /** When the token stops working; null for tokens that live until revoked. */
  expiresAt: Date | null;
  appId: string | null;
  scopes: string[];
  user: UserRow | null;
  account: AccountRow | null;
}

function buildTokenLookup(db: DbOrTx) {
  // NOTE: a token acts as its persona when it names one (oauth_tokens.account_id), else as the
  // user's primary account; `personaUserId` lets the caller check the persona is still the user's.
  return db
    .select({ token: oauthTokens, user: users, account: accounts, personaUserId: personas.userId })
    .from(oauthTokens)
    .leftJoin(users, eq(users.id, oauthTokens.userId))
    .leftJoin(personas, eq(personas.accountId, oauthTokens.accountId))
    .leftJoin(accounts, eq(accounts.id, sql`coalesce(${oauthTokens.accountId}, ${users.accountId})`))
    .where(eq(oauthTokens.tokenHash, sql.placeholder('hash')))
    .prepare('rounds_token_lookup');
}
const tokenLookups = new WeakMap<DbOrTx, ReturnType<typeof buildTokenLookup>>();

/** Resolves a bearer token to who is asking; null when unknown, revoked or expired. */
export async function resolveAccessToken(ctx: AppContext, token: string): Promise<Viewer | null> {
  // Every API request without a cached viewer runs this: prepared once per connection, PostgreSQL
  // plans it once instead of on every request (planning cost ~7x the lookup itself).
  let lookup = tokenLookups.get(ctx.db);
  if (!lookup) {
    lookup = buildTokenLookup(ctx.db);
    tokenLookups.set(ctx.db, lookup);
  }
  const [row] = await lookup.execute({ hash: hashToken(token) });
  if (!row || row.token.revokedAt) return null;
  if (row.token.expiresAt && row.token.expiresAt < ctx.clock.now()) return null;
  if (row.user && (row.user.disabled || !row.user.approved)) return null;
  const { accountId } = row.token;
  if (accountId !== null && accountId !== row.user?.accountId && row.personaUserId !== row.token.userId) {
    return null;
  }
  return {
    tokenId: row.token.id,
    expiresAt: row.token.expiresAt,
    appId: row.token.appId,
    scopes: row.token.scopes.split(' '),
    user: row.user,
    account: row.account,
  };
}
