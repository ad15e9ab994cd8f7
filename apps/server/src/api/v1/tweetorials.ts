import {
  type ReferenceEntity,
  type Tweetorial,
  type TweetorialCompletion,
  type TweetorialParams,
  type TweetorialReading,
  type TweetorialVersion,
  zCompleteTweetorialParams,
  zInt,
  zTweetorialListParams,
  zTweetorialParams,
  zUncompleteTweetorialParams,
} from '@rounds/contract';
import { z } from 'zod';
import type { Config } from '../../config/index.ts';
import type { AppContext } from '../../context.ts';
import type { TweetorialCompletionRow, TweetorialRow, TweetorialVersionRow } from '../../db/schema/index.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { referenceUrl } from '../../domain/evidence/index.ts';
import { toPage } from '../../domain/pagination.ts';
import {
  completeTweetorial,
  deleteTweetorial,
  editTweetorial,
  findCurrentVersions,
  findLatestCompletions,
  getTweetorialVersion,
  getTweetorialView,
  listTweetorials,
  listTweetorialVersions,
  publishTweetorial,
  type TweetorialInput,
  type TweetorialView,
  uncompleteTweetorial,
} from '../../domain/tweetorials/index.ts';
import { optionalUser, requireUser } from '../../mastodon/auth.ts';
import { presentStatuses, type StatusEntity } from '../../mastodon/entities/status.ts';
import type { MastodonApp } from '../../mastodon/env.ts';
import { setLinkHeader } from '../../mastodon/pagination.ts';
import { parseWith, pathId, readBody, readQuery } from '../../mastodon/params.ts';

export const TWEETORIALS_PATH = '/api/rounds/v1/tweetorials';

function toInput(p: TweetorialParams): TweetorialInput {
  return {
    title: p.title,
    objectives: p.objectives,
    parts: p.parts.map((part) => ({ text: part.text, mediaIds: part.media_ids })),
    references: p.references,
    evidenceLevel: p.evidence_level,
    tags: p.tags,
    audience: p.audience,
    bloomLevel: p.bloom_level,
    visibility: p.visibility,
    language: p.language,
  };
}

function renderReferences(v: TweetorialVersionRow): ReferenceEntity[] {
  return v.references.map((r) => ({
    type: r.kind,
    value: r.value,
    url: referenceUrl(r),
    source: 'attached',
  }));
}

function renderCompletion(c: TweetorialCompletionRow): TweetorialCompletion {
  return {
    tweetorial_id: c.tweetorialId,
    version: c.version,
    completed_at: c.completedAt.toISOString(),
    reflection: c.reflection,
    time_spent_seconds: c.timeSpentSeconds,
    record_entry_id: c.recordEntryId,
  };
}

/** The Rounds reading view in the web app. */
export function readingUrl(config: Config, id: string): string {
  return `${config.publicUrl}/tweetorials/${id}`;
}

function renderTweetorial(
  config: Config,
  row: TweetorialRow,
  version: TweetorialVersionRow,
  completion: TweetorialCompletionRow | null,
  root: StatusEntity,
): Tweetorial {
  return {
    id: row.id,
    url: root.url,
    reading_url: readingUrl(config, row.id),
    status_id: row.rootStatusId,
    account: root.account,
    created_at: row.createdAt.toISOString(),
    edited_at: row.editedAt ? row.editedAt.toISOString() : null,
    version: version.version,
    title: version.title,
    objectives: version.objectives,
    audience: version.audience,
    bloom_level: version.bloomLevel,
    tags: version.tags,
    language: version.language ?? root.language,
    visibility: row.visibility,
    evidence_level: version.evidenceLevel,
    references: renderReferences(version),
    parts_count: version.parts.length,
    completion: completion ? renderCompletion(completion) : null,
  };
}

function renderVersion(v: TweetorialVersionRow): TweetorialVersion {
  return {
    tweetorial_id: v.tweetorialId,
    version: v.version,
    created_at: v.createdAt.toISOString(),
    title: v.title,
    objectives: v.objectives,
    audience: v.audience,
    bloom_level: v.bloomLevel,
    tags: v.tags,
    language: v.language,
    evidence_level: v.evidenceLevel,
    references: renderReferences(v),
    parts: v.parts.map((p, i) => ({
      position: i + 1,
      text: p.text,
      content: p.contentHtml,
      media_ids: p.mediaIds,
      status_id: p.statusId,
    })),
  };
}

/** The reading view: the tweetorial and its parts as Status entities, in order, for `viewerId`. */
async function presentReading(
  ctx: AppContext,
  view: TweetorialView,
  viewerId: string | null,
): Promise<TweetorialReading> {
  const parts = await presentStatuses(
    ctx,
    view.version.parts.map((p) => p.statusId),
    viewerId,
  );
  const root = parts.find((s) => s.id === view.row.rootStatusId);
  if (!root) throw new NotFoundError();
  return {
    ...renderTweetorial(ctx.config, view.row, view.version, view.completion, root),
    parts: parts as unknown as TweetorialReading['parts'],
  };
}

