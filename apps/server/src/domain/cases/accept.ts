import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { type CaseRow, cases } from '../../db/schema/index.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { findStatusRow, getVisibleStatusRow, type StatusRecord } from '../statuses/index.ts';
import { inOneTransaction } from '../transaction.ts';
import { flagAcceptedContribution, recordCaseContribution } from './contributions.ts';
import { findCaseOfReply, getOwnCase } from './lookup.ts';

function notAReply(): ValidationError {
  return new ValidationError(
    "status_id: is not a reply in this case's thread that you can see (pick a reply to the case, or a reply to one)",
    'status_id',
  );
}

/** The reply `statusId` if the author can see it and it sits in the case's thread; 422 otherwise. */
async function getThreadReply(ctx: AppContext, row: CaseRow, statusId: string): Promise<StatusRecord> {
  let reply: StatusRecord;
  try {
    reply = await getVisibleStatusRow(ctx.db, row.accountId, statusId);
  } catch (error) {
    if (error instanceof NotFoundError) throw notAReply();
    throw error;
  }
  if (reply.reblogOfId !== null || reply.inReplyToId === null) throw notAReply();
  if (reply.accountId === row.accountId) {
    throw new ValidationError(
      "status_id: is your own post; the accepted answer is a learner's reply",
      'status_id',
    );
  }
  const owner = await findCaseOfReply(ctx.db, reply.id);
  if (owner?.id !== row.id) throw notAReply();
  return reply;
}

/**
 * The author accepts a reply as the case's answer (the case is then solved), changes it, or
 * clears it (`statusId` null: open again). The reply must be someone else's, visible to the
 * author, anywhere in the case's thread. The replier's case_contribution entry in their learning
 * record carries `accepted_answer: true` while their reply is the accepted one.
 */
export async function setAcceptedAnswer(
  ctx: AppContext,
  accountId: string,
  caseId: string,
  statusId: string | null,
): Promise<CaseRow> {
  const row = await getOwnCase(ctx.db, accountId, caseId, 'choose its accepted answer');
  const reply = statusId === null ? null : await getThreadReply(ctx, row, statusId);
  return inOneTransaction(ctx, async (txCtx) => {
    const [locked] = await txCtx.db.select().from(cases).where(eq(cases.id, row.id)).for('update');
    if (!locked) throw new NotFoundError();
    if (locked.acceptedStatusId === (reply?.id ?? null)) return locked;
    if (locked.acceptedStatusId) {
      const previous = await findStatusRow(txCtx.db, locked.acceptedStatusId);
      if (previous) await flagAcceptedContribution(txCtx.db, locked.id, previous.accountId, null);
    }
    if (reply) {
      await recordCaseContribution(txCtx.db, locked, reply);
      await flagAcceptedContribution(txCtx.db, locked.id, reply.accountId, reply.id);
    }
    const [updated] = await txCtx.db
      .update(cases)
      .set({ acceptedStatusId: reply?.id ?? null, acceptedAt: reply ? ctx.clock.now() : null })
      .where(eq(cases.id, locked.id))
      .returning();
    return updated!;
  });
}
