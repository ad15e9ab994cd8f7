import type { Context } from 'hono';
import { UnauthorizedError } from '../domain/errors.ts';
import { resolveAccessToken } from '../domain/oauth/index.ts';
import type { MastodonEnv } from '../mastodon/env.ts';
import type { StreamViewerIdentity } from './hub.ts';

/**
 * The token a browser WebSocket can send: `new WebSocket(url, token)` puts it in
 * Sec-WebSocket-Protocol (the handshake echoes it back; `ws` does so for the first protocol).
 */
function protocolToken(header: string | undefined): string | null {
  const first = header?.split(',')[0]?.trim();
  return first ? first : null;
}

/**
 * Who opens a stream. The token comes from the Authorization header (already resolved by the API
 * middleware, which answers 401 for a bad one), the `access_token` query parameter or the
 * Sec-WebSocket-Protocol header, in that order. As Mastodon since 4.2, every stream needs a user
 * token: no anonymous or app-only streaming.
 */
export async function resolveStreamViewer(c: Context<MastodonEnv>): Promise<StreamViewerIdentity> {
  let viewer = c.get('viewer');
  if (!viewer) {
    const token = c.req.query('access_token') || protocolToken(c.req.header('sec-websocket-protocol'));
    if (token) {
      viewer = await resolveAccessToken(c.get('ctx'), token);
      if (!viewer) throw new UnauthorizedError('The access token is invalid');
    }
  }
  if (!viewer) throw new UnauthorizedError('Missing access token');
  if (!viewer.user || !viewer.account)
    throw new UnauthorizedError('This method requires an authenticated user');
  return { accountId: viewer.account.id, tokenId: viewer.tokenId, scopes: viewer.scopes };
}
