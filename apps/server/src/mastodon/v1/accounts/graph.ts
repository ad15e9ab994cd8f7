import { zBool, zId, zInt } from '@rounds/contract';
import type { Context } from 'hono';
import { z } from 'zod';
import { blockAccount, unblockAccount } from '../../../domain/social/blocks.ts';
import {
  type AccountPageItem,
  followAccount,
  listFollowers,
  listFollowing,
  removeFromFollowers,
  unfollowAccount,
} from '../../../domain/social/follows.ts';
import { muteAccount, unmuteAccount } from '../../../domain/social/mutes.ts';
import { setAccountNote } from '../../../domain/social/notes.ts';
import { listRelationships } from '../../../domain/social/relationships.ts';
import { optionalUser, requireUser } from '../../auth.ts';
import { renderAccount } from '../../entities/account.ts';
import { renderRelationship } from '../../entities/relationship.ts';
import type { MastodonApp, MastodonEnv } from '../../env.ts';
import { readPage, setLinkHeader } from '../../pagination.ts';
import { parseWith, pathId, readParams, readQuery } from '../../params.ts';

const MAX_RELATIONSHIP_IDS = 200;

const FollowParams = z.object({
  reblogs: zBool.optional(),
  notify: zBool.optional(),
  languages: z
    .preprocess(
      (v) => (v === undefined || v === null ? undefined : Array.isArray(v) ? v : [v]),
      z.array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)?$/, 'must be ISO 639 language codes')),
    )
    .optional(),
});

const MuteParams = z.object({
  notifications: zBool.optional(),
  duration: zInt(0, 2_147_483_647).optional(),
});

const NoteParams = z.object({
  comment: z.string().max(2000, 'is too long (at most 2000 characters)').default(''),
});

const RelationshipsQuery = z.object({
  id: z
    .preprocess(
      (v) =>
        v === undefined ? [] : Array.isArray(v) ? v : typeof v === 'object' && v ? Object.values(v) : [v],
      z.array(zId).max(MAX_RELATIONSHIP_IDS, `at most ${MAX_RELATIONSHIP_IDS} ids`),
    )
    .default([]),
  with_suspended: zBool.optional(),
});

function presentAccountPage(c: Context<MastodonEnv>, items: AccountPageItem[]) {
  const { config } = c.get('ctx');
  setLinkHeader(
    c,
    items.map((i) => i.cursor),
    config.publicUrl,
  );
  return c.json(items.map((i) => renderAccount(config, i.account)));
}

/** Follows, blocks, mutes, notes and relationships under /api/v1/accounts. */
export function registerAccountGraph(app: MastodonApp): void {
  app.get('/api/v1/accounts/relationships', async (c) => {
    const me = requireUser(c, 'read:follows');
    const ctx = c.get('ctx');
    // with_suspended is accepted for compatibility: Rounds has no suspended accounts to leave out yet.
    const q = parseWith(RelationshipsQuery, readQuery(c));
    const rels = await listRelationships(ctx.db, me.account.id, q.id, ctx.clock.now());
    return c.json(rels.map(renderRelationship));
  });

  app.post('/api/v1/accounts/:id/follow', async (c) => {
    const me = requireUser(c, 'write:follows');
    const id = pathId(c);
    const p = parseWith(FollowParams, await readParams(c));
    // NOTE: `languages` is validated but not stored yet (follows has no languages column).
    const rel = await followAccount(c.get('ctx'), me.account.id, id, {
      reblogs: p.reblogs,
      notify: p.notify,
    });
    return c.json(renderRelationship(rel));
  });

  app.post('/api/v1/accounts/:id/unfollow', async (c) => {
    const me = requireUser(c, 'write:follows');
    return c.json(renderRelationship(await unfollowAccount(c.get('ctx'), me.account.id, pathId(c))));
  });

  app.post('/api/v1/accounts/:id/remove_from_followers', async (c) => {
    const me = requireUser(c, 'write:follows');
    return c.json(renderRelationship(await removeFromFollowers(c.get('ctx'), me.account.id, pathId(c))));
  });

  app.post('/api/v1/accounts/:id/block', async (c) => {
    const me = requireUser(c, 'write:blocks');
    return c.json(renderRelationship(await blockAccount(c.get('ctx'), me.account.id, pathId(c))));
  });

  app.post('/api/v1/accounts/:id/unblock', async (c) => {
    const me = requireUser(c, 'write:blocks');
    return c.json(renderRelationship(await unblockAccount(c.get('ctx'), me.account.id, pathId(c))));
  });

  app.post('/api/v1/accounts/:id/mute', async (c) => {
    const me = requireUser(c, 'write:mutes');
    const id = pathId(c);
    const p = parseWith(MuteParams, await readParams(c));
    const rel = await muteAccount(c.get('ctx'), me.account.id, id, {
      notifications: p.notifications,
      durationSeconds: p.duration,
    });
    return c.json(renderRelationship(rel));
  });

  app.post('/api/v1/accounts/:id/unmute', async (c) => {
    const me = requireUser(c, 'write:mutes');
    return c.json(renderRelationship(await unmuteAccount(c.get('ctx'), me.account.id, pathId(c))));
  });

  app.post('/api/v1/accounts/:id/note', async (c) => {
    const me = requireUser(c, 'write:accounts');
    const id = pathId(c);
    const p = parseWith(NoteParams, await readParams(c));
    return c.json(renderRelationship(await setAccountNote(c.get('ctx'), me.account.id, id, p.comment)));
  });

  app.get('/api/v1/accounts/:id/followers', async (c) => {
    const viewer = optionalUser(c, 'read:accounts');
    const id = pathId(c);
    const items = await listFollowers(c.get('ctx'), id, viewer?.account.id ?? null, readPage(c, 80, 40));
    return presentAccountPage(c, items);
  });

  app.get('/api/v1/accounts/:id/following', async (c) => {
    const viewer = optionalUser(c, 'read:accounts');
    const id = pathId(c);
    const items = await listFollowing(c.get('ctx'), id, viewer?.account.id ?? null, readPage(c, 80, 40));
    return presentAccountPage(c, items);
  });
}
