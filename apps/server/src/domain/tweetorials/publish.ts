import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { generateId } from '../../db/ids.ts';
import {
  type TweetorialPartSnapshot,
  type TweetorialRow,
  type TweetorialVersionRow,
  tweetorials,
  tweetorialVersions,
} from '../../db/schema/index.ts';
import { getAccount } from '../accounts/index.ts';
import { ValidationError } from '../errors.ts';
import type { Reference, ReferenceParam } from '../evidence/index.ts';
import { linkStatuses, unlinkObject } from '../learning/index.ts';
import { PhiDetectedError } from '../phi/gate.ts';
import { findIdempotentStatusId } from '../statuses/create.ts';
import {
  createStatus,
  deleteStatus,
  editStatus,
  findStatusRow,
  type StatusRecord,
} from '../statuses/index.ts';
import { inOneTransaction } from '../transaction.ts';
import { composePartText } from './compose.ts';
import { type PreparedTweetorial, prepareTweetorial, type TweetorialInput } from './input.ts';
import { getCurrentVersion, getOwnTweetorial, lockTweetorial } from './lookup.ts';

/** A field of one part's status, as the tweetorial names it: `status` → `parts.2.text`. */
function partField(i: number, field: string): string {
  return field === 'status' ? `parts.${i}.text` : `parts.${i}.${field}`;
}

/**
 * Runs the statuses domain for part `i` and names the part in what it refuses (a media id that
 * is not the author's upload: `parts.2.media_ids: …`), so the client can point at the part.
 */
async function inPart<T>(i: number, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PhiDetectedError) {
      const spans = error.spans.map((s) => ({ ...s, field: partField(i, s.field) }));
      throw new PhiDetectedError(
        spans,
        error.redacted,
        `Found in parts.${i}.text: remove them; nothing was stored.`,
      );
    }
    if (error instanceof ValidationError && error.field && error.field !== 'Idempotency-Key') {
      const field = partField(i, error.field);
      const message = error.message.startsWith(`${error.field}:`)
        ? `${field}${error.message.slice(error.field.length)}`
        : `${field}: ${error.message}`;
      const { field: _, ...details } = error.details ?? {};
      throw new ValidationError(message, field, details);
    }
    throw error;
  }
}

function asParam(r: Reference): ReferenceParam {
  return r.kind === 'doi' ? { doi: r.value } : r.kind === 'pmid' ? { pmid: r.value } : { url: r.value };
}

/**
 * Writes the parts as a self-reply thread: part k (of n) edits the status that was part k before
 * (keeping its Mastodon edit history), or is posted as a reply to part k − 1 when there was none;
 * statuses of parts beyond n are deleted. Part 1 carries the title, the topic hashtags and the
 * attached references with the evidence level (so the paper page lists the tweetorial once, by its
 * permalink). Runs in the caller's transaction context.
 */
async function writeParts(
  txCtx: AppContext,
  accountId: string,
  p: PreparedTweetorial,
  visibility: TweetorialRow['visibility'],
  before: readonly TweetorialPartSnapshot[],
  idempotencyKey: string | undefined,
): Promise<TweetorialPartSnapshot[]> {
  const n = p.parts.length;
  const written: TweetorialPartSnapshot[] = [];
  let previous: StatusRecord | null = null;
  for (const [i, part] of p.parts.entries()) {
    const text = composePartText(i + 1, n, part.text, i === 0 ? { title: p.title, tags: p.tags } : undefined);
    const evidence = i === 0 ? { references: p.references.map(asParam), level: p.evidenceLevel } : undefined;
    const earlier = before[i] ? await findStatusRow(txCtx.db, before[i].statusId) : null;
    const row: StatusRecord = await inPart(i, () =>
      earlier
        ? editStatus(txCtx, accountId, earlier.id, {
            text,
            mediaIds: part.mediaIds,
            ...(p.language !== undefined ? { language: p.language } : {}),
            evidence,
          })
        : createStatus(txCtx, accountId, {
            text,
            visibility,
            language: p.language,
            inReplyToId: previous?.id,
            mediaIds: part.mediaIds,
            evidence,
            idempotencyKey: i === 0 ? idempotencyKey : undefined,
          }),
    );
    written.push({
      text: part.text,
      mediaIds: part.mediaIds,
      statusId: row.id,
      contentHtml: row.contentHtml,
    });
    previous = row;
  }
  // Last part first, so each deletion leaves a thread that still hangs together.
  for (const stale of before.slice(n).reverse()) {
    if (await findStatusRow(txCtx.db, stale.statusId)) await deleteStatus(txCtx, accountId, stale.statusId);
  }
  return written;
}

async function insertVersion(
  tx: DbOrTx,
  tweetorialId: string,
  version: number,
  p: PreparedTweetorial,
  parts: TweetorialPartSnapshot[],
  now: Date,
): Promise<void> {
  await tx.insert(tweetorialVersions).values({
    tweetorialId,
    version,
    title: p.title,
    objectives: p.objectives,
    audience: p.audience,
    bloomLevel: p.bloomLevel,
    tags: p.tags,
    language: p.language ?? null,
    evidenceLevel: p.evidenceLevel,
    references: p.references.map((r) => ({ kind: r.kind, value: r.value })),
    parts,
    createdAt: now,
  });
  await linkStatuses(
    tx,
    { kind: 'tweetorial', objectId: tweetorialId, bloomLevel: p.bloomLevel },
    parts.map((s) => s.statusId),
  );
}

