import {
  type CreateStatusParams,
  type EditStatusParams,
  zCreateStatusParams,
  zEditStatusParams,
  zId,
  zReblogParams,
  zStatusIdsParams,
} from '@rounds/contract';
import type { Context } from 'hono';
import type { AppContext } from '../../context.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { applyThreadFilters } from '../../domain/filters/index.ts';
import {
  bookmarkStatus,
  type CreateStatusInput,
  createStatus,
  deleteStatus,
  type EditStatusInput,
  editStatus,
  favouriteStatus,
  findHydratedStatus,
  getStatusContext,
  getStatusHistory,
  getStatusSource,
  listFavouritedBy,
  listQuoteIds,
  listRebloggedBy,
  pinStatus,
  reblogStatus,
  unbookmarkStatus,
  unfavouriteStatus,
  unpinStatus,
  unreblogStatus,
} from '../../domain/statuses/index.ts';
import { optionalUser, requireUser } from '../auth.ts';
import { renderAccount } from '../entities/account.ts';
import {
  presentStatuses,
  renderContext,
  renderStatus,
  renderStatusEdit,
  renderStatusSource,
} from '../entities/status.ts';
import type { MastodonApp, MastodonEnv } from '../env.ts';
import { readPage, setLinkHeader } from '../pagination.ts';
import { parseWith, readParams, readQuery } from '../params.ts';
import { toPollInput } from './polls.ts';
import { respondScheduled } from './scheduled_statuses.ts';

type C = Context<MastodonEnv>;

/** A malformed id cannot name a status: it reads as "not found", like an unknown one. */
function statusId(c: C): string {
  const parsed = zId.safeParse(c.req.param('id'));
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}

/** Hydrates and renders one status for the viewer; 404 when it is gone or not visible. */
async function present(c: C, id: string, viewerId: string | null): Promise<Response> {
  const ctx = c.get('ctx');
  const h = await findHydratedStatus(ctx, id, viewerId);
  if (!h) throw new NotFoundError();
  return c.json(renderStatus(ctx.config, h));
}

type Action = (ctx: AppContext, accountId: string, id: string) => Promise<string>;

/** POST /api/v1/statuses/:id/<action>: run the domain command, then present the status it names. */
function action(app: MastodonApp, path: string, scope: string, run: Action): void {
  app.post(`/api/v1/statuses/:id/${path}`, async (c) => {
    const me = requireUser(c, scope);
    const id = await run(c.get('ctx'), me.account.id, statusId(c));
    return present(c, id, me.account.id);
  });
}

/** Mastodon's create parameters as the domain's input (shared with the Rounds API's posting route). */
export function toCreateStatusInput(
  p: CreateStatusParams,
  idempotencyKey: string | undefined,
): CreateStatusInput {
  return {
    text: p.status,
    spoilerText: p.spoiler_text,
    sensitive: p.sensitive,
    visibility: p.visibility,
    language: p.language,
    inReplyToId: p.in_reply_to_id,
    quotedStatusId: p.quoted_status_id,
    quotePolicy: p.quote_approval_policy,
    mediaIds: p.media_ids,
    poll: p.poll && toPollInput(p.poll),
    scheduledAt: p.scheduled_at,
    idempotencyKey,
  };
}

/** Mastodon's edit parameters as the domain's input. */
export function toEditStatusInput(p: EditStatusParams): EditStatusInput {
  return {
    text: p.status,
    spoilerText: p.spoiler_text,
    sensitive: p.sensitive,
    language: p.language,
    quotePolicy: p.quote_approval_policy,
    mediaIds: p.media_ids,
    mediaAttributes: p.media_attributes,
    poll: p.poll && toPollInput(p.poll),
  };
}

