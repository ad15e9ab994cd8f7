import { zBool, zId } from '@rounds/contract';
import type { Context } from 'hono';
import { z } from 'zod';
import {
  addListAccounts,
  createList,
  deleteList,
  getOwnedList,
  LIST_REPLIES_POLICIES,
  listListMembers,
  listListsHolding,
  listOwnedLists,
  removeListAccounts,
  selectListTimelineIds,
  updateList,
} from '../../domain/lists/index.ts';
import { requireUser } from '../auth.ts';
import { renderAccount } from '../entities/account.ts';
import { renderList } from '../entities/list.ts';
import { presentStatuses } from '../entities/status.ts';
import type { MastodonApp, MastodonEnv } from '../env.ts';
import { readPage, setLinkHeader } from '../pagination.ts';
import { parseWith, pathId, readParams, readQuery } from '../params.ts';

/** How many accounts one add or remove call may name. */
const MAX_ACCOUNT_IDS = 250;

const ListParams = z.object({
  title: z.string({ error: (issue) => (issue.input === undefined ? "can't be blank" : 'must be text') }),
  replies_policy: z
    .enum(LIST_REPLIES_POLICIES, { message: `must be one of ${LIST_REPLIES_POLICIES.join(', ')}` })
    .optional(),
  exclusive: zBool.optional(),
});

const AccountIdsParams = z.object({
  account_ids: z.preprocess(
    (v) =>
      v === undefined ? [] : Array.isArray(v) ? v : typeof v === 'object' && v ? Object.values(v) : [v],
    z
      .array(zId)
      .min(1, 'name at least one account')
      .max(MAX_ACCOUNT_IDS, `at most ${MAX_ACCOUNT_IDS} accounts at once`),
  ),
});

/** Mastodon's `limit=0`: every member at once, without pages. */
function wantsEveryMember(c: Context<MastodonEnv>): boolean {
  return readQuery(c).limit === '0';
}

/**
 * /api/v1/lists (the signed-in user's lists and their members), /api/v1/accounts/:id/lists (which
 * of them hold an account) and /api/v1/timelines/list/:list_id (a list's timeline).
 */
export function registerLists(app: MastodonApp): void {
  app.get('/api/v1/lists', async (c) => {
    const me = requireUser(c, 'read:lists');
    const lists = await listOwnedLists(c.get('ctx').db, me.account.id);
    return c.json(lists.map(renderList));
  });

  app.post('/api/v1/lists', async (c) => {
    const me = requireUser(c, 'write:lists');
    const p = parseWith(ListParams, await readParams(c));
    const list = await createList(c.get('ctx'), me.account.id, {
      title: p.title,
      repliesPolicy: p.replies_policy,
      exclusive: p.exclusive,
    });
    return c.json(renderList(list));
  });

  app.get('/api/v1/lists/:id', async (c) => {
    const me = requireUser(c, 'read:lists');
    return c.json(renderList(await getOwnedList(c.get('ctx').db, me.account.id, pathId(c))));
  });

  app.put('/api/v1/lists/:id', async (c) => {
    const me = requireUser(c, 'write:lists');
    const id = pathId(c);
    const p = parseWith(ListParams.partial(), await readParams(c));
    const list = await updateList(c.get('ctx'), me.account.id, id, {
      title: p.title,
      repliesPolicy: p.replies_policy,
      exclusive: p.exclusive,
    });
    return c.json(renderList(list));
  });

  app.delete('/api/v1/lists/:id', async (c) => {
    const me = requireUser(c, 'write:lists');
    await deleteList(c.get('ctx'), me.account.id, pathId(c));
    return c.json({});
  });

  app.get('/api/v1/lists/:id/accounts', async (c) => {
    const me = requireUser(c, 'read:lists');
    const ctx = c.get('ctx');
    const id = pathId(c);
    const page = wantsEveryMember(c) ? null : readPage(c, 80, 40);
    const items = await listListMembers(ctx, me.account.id, id, page);
    if (page) {
      setLinkHeader(
        c,
        items.map((i) => i.cursor),
        ctx.config.publicUrl,
      );
    }
    return c.json(items.map((i) => renderAccount(ctx.config, i.account)));
  });

  app.post('/api/v1/lists/:id/accounts', async (c) => {
    const me = requireUser(c, 'write:lists');
    const id = pathId(c);
    const p = parseWith(AccountIdsParams, await readParams(c));
    await addListAccounts(c.get('ctx'), me.account.id, id, p.account_ids);
    return c.json({});
  });

  app.delete('/api/v1/lists/:id/accounts', async (c) => {
    const me = requireUser(c, 'write:lists');
    const id = pathId(c);
    const p = parseWith(AccountIdsParams, await readParams(c));
    await removeListAccounts(c.get('ctx'), me.account.id, id, p.account_ids);
    return c.json({});
  });

  app.get('/api/v1/accounts/:id/lists', async (c) => {
    const me = requireUser(c, 'read:lists');
    const lists = await listListsHolding(c.get('ctx').db, me.account.id, pathId(c));
    return c.json(lists.map(renderList));
  });

  app.get('/api/v1/timelines/list/:list_id', async (c) => {
    const me = requireUser(c, 'read:lists');
    const ctx = c.get('ctx');
    const listId = parseWith(z.object({ list_id: zId }), { list_id: c.req.param('list_id') }).list_id;
    const ids = await selectListTimelineIds(ctx.db, me.account.id, listId, readPage(c), ctx.clock.now());
    // NOTE: cursors come from the selected ids, so a row hydration drops never stalls paging.
    setLinkHeader(c, ids, ctx.config.publicUrl);
    // Mastodon's clients filter list timelines with the `home` context.
    return c.json(await presentStatuses(ctx, ids, me.account.id, undefined, 'home'));
  });
}
