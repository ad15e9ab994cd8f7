import { zInt } from '@rounds/contract';
import type { Context } from 'hono';
import { z } from 'zod';
import { findFollowedTagIds } from '../../domain/search/hashtags.ts';
import { listTrendingTags } from '../../domain/trends/index.ts';
import { optionalUser } from '../auth.ts';
import type { MastodonApp, MastodonEnv } from '../env.ts';
import { parseWith, readQuery } from '../params.ts';
import { presentTags } from './tags.ts';

/** Mastodon's default and ceiling for trending tags. */
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 20;
/** Trends are a short list; deeper offsets find nothing anyway. */
const MAX_OFFSET = 1000;

const TrendQuery = z.object({
  // Any larger limit is capped, as Mastodon does.
  limit: zInt(1, Number.MAX_SAFE_INTEGER)
    .transform((n) => Math.min(n, MAX_LIMIT))
    .optional(),
  offset: zInt(0, MAX_OFFSET).optional(),
});

/** Offset paging links, as Mastodon's trends send them: `next` when the page was full. */
function setOffsetLinks(c: Context<MastodonEnv>, offset: number, limit: number, count: number): void {
  const url = new URL(c.req.url);
  const base = `${c.get('ctx').config.publicUrl}${url.pathname}`;
  const at = (value: number) => {
    const q = new URLSearchParams(url.searchParams);
    q.set('offset', String(value));
    return `${base}?${q.toString()}`;
  };
  const links: string[] = [];
  if (count === limit) links.push(`<${at(offset + limit)}>; rel="next"`);
  if (offset > 0) links.push(`<${at(Math.max(0, offset - limit))}>; rel="prev"`);
  if (links.length > 0) c.header('Link', links.join(', '));
}

async function trendingTags(c: Context<MastodonEnv>): Promise<Response> {
  const viewer = optionalUser(c, 'read:follows');
  const ctx = c.get('ctx');
  const p = parseWith(TrendQuery, readQuery(c));
  const limit = p.limit ?? DEFAULT_LIMIT;
  const offset = p.offset ?? 0;
  const trending = await listTrendingTags(ctx.db, { limit, offset, now: ctx.clock.now() });
  const followed = viewer
    ? await findFollowedTagIds(
        ctx.db,
        viewer.account.id,
        trending.map((t) => t.id),
      )
    : null;
  setOffsetLinks(c, offset, limit, trending.length);
  return c.json(
    await presentTags(
      ctx,
      trending.map((tag) => ({ tag, following: followed ? followed.has(tag.id) : undefined })),
    ),
  );
}

/**
 * /api/v1/trends: hashtags people here are using more this week (see listTrendingTags), for
 * anyone. /api/v1/trends is Mastodon's older name for /api/v1/trends/tags.
 *
 * Trending statuses answer an honest empty list: Mastodon ranks them by favourites and reblogs,
 * and Rounds ranks nothing by reactions (no engagement bait, docs DESIGN). Trending links are
 * empty too: Rounds does not fetch link previews (PreviewCard) yet, so it has none to rank.
 */
export function registerTrends(app: MastodonApp): void {
  app.get('/api/v1/trends', trendingTags);
  app.get('/api/v1/trends/tags', trendingTags);
  for (const path of ['/api/v1/trends/statuses', '/api/v1/trends/links']) {
    app.get(path, (c) => {
      parseWith(TrendQuery, readQuery(c));
      return c.json([]);
    });
  }
}
