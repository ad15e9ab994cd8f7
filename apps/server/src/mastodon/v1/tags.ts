import type { Context } from 'hono';
import type { AppContext } from '../../context.ts';
import {
  findTagRef,
  followTag,
  isFollowingTag,
  parseTagName,
  type TagRef,
  unfollowTag,
} from '../../domain/social/followed-tags.ts';
import { listTagHistories } from '../../domain/timelines/tag-history.ts';
import { optionalUser, requireUser } from '../auth.ts';
import { renderTag } from '../entities/tag.ts';
import type { MastodonApp, MastodonEnv } from '../env.ts';

/** Tag entity with history; `following`/`featuring` only for a signed-in viewer, as Mastodon. */
export async function presentTags(
  ctx: AppContext,
  list: ReadonlyArray<{ tag: TagRef; following?: boolean | undefined }>,
) {
  const histories = await listTagHistories(
    ctx.db,
    list.map((t) => t.tag.id),
    ctx.clock.now(),
  );
  return list.map(({ tag, following }) =>
    renderTag(ctx.config, tag, {
      history: histories.get(tag.id) ?? [],
      ...(following !== undefined ? { following, featuring: false } : {}),
    }),
  );
}

async function presentOne(c: Context<MastodonEnv>, tag: TagRef, following: boolean | undefined) {
  const [entity] = await presentTags(c.get('ctx'), [{ tag, following }]);
  return c.json(entity);
}

/** /api/v1/tags/:name: a hashtag's page data, and following or unfollowing it. */
export function registerTags(app: MastodonApp): void {
  app.get('/api/v1/tags/:name', async (c) => {
    const viewer = optionalUser(c, 'read:follows');
    const ctx = c.get('ctx');
    const tag = await findTagRef(ctx.db, parseTagName(c.req.param('name')));
    const following = viewer ? await isFollowingTag(ctx.db, viewer.account.id, tag.id) : undefined;
    return presentOne(c, tag, following);
  });

  app.post('/api/v1/tags/:name/follow', async (c) => {
    const me = requireUser(c, 'write:follows');
    return presentOne(c, await followTag(c.get('ctx'), me.account.id, c.req.param('name')), true);
  });

  app.post('/api/v1/tags/:name/unfollow', async (c) => {
    const me = requireUser(c, 'write:follows');
    return presentOne(c, await unfollowTag(c.get('ctx'), me.account.id, c.req.param('name')), false);
  });
}
