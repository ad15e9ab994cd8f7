import type { Hono } from 'hono';
import type { AppContext } from '../context.ts';
import type { Viewer } from '../domain/oauth/index.ts';

/** Hono environment shared by the Mastodon adapter's routes. */
export interface MastodonEnv {
  Variables: {
    ctx: AppContext;
    /** null when the request carried no token. An invalid token never reaches a handler (401). */
    viewer: Viewer | null;
  };
}

export type MastodonApp = Hono<MastodonEnv>;
