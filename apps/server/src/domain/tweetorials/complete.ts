import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import {
  learningRecordEntries,
  type TweetorialCompletionRow,
  tweetorialCompletions,
} from '../../db/schema/index.ts';
import { getAccount } from '../accounts/index.ts';
import { ForbiddenError } from '../errors.ts';
import { addRecordEntry } from '../learning/index.ts';
import { cleanText } from '../statuses/content.ts';
import { guardNamed } from './input.ts';
import { getCurrentVersion, getVisibleTweetorial } from './lookup.ts';

export interface CompletionInput {
  /** What the learner takes away (≤ 5,000 characters, PHI-guarded); kept in their record only. */
  reflection?: string | undefined;
  timeSpentSeconds?: number | undefined;
}

/**
 * Marks the current version of a tweetorial the learner may see as completed, with a learning
 * record entry (`tweetorial_completed`: title, Bloom level, version, time spent, reflection) in
 * the same transaction. Once per learner and version: completing the same version again updates
 * that completion and its entry (a given reflection or time replaces the earlier one, an absent
 * one keeps it; the completion date stays the first); a new version is a new completion. The
 * author cannot complete their own tweetorial (403). 404 when the learner cannot see it.
 */
export async function completeTweetorial(
  ctx: AppContext,
  accountId: string,
  id: string,
  input: CompletionInput,
): Promise<TweetorialCompletionRow> {
  const row = await getVisibleTweetorial(ctx.db, accountId, id);
  if (row.accountId === accountId) {
    throw new ForbiddenError('You wrote this tweetorial; completing it is for learners');
  }
  const reflection = input.reflection !== undefined ? cleanText(input.reflection) || null : undefined;
  if (reflection) guardNamed({ reflection }, await getAccount(ctx.db, accountId));
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const version = await getCurrentVersion(tx, row);
    // NOTE: insert first, ON CONFLICT DO NOTHING: of two concurrent completions one inserts, the
    // other waits for it and then updates, so a learner never gets two entries for one version.
    const [inserted] = await tx
      .insert(tweetorialCompletions)
      .values({
        tweetorialId: row.id,
        accountId,
        version: version.version,
        recordEntryId: null,
        reflection: reflection ?? null,
        timeSpentSeconds: input.timeSpentSeconds ?? null,
        completedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (inserted) {
      const entry = await addRecordEntry(tx, {
        accountId,
        kind: 'tweetorial_completed',
        objectKind: 'tweetorial',
        objectId: row.id,
        statusId: row.rootStatusId,
        title: version.title,
        bloomLevel: version.bloomLevel,
        occurredAt: now,
        timeSpentSeconds: inserted.timeSpentSeconds,
        reflection: inserted.reflection,
        details: { version: version.version, parts: version.parts.length },
      });
      const [linked] = await tx
        .update(tweetorialCompletions)
        .set({ recordEntryId: entry.id })
        .where(completionKey(row.id, accountId, version.version))
        .returning();
      return linked!;
    }
    const changes = {
      ...(reflection !== undefined ? { reflection } : {}),
      ...(input.timeSpentSeconds !== undefined ? { timeSpentSeconds: input.timeSpentSeconds } : {}),
    };
    const [updated] =
      Object.keys(changes).length > 0
        ? await tx
            .update(tweetorialCompletions)
            .set(changes)
            .where(completionKey(row.id, accountId, version.version))
            .returning()
        : await tx
            .select()
            .from(tweetorialCompletions)
            .where(completionKey(row.id, accountId, version.version));
    if (updated?.recordEntryId && Object.keys(changes).length > 0) {
      await tx
        .update(learningRecordEntries)
        .set(changes)
        .where(eq(learningRecordEntries.id, updated.recordEntryId));
    }
    return updated!;
  });
}

function completionKey(tweetorialId: string, accountId: string, version: number) {
  return and(
    eq(tweetorialCompletions.tweetorialId, tweetorialId),
    eq(tweetorialCompletions.accountId, accountId),
    eq(tweetorialCompletions.version, version),
  );
}

/**
 * Undoes the learner's completion of a version (default: the current one) and removes its
 * learning record entry. Idempotent: undoing what was not completed changes nothing. 404 when
 * the learner cannot see the tweetorial.
 */
export async function uncompleteTweetorial(
  ctx: AppContext,
  accountId: string,
  id: string,
  version?: number,
): Promise<void> {
  const row = await getVisibleTweetorial(ctx.db, accountId, id);
  await ctx.db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(tweetorialCompletions)
      .where(completionKey(row.id, accountId, version ?? row.version))
      .returning();
    if (removed?.recordEntryId) {
      await tx
        .delete(learningRecordEntries)
        .where(
          and(
            eq(learningRecordEntries.id, removed.recordEntryId),
            eq(learningRecordEntries.accountId, accountId),
          ),
        );
    }
  });
}