/** /api/v1/statuses: posting, reading, editing, deleting and interacting with statuses. */
export function registerStatuses(app: MastodonApp): void {
  app.post('/api/v1/statuses', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const p = parseWith(zCreateStatusParams, await readParams(c));
    const input = toCreateStatusInput(p, c.req.header('idempotency-key'));
    if (input.scheduledAt) return respondScheduled(c, me, input);
    const row = await createStatus(c.get('ctx'), me.account.id, input);
    return present(c, row.id, me.account.id);
  });

  app.get('/api/v1/statuses', async (c) => {
    const viewer = optionalUser(c, 'read:statuses');
    const { id } = parseWith(zStatusIdsParams, readQuery(c));
    return c.json(await presentStatuses(c.get('ctx'), [...new Set(id)], viewer?.account.id ?? null));
  });

  app.get('/api/v1/statuses/:id', async (c) => {
    const viewer = optionalUser(c, 'read:statuses');
    return present(c, statusId(c), viewer?.account.id ?? null);
  });

  app.delete('/api/v1/statuses/:id', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const ctx = c.get('ctx');
    const before = await deleteStatus(ctx, me.account.id, statusId(c));
    return c.json(renderStatus(ctx.config, before, { withSource: true }));
  });

  app.put('/api/v1/statuses/:id', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const id = statusId(c);
    const p = parseWith(zEditStatusParams, await readParams(c));
    await editStatus(c.get('ctx'), me.account.id, id, toEditStatusInput(p));
    return present(c, id, me.account.id);
  });

  app.get('/api/v1/statuses/:id/history', async (c) => {
    const viewer = optionalUser(c, 'read:statuses');
    const ctx = c.get('ctx');
    const history = await getStatusHistory(ctx, viewer?.account.id ?? null, statusId(c));
    return c.json(history.versions.map((v) => renderStatusEdit(ctx, history.account, v, history.media)));
  });

  app.get('/api/v1/statuses/:id/source', async (c) => {
    const me = requireUser(c, 'read:statuses');
    return c.json(renderStatusSource(await getStatusSource(c.get('ctx'), me.account.id, statusId(c))));
  });

  app.get('/api/v1/statuses/:id/context', async (c) => {
    const viewer = optionalUser(c, 'read:statuses');
    const ctx = c.get('ctx');
    const viewerId = viewer?.account.id ?? null;
    const thread = await applyThreadFilters(
      ctx,
      viewerId,
      await getStatusContext(ctx, viewerId, statusId(c)),
    );
    return c.json(renderContext(ctx.config, thread.ancestors, thread.descendants));
  });

  app.post('/api/v1/statuses/:id/reblog', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const p = parseWith(zReblogParams, await readParams(c));
    const reblog = await reblogStatus(c.get('ctx'), me.account.id, statusId(c), p.visibility);
    return present(c, reblog.id, me.account.id);
  });
  action(app, 'unreblog', 'write:statuses', unreblogStatus);
  action(app, 'favourite', 'write:favourites', favouriteStatus);
  action(app, 'unfavourite', 'write:favourites', unfavouriteStatus);
  action(app, 'bookmark', 'write:bookmarks', bookmarkStatus);
  action(app, 'unbookmark', 'write:bookmarks', unbookmarkStatus);
  action(app, 'pin', 'write:accounts', pinStatus);
  action(app, 'unpin', 'write:accounts', unpinStatus);

  for (const [path, list] of [
    ['favourited_by', listFavouritedBy],
    ['reblogged_by', listRebloggedBy],
  ] as const) {
    app.get(`/api/v1/statuses/:id/${path}`, async (c) => {
      const viewer = optionalUser(c, 'read:accounts');
      const ctx = c.get('ctx');
      const page = readPage(c, 80, 40);
      const result = await list(ctx, viewer?.account.id ?? null, statusId(c), page);
      setLinkHeader(c, result.cursors, ctx.config.publicUrl);
      return c.json(result.items.map((a) => renderAccount(ctx.config, a)));
    });
  }

  app.get('/api/v1/statuses/:id/quotes', async (c) => {
    const me = requireUser(c, 'read:statuses');
    const ctx = c.get('ctx');
    const ids = await listQuoteIds(ctx, me.account.id, statusId(c), readPage(c));
    setLinkHeader(c, ids, ctx.config.publicUrl);
    return c.json(await presentStatuses(ctx, ids, me.account.id));
  });
}
