import { type TopFeedEntity, zBloomLevel, zInt } from '@rounds/contract';
import { z } from 'zod';
import { ValidationError } from '../../domain/errors.ts';
import { topFeed } from '../../domain/feeds/index.ts';
import { isValidTagName } from '../../domain/text/parse.ts';
import { optionalUser } from '../../mastodon/auth.ts';
import { presentStatuses } from '../../mastodon/entities/status.ts';
import type { MastodonApp } from '../../mastodon/env.ts';
import { parseWith, readQuery } from '../../mastodon/params.ts';

export const MAX_FEED_LIMIT = 40;

export const zTopFeedQuery = z.object({
  tag: z
    .string()
    .transform((t) => t.replace(/^#/, ''))
    .refine((t) => isValidTagName(t), 'must be a hashtag name (letters, digits, underscores)')
    .optional()
    .meta({ description: 'A hashtag: its posts, with endorsements by the specialties it belongs to' }),
  specialty: z
    .string()
    .max(60, 'is too long')
    .optional()
    .meta({ description: 'A specialty code: the posts of its hashtags, endorsed by its verified members' }),
  bloom_level: zBloomLevel
    .optional()
    .meta({ description: 'Only posts presenting a learning object of this Bloom level' }),
  limit: zInt(1, MAX_FEED_LIMIT).optional(),
  offset: zInt(0, 500).optional(),
});

/** What the ranking never reads, said with every answer. */
const NOT_COUNTED = [
  'follower counts',
  'likes and boosts from accounts without a verified credential',
  'how often a post was boosted or replied to',
];

/**
 * GET /api/rounds/v1/feeds/top: a merit-ranked topic feed (domain/feeds). Exactly one of `tag` and
 * `specialty`. Paged with `offset` and `limit` like Mastodon's trends; the Link header's `next`
 * gives the next page while there may be one.
 */
export function registerFeeds(app: MastodonApp): void {
  app.get('/api/rounds/v1/feeds/top', async (c) => {
    const viewer = optionalUser(c, 'read:statuses');
    const ctx = c.get('ctx');
    const q = parseWith(zTopFeedQuery, readQuery(c));
    if ((q.tag === undefined) === (q.specialty === undefined)) {
      throw new ValidationError('tag: give either a hashtag (tag) or a specialty code (specialty)', 'tag');
    }
    const limit = q.limit ?? 20;
    const offset = q.offset ?? 0;
    const viewerId = viewer?.account.id ?? null;
    const feed = await topFeed(
      ctx,
      viewerId,
      q.tag !== undefined
        ? { tag: q.tag, bloomLevel: q.bloom_level }
        : { specialty: q.specialty!, bloomLevel: q.bloom_level },
      { offset, limit },
    );
    const rendered = await presentStatuses(
      ctx,
      feed.items.map((i) => i.statusId),
      viewerId,
    );
    const byId = new Map(rendered.map((s) => [s.id, s]));
    if (feed.items.length === limit) {
      const url = new URL(c.req.url);
      const next = new URLSearchParams(url.searchParams);
      next.set('offset', String(offset + limit));
      c.header('Link', `<${ctx.config.publicUrl}${url.pathname}?${next.toString()}>; rel="next"`);
    }
    const body: TopFeedEntity = {
      topic: feed.topic,
      specialties: feed.specialties,
      not_counted: NOT_COUNTED,
      items: feed.items.flatMap((i) => {
        const status = byId.get(i.statusId);
        return status
          ? [
              {
                status: status as unknown as TopFeedEntity['items'][number]['status'],
                score: i.score,
                reasons: i.reasons,
              },
            ]
          : [];
      }),
    };
    return c.json(body);
  });
}
