import type { Context } from 'hono';
import type { AccountRow, UserRow } from '../db/schema/index.ts';
import { ForbiddenError, UnauthorizedError } from '../domain/errors.ts';
import type { Viewer } from '../domain/oauth/index.ts';
import { hasScope } from '../domain/oauth/scopes.ts';
import type { MastodonEnv } from './env.ts';

export interface SignedIn extends Viewer {
  user: UserRow;
  account: AccountRow;
}

function checkScope(viewer: Viewer, scope: string): void {
  if (!hasScope(viewer.scopes, scope)) {
    throw new ForbiddenError(`This action is outside the authorized scopes (needs ${scope})`);
  }
}

/** The signed-in user holding `scope`; 401 without a user token, 403 without the scope. */
export function requireUser(c: Context<MastodonEnv>, scope: string): SignedIn {
  const viewer = c.get('viewer');
  if (!viewer) throw new UnauthorizedError('The access token is missing; sign in first');
  if (!viewer.user || !viewer.account)
    throw new UnauthorizedError('This method requires an authenticated user');
  checkScope(viewer, scope);
  return viewer as SignedIn;
}

/** An app token (client credentials) or a user token holding `scope`. */
export function requireApp(c: Context<MastodonEnv>, scope: string): Viewer {
  const viewer = c.get('viewer');
  if (!viewer) throw new UnauthorizedError('The access token is missing');
  checkScope(viewer, scope);
  return viewer;
}

/**
 * Public read endpoints: anonymous is fine; a user token counts only if it holds `scope`
 * (a token without it reads as anonymous would, like Mastodon).
 */
export function optionalUser(c: Context<MastodonEnv>, scope: string): SignedIn | null {
  const viewer = c.get('viewer');
  if (!viewer?.user || !viewer.account) return null;
  if (!hasScope(viewer.scopes, scope)) return null;
  return viewer as SignedIn;
}

export function bearerToken(c: Context): string | null {
  const header = c.req.header('authorization');
  if (header) {
    const m = header.match(/^Bearer\s+(.+)$/i);
    return m ? m[1]!.trim() : null;
  }
  return null;
}