const zVersionParam = z.object({ version: zInt(1, 1_000_000) });

/**
 * /api/rounds/v1/tweetorials: publish, read (the reading view, versions, lists), edit as a unit,
 * delete, and the learner's completion. Reads follow the statuses' visibility rules (404 for what
 * the caller may not see); writes need write:statuses. docs/rounds-api.md, "Tweetorials".
 */
export function registerTweetorials(app: MastodonApp): void {
  app.post(TWEETORIALS_PATH, async (c) => {
    const me = requireUser(c, 'write:statuses');
    const ctx = c.get('ctx');
    const p = parseWith(zTweetorialParams, await readBody(c));
    const row = await publishTweetorial(ctx, me.account.id, toInput(p), c.req.header('idempotency-key'));
    return c.json(
      await presentReading(ctx, await getTweetorialView(ctx.db, me.account.id, row.id), me.account.id),
    );
  });

  app.get(TWEETORIALS_PATH, async (c) => {
    const me = optionalUser(c, 'read:statuses');
    const ctx = c.get('ctx');
    const viewerId = me?.account.id ?? null;
    const q = parseWith(zTweetorialListParams, readQuery(c));
    const rows = await listTweetorials(
      ctx.db,
      viewerId,
      { accountId: q.account_id, bloomLevel: q.bloom_level, tag: q.tag },
      toPage(q),
      ctx.clock.now(),
    );
    const versions = await findCurrentVersions(ctx.db, rows);
    const completions = await findLatestCompletions(
      ctx.db,
      viewerId,
      rows.map((r) => r.id),
    );
    const roots = new Map(
      (
        await presentStatuses(
          ctx,
          rows.map((r) => r.rootStatusId),
          viewerId,
        )
      ).map((s) => [s.id, s]),
    );
    const body: Tweetorial[] = rows.flatMap((row) => {
      const root = roots.get(row.rootStatusId);
      const version = versions.get(row.id);
      return root && version
        ? [renderTweetorial(ctx.config, row, version, completions.get(row.id) ?? null, root)]
        : [];
    });
    setLinkHeader(
      c,
      rows.map((r) => r.id),
      ctx.config.publicUrl,
    );
    return c.json(body);
  });

  app.get(`${TWEETORIALS_PATH}/:id`, async (c) => {
    const me = optionalUser(c, 'read:statuses');
    const ctx = c.get('ctx');
    const viewerId = me?.account.id ?? null;
    const id = pathId(c);
    return c.json(await presentReading(ctx, await getTweetorialView(ctx.db, viewerId, id), viewerId));
  });

  app.put(`${TWEETORIALS_PATH}/:id`, async (c) => {
    const me = requireUser(c, 'write:statuses');
    const ctx = c.get('ctx');
    const id = pathId(c);
    const p = parseWith(zTweetorialParams, await readBody(c));
    await editTweetorial(ctx, me.account.id, id, toInput(p));
    return c.json(
      await presentReading(ctx, await getTweetorialView(ctx.db, me.account.id, id), me.account.id),
    );
  });

  app.delete(`${TWEETORIALS_PATH}/:id`, async (c) => {
    const me = requireUser(c, 'write:statuses');
    const ctx = c.get('ctx');
    const id = pathId(c);
    return c.json(renderVersion(await deleteTweetorial(ctx, me.account.id, id)));
  });

  app.get(`${TWEETORIALS_PATH}/:id/versions`, async (c) => {
    const me = optionalUser(c, 'read:statuses');
    const ctx = c.get('ctx');
    const id = pathId(c);
    const versions = await listTweetorialVersions(ctx.db, me?.account.id ?? null, id);
    return c.json(versions.map(renderVersion));
  });

  app.get(`${TWEETORIALS_PATH}/:id/versions/:version`, async (c) => {
    const me = optionalUser(c, 'read:statuses');
    const ctx = c.get('ctx');
    const id = pathId(c);
    const { version } = parseWith(zVersionParam, { version: c.req.param('version') });
    return c.json(renderVersion(await getTweetorialVersion(ctx.db, me?.account.id ?? null, id, version)));
  });

  app.post(`${TWEETORIALS_PATH}/:id/complete`, async (c) => {
    const me = requireUser(c, 'write:statuses');
    const ctx = c.get('ctx');
    const id = pathId(c);
    const p = parseWith(zCompleteTweetorialParams, await readBody(c));
    const completion = await completeTweetorial(ctx, me.account.id, id, {
      reflection: p.reflection,
      timeSpentSeconds: p.time_spent_seconds,
    });
    return c.json(renderCompletion(completion));
  });

  app.delete(`${TWEETORIALS_PATH}/:id/complete`, async (c) => {
    const me = requireUser(c, 'write:statuses');
    const ctx = c.get('ctx');
    const id = pathId(c);
    const p = parseWith(zUncompleteTweetorialParams, { ...readQuery(c), ...(await readBody(c)) });
    await uncompleteTweetorial(ctx, me.account.id, id, p.version);
    return c.json({});
  });
}
