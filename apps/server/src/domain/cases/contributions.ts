import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { type CaseRow, caseContributors, learningRecordEntries } from '../../db/schema/index.ts';
import { NotFoundError } from '../errors.ts';
import { addRecordEntry } from '../learning/index.ts';
import { findStatusRow, getVisibleStatusRow, type StatusRecord } from '../statuses/index.ts';
import { findCaseOfReply } from './lookup.ts';

/**
 * A learner's contribution to a case: their first reply anywhere in its thread records them as a
 * contributor and adds one `case_contribution` entry to their learning record (later replies add
 * nothing: the portfolio lists the case once). The author's own replies are not contributions.
 * Idempotent (the contributor row's key decides), in the caller's transaction.
 */
export async function recordCaseContribution(
  tx: DbOrTx,
  row: CaseRow,
  reply: Pick<StatusRecord, 'id' | 'accountId' | 'createdAt'>,
): Promise<boolean> {
  if (reply.accountId === row.accountId) return false;
  // A reply can reach a case's thread without its author seeing the case (a public reply to a
  // follower's reply in a followers-only case): such a reply is not a contribution, and the case's
  // title must not land in that account's record.
  if (!(await canSeeStatus(tx, reply.accountId, row.statusId))) return false;
  const inserted = await tx
    .insert(caseContributors)
    .values({
      caseId: row.id,
      accountId: reply.accountId,
      firstStatusId: reply.id,
      createdAt: reply.createdAt,
    })
    .onConflictDoNothing()
    .returning({ caseId: caseContributors.caseId });
  if (inserted.length === 0) return false;
  const entry = await addRecordEntry(tx, {
    accountId: reply.accountId,
    kind: 'case_contribution',
    objectKind: 'case',
    objectId: row.id,
    statusId: row.statusId,
    title: row.title,
    bloomLevel: row.bloomLevel,
    occurredAt: reply.createdAt,
    details: { reply_status_id: reply.id },
  });
  await tx
    .update(caseContributors)
    .set({ recordEntryId: entry.id })
    .where(and(eq(caseContributors.caseId, row.id), eq(caseContributors.accountId, reply.accountId)));
  return true;
}

async function canSeeStatus(db: DbOrTx, accountId: string, statusId: string): Promise<boolean> {
  try {
    await getVisibleStatusRow(db, accountId, statusId);
    return true;
  } catch (error) {
    if (error instanceof NotFoundError) return false;
    throw error;
  }
}

/**
 * Marks (or unmarks) the learner's case_contribution entry for this case with
 * `details.accepted_answer` and the accepted reply's id, so their portfolio shows that their
 * answer was the one the author accepted.
 */
export async function flagAcceptedContribution(
  tx: DbOrTx,
  caseId: string,
  accountId: string,
  acceptedStatusId: string | null,
): Promise<void> {
  const [contributor] = await tx
    .select({ recordEntryId: caseContributors.recordEntryId })
    .from(caseContributors)
    .where(and(eq(caseContributors.caseId, caseId), eq(caseContributors.accountId, accountId)));
  if (!contributor?.recordEntryId) return;
  const details =
    acceptedStatusId === null
      ? sql`${learningRecordEntries.details} - 'accepted_answer' - 'accepted_status_id'`
      : sql`${learningRecordEntries.details} || ${JSON.stringify({ accepted_answer: true, accepted_status_id: acceptedStatusId })}::jsonb`;
  await tx
    .update(learningRecordEntries)
    .set({ details })
    .where(eq(learningRecordEntries.id, contributor.recordEntryId));
}

/** How many accounts contributed to each case (case id → count; absent means none). */
export async function countContributors(
  db: DbOrTx,
  caseIds: readonly string[],
): Promise<Map<string, number>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .select({ caseId: caseContributors.caseId, n: count() })
    .from(caseContributors)
    .where(inArray(caseContributors.caseId, [...caseIds]))
    .groupBy(caseContributors.caseId);
  return new Map(rows.map((r) => [r.caseId, Number(r.n)]));
}

/**
 * Case contributions in one place: every new status that replies into a case's thread (directly
 * or nested) by someone other than the author is recorded, whichever API posted it. Runs after
 * the reply committed, like notifications.
 */
export function subscribeCaseContributions(ctx: AppContext): () => void {
  return ctx.events.on('StatusCreated', async ({ statusId }) => {
    const reply = await findStatusRow(ctx.db, statusId);
    if (!reply || reply.inReplyToId === null || reply.reblogOfId !== null) return;
    const row = await findCaseOfReply(ctx.db, reply.id);
    if (!row || row.accountId === reply.accountId) return;
    await ctx.db.transaction((tx) => recordCaseContribution(tx, row, reply).then(() => undefined));
  });
}
