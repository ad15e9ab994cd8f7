import type { AppContext } from '../../context.ts';
import { resolveAccessToken, type Viewer } from './index.ts';
import { hashToken } from './tokens.ts';

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export interface ViewerCache {
  resolve(token: string): Promise<Viewer | null>;
}

/**
 * Remembers who a bearer token belongs to for five seconds, so a client paging through timelines
 * does not pay a token lookup per request. Revocation in this process evicts at once (TokenRevoked);
 * in other processes it takes effect within the TTL, the same bound live streams give. Only valid
 * tokens are cached: an unknown token is looked up every time.
 */
export function createViewerCache(ctx: AppContext): ViewerCache {
  const entries = new Map<string, { viewer: Viewer; expires: number }>();
  ctx.events.on('TokenRevoked', ({ tokenId }) => {
    for (const [key, entry] of entries) if (entry.viewer.tokenId === tokenId) entries.delete(key);
  });
  return {
    async resolve(token) {
      const key = hashToken(token);
      const now = ctx.clock.now().getTime();
      const hit = entries.get(key);
      if (hit && hit.expires > now) return hit.viewer;
      const viewer = await resolveAccessToken(ctx, token);
      if (viewer) {
        if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
        entries.set(key, {
          viewer,
          expires: Math.min(now + TTL_MS, viewer.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY),
        });
      } else {
        entries.delete(key);
      }
      return viewer;
    },
  };
}