/** Thrown inside the transaction when the Idempotency-Key's first request already published it. */
class AlreadyPublished extends Error {
  constructor(readonly row: TweetorialRow) {
    super('already published');
  }
}

async function findByIdempotencyKey(
  db: DbOrTx,
  accountId: string,
  key: string,
  now: Date,
): Promise<TweetorialRow | null> {
  const statusId = await findIdempotentStatusId(db, accountId, key, now);
  if (!statusId) return null;
  const [row] = await db.select().from(tweetorials).where(eq(tweetorials.rootStatusId, statusId));
  return row ?? null;
}

/**
 * Publishes a tweetorial at once as a self-reply thread of ordinary statuses ("1/n" … "n/n"; see
 * composePartText), in one transaction: the parts, the tweetorial, its version 1 and the learning
 * links (`rounds.learning` on every part). Every field passes the PHI gate first; a refusal
 * anywhere (422 naming the field) stores nothing. The statuses' events (timelines, notifications,
 * streams) go out after the commit. The same Idempotency-Key within 24 h returns the first one.
 */
export async function publishTweetorial(
  ctx: AppContext,
  accountId: string,
  input: TweetorialInput,
  idempotencyKey?: string,
): Promise<TweetorialRow> {
  const author = await getAccount(ctx.db, accountId);
  const prepared = prepareTweetorial(input, author);
  const now = ctx.clock.now();
  const key = idempotencyKey?.trim() ? `tweetorial:${idempotencyKey.trim()}` : undefined;
  if (key) {
    const earlier = await findByIdempotencyKey(ctx.db, accountId, key, now);
    if (earlier) return earlier;
  }
  const visibility = input.visibility ?? 'public';
  try {
    return await inOneTransaction(ctx, async (txCtx) => {
      const parts = await writeParts(txCtx, accountId, prepared, visibility, [], key);
      const rootStatusId = parts[0]!.statusId;
      if (key) {
        // A concurrent request with the same key posted first: createStatus returned its part 1.
        const [taken] = await txCtx.db
          .select()
          .from(tweetorials)
          .where(eq(tweetorials.rootStatusId, rootStatusId));
        if (taken) throw new AlreadyPublished(taken);
      }
      const [row] = await txCtx.db
        .insert(tweetorials)
        .values({
          id: generateId(),
          accountId,
          rootStatusId,
          visibility,
          version: 1,
          title: prepared.title,
          bloomLevel: prepared.bloomLevel,
          tags: prepared.tagKeys,
          createdAt: now,
          editedAt: null,
        })
        .returning();
      await insertVersion(txCtx.db, row!.id, 1, prepared, parts, now);
      return row!;
    });
  } catch (error) {
    if (error instanceof AlreadyPublished) return error.row;
    throw error;
  }
}

/**
 * Publishes a new version of the author's tweetorial: the whole tweetorial as it reads after the
 * edit. Earlier versions stay in tweetorial_versions. The statuses follow: part k's status is
 * edited in place (Mastodon keeps its edit history; an unchanged part records no edit), parts
 * added at the end are posted as replies, parts removed from the end are deleted; every part is
 * renumbered when the count changes. Visibility cannot change (a status's cannot). 404 when the
 * caller cannot see the tweetorial, 403 when they can but did not write it.
 */
export async function editTweetorial(
  ctx: AppContext,
  accountId: string,
  id: string,
  input: TweetorialInput,
): Promise<TweetorialRow> {
  const existing = await getOwnTweetorial(ctx.db, accountId, id);
  if (input.visibility !== undefined && input.visibility !== existing.visibility) {
    throw new ValidationError(
      `visibility: a published tweetorial stays ${existing.visibility} (delete it and publish again to change who sees it)`,
      'visibility',
    );
  }
  const prepared = prepareTweetorial(input, await getAccount(ctx.db, accountId));
  const now = ctx.clock.now();
  return inOneTransaction(ctx, async (txCtx) => {
    const row = await lockTweetorial(txCtx.db, existing.id);
    const current = await getCurrentVersion(txCtx.db, row);
    const parts = await writeParts(txCtx, accountId, prepared, row.visibility, current.parts, undefined);
    const version = row.version + 1;
    await insertVersion(txCtx.db, row.id, version, prepared, parts, now);
    const [updated] = await txCtx.db
      .update(tweetorials)
      .set({
        version,
        title: prepared.title,
        bloomLevel: prepared.bloomLevel,
        tags: prepared.tagKeys,
        editedAt: now,
      })
      .where(eq(tweetorials.id, row.id))
      .returning();
    return updated!;
  });
}

/**
 * Deletes the author's tweetorial and every part's status (replies by others stay, as with any
 * deleted post). The versions and completions go with it; learners' record entries stay. Returns
 * the last version, so a client can offer to redraft it.
 */
export async function deleteTweetorial(
  ctx: AppContext,
  accountId: string,
  id: string,
): Promise<TweetorialVersionRow> {
  const existing = await getOwnTweetorial(ctx.db, accountId, id);
  return inOneTransaction(ctx, async (txCtx) => {
    const row = await lockTweetorial(txCtx.db, existing.id);
    const last = await getCurrentVersion(txCtx.db, row);
    for (const part of [...last.parts].reverse()) {
      if (await findStatusRow(txCtx.db, part.statusId)) await deleteStatus(txCtx, accountId, part.statusId);
    }
    // Deleting part 1 removed the row already (ON DELETE CASCADE); this makes it explicit.
    await txCtx.db.delete(tweetorials).where(eq(tweetorials.id, row.id));
    await unlinkObject(txCtx.db, 'tweetorial', row.id);
    return last;
  });
}
