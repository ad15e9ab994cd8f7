import { zBloomLevel, zBool, zStringList } from '@rounds/contract';
import type { Context } from 'hono';
import { z } from 'zod';
import type { FilterContext } from '../../db/schema/index.ts';
import type { RowWithAuthor } from '../../domain/statuses/hydrate-sql.ts';
import { isValidTagName } from '../../domain/text/parse.ts';
import { selectHomeTimelineRows } from '../../domain/timelines/home.ts';
import { selectPublicTimelineIds } from '../../domain/timelines/public.ts';
import { selectTagTimelineIds } from '../../domain/timelines/tag.ts';
import { optionalUser, requireUser } from '../auth.ts';
import { presentStatuses } from '../entities/status.ts';
import type { MastodonApp, MastodonEnv } from '../env.ts';
import { readPage, setLinkHeader } from '../pagination.ts';
import { parseWith, readQuery } from '../params.ts';

/** Mastodon reads at most four tags per any/all/none list. */
const TAGS_PER_MODE = 4;

const PublicQuery = z.object({
  local: zBool.optional(),
  remote: zBool.optional(),
  only_media: zBool.optional(),
  /** Rounds: only statuses presenting a learning object of this Bloom level. */
  bloom_level: zBloomLevel.optional(),
});

const tagList = zStringList
  .pipe(
    z
      .array(z.string().refine((t) => isValidTagName(t.replace(/^#/, '')), 'must be hashtag names'))
      .max(TAGS_PER_MODE, `at most ${TAGS_PER_MODE} tags`),
  )
  .transform((list) => list.map((t) => t.replace(/^#/, '')))
  .optional();

const TagQuery = PublicQuery.extend({
  hashtag: z
    .string()
    .refine((t) => isValidTagName(t), 'must be a hashtag name (letters, digits, underscores)'),
  any: tagList,
  all: tagList,
  none: tagList,
});

/** Answers a page of status ids: hydrated for the viewer, with Link headers from the ids. */
async function presentPage(
  c: Context<MastodonEnv>,
  ids: string[],
  viewerId: string | null,
  filterContext: FilterContext,
  preloaded?: readonly RowWithAuthor[],
) {
  const ctx = c.get('ctx');
  // NOTE: cursors come from the selected ids, so a row hydration drops never stalls paging.
  setLinkHeader(c, ids, ctx.config.publicUrl);
  return c.json(await presentStatuses(ctx, ids, viewerId, preloaded, filterContext));
}

/** /api/v1/timelines: home, public and hashtag feeds. */
export function registerTimelines(app: MastodonApp): void {
  app.get('/api/v1/timelines/home', async (c) => {
    const me = requireUser(c, 'read:statuses');
    const ctx = c.get('ctx');
    const page = await selectHomeTimelineRows(ctx.db, me.account.id, readPage(c), ctx.clock.now());
    return presentPage(c, page.ids, me.account.id, 'home', page.rows);
  });

  app.get('/api/v1/timelines/public', async (c) => {
    const viewer = optionalUser(c, 'read:statuses');
    const ctx = c.get('ctx');
    const q = parseWith(PublicQuery, readQuery(c));
    const viewerId = viewer?.account.id ?? null;
    const ids = await selectPublicTimelineIds(
      ctx.db,
      viewerId,
      readPage(c),
      { local: q.local, remote: q.remote, onlyMedia: q.only_media, bloomLevel: q.bloom_level },
      ctx.clock.now(),
    );
    return presentPage(c, ids, viewerId, 'public');
  });

  app.get('/api/v1/timelines/tag/:hashtag', async (c) => {
    const viewer = optionalUser(c, 'read:statuses');
    const ctx = c.get('ctx');
    const q = parseWith(TagQuery, { ...readQuery(c), hashtag: c.req.param('hashtag').replace(/^#/, '') });
    const viewerId = viewer?.account.id ?? null;
    const ids = await selectTagTimelineIds(
      ctx.db,
      viewerId,
      readPage(c),
      {
        tag: q.hashtag,
        any: q.any,
        all: q.all,
        none: q.none,
        local: q.local,
        remote: q.remote,
        onlyMedia: q.only_media,
        bloomLevel: q.bloom_level,
      },
      ctx.clock.now(),
    );
    return presentPage(c, ids, viewerId, 'public');
  });
}
