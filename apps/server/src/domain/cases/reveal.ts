import { CASE_LIMITS } from '@rounds/contract';
import { and, asc, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { type CaseRow, cases } from '../../db/schema/index.ts';
import { getAccount } from '../accounts/index.ts';
import { AppError, ConflictError, ValidationError } from '../errors.ts';
import { linkStatuses } from '../learning/index.ts';
import { createStatus, findStatusRow } from '../statuses/index.ts';
import { inOneTransaction } from '../transaction.ts';
import { outcomeStatusText, revealStatusText } from './compose.ts';
import { cleanCaseText, guardCaseFields, prepareAnswer, prepareTeachingPoints } from './input.ts';
import { caseRef, caseStatusIds, getOwnCase } from './lookup.ts';

export interface RevealInput {
  /** Replaces the answer saved with the case. */
  answer?: string | undefined;
  /** Replace the teaching points saved with the case. */
  teachingPoints?: readonly string[] | undefined;
}

interface Revelation {
  answer: string;
  teachingPoints: string[];
}

/**
 * Posts the reveal of one case, once: the row is locked and must still be unrevealed (and, for
 * the job, due), so a manual reveal and the job in any number of processes reveal it exactly
 * once. `skipLocked`: a case another process is revealing right now is left to it. Returns the
 * revealed row, or null when there was nothing (left) to reveal.
 */
async function performReveal(
  ctx: AppContext,
  caseId: string,
  revelation: Revelation | null,
  opts: { dueBy?: Date; skipLocked?: boolean },
): Promise<CaseRow | null> {
  return inOneTransaction(ctx, async (txCtx) => {
    const [row] = await txCtx.db
      .select()
      .from(cases)
      .where(
        and(
          eq(cases.id, caseId),
          isNull(cases.revealedAt),
          opts.dueBy ? lte(cases.revealAt, opts.dueBy) : undefined,
        ),
      )
      .for('update', opts.skipLocked ? { skipLocked: true } : {});
    if (!row) return null;
    const what = revelation ?? { answer: row.answer ?? '', teachingPoints: row.teachingPoints };
    if (what.answer === '') {
      throw new ValidationError('answer: is required: no answer was saved with the case', 'answer');
    }
    const caseStatus = await findStatusRow(txCtx.db, row.statusId);
    if (!caseStatus) return null;
    const now = ctx.clock.now();
    const reveal = await createStatus(txCtx, row.accountId, {
      text: revealStatusText(row.title, what.answer, what.teachingPoints),
      inReplyToId: row.statusId,
      visibility: caseStatus.visibility,
      language: caseStatus.language,
    });
    const [updated] = await txCtx.db
      .update(cases)
      .set({
        revealedAt: now,
        revealStatusId: reveal.id,
        answer: what.answer,
        teachingPoints: what.teachingPoints,
      })
      .where(eq(cases.id, row.id))
      .returning();
    await linkStatuses(txCtx.db, caseRef(updated!), caseStatusIds(updated!));
    return updated!;
  });
}

/**
 * The author reveals the case now: a reply to the case status with the answer and teaching
 * points (those sent here, which pass the PHI guard and replace the saved ones, or those saved
 * with the case). 409 when it was revealed already; 422 naming `answer` when there is none.
 */
export async function revealCase(
  ctx: AppContext,
  accountId: string,
  caseId: string,
  input: RevealInput,
): Promise<CaseRow> {
  const row = await getOwnCase(ctx.db, accountId, caseId, 'reveal it');
  if (row.revealedAt) throw new ConflictError('The case was revealed already');
  const answer = prepareAnswer(input.answer) ?? row.answer;
  if (!answer) {
    throw new ValidationError(
      'answer: is required: no answer was saved with the case, so send it with the reveal',
      'answer',
    );
  }
  const teachingPoints =
    input.teachingPoints !== undefined ? prepareTeachingPoints(input.teachingPoints) : row.teachingPoints;
  const author = await getAccount(ctx.db, accountId);
  const fields: Record<string, string> = { answer };
  for (const [i, point] of teachingPoints.entries()) fields[`teaching_points.${i}`] = point;
  guardCaseFields(fields, author);
  const revealed = await performReveal(ctx, row.id, { answer, teachingPoints }, {});
  if (!revealed) throw new ConflictError('The case was revealed already');
  return revealed;
}

const DUE_BATCH = 50;

/**
 * Reveals every case whose `reveal_at` has passed, batch by batch; each exactly once however many
 * processes run this at the same time (see performReveal). A case that cannot be revealed (an
 * AppError: the saved answer no longer passes a rule) is unscheduled, not retried, and left to its
 * author; other errors are logged and retried on the next run. Returns how many were revealed.
 */
export async function revealDueCases(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  let revealed = 0;
  const failed = new Set<string>();
  for (;;) {
    const due = await ctx.db
      .select({ id: cases.id })
      .from(cases)
      .where(and(isNull(cases.revealedAt), isNotNull(cases.revealAt), lte(cases.revealAt, now)))
      .orderBy(asc(cases.revealAt))
      .limit(DUE_BATCH);
    const todo = due.filter((d) => !failed.has(d.id));
    for (const { id } of todo) {
      try {
        if (await performReveal(ctx, id, null, { dueBy: now, skipLocked: true })) revealed++;
        else failed.add(id);
      } catch (error) {
        failed.add(id);
        if (!(error instanceof AppError)) {
          ctx.logger.error('revealing a case failed; it will be retried', {
            caseId: id,
            error: String(error),
          });
          continue;
        }
        ctx.logger.warn('a scheduled case reveal could not be posted; left to its author', {
          caseId: id,
          code: error.code,
        });
        await ctx.db
          .update(cases)
          .set({ revealAt: null })
          .where(and(eq(cases.id, id), isNull(cases.revealedAt)));
      }
    }
    if (due.length < DUE_BATCH || todo.length === 0) return revealed;
  }
}

/**
 * The outcome follow-up: after the reveal, the author posts what happened as another reply to the
 * case (through the PHI guard). Once per case: 409 before the reveal and after an outcome.
 */
export async function postCaseOutcome(
  ctx: AppContext,
  accountId: string,
  caseId: string,
  outcomeText: string,
): Promise<CaseRow> {
  const row = await getOwnCase(ctx.db, accountId, caseId, 'post its outcome');
  if (!row.revealedAt) throw new ConflictError('Reveal the case before posting its outcome');
  if (row.outcomeStatusId || row.outcomeAt)
    throw new ConflictError('The outcome of this case was posted already');
  const outcome = cleanCaseText(outcomeText);
  if (outcome === '') throw new ValidationError('outcome: is required', 'outcome');
  if (outcome.length > CASE_LIMITS.outcome) {
    throw new ValidationError(
      `outcome: is too long (${outcome.length} characters; at most ${CASE_LIMITS.outcome.toLocaleString('en')})`,
      'outcome',
    );
  }
  guardCaseFields({ outcome }, await getAccount(ctx.db, accountId));
  const done = await inOneTransaction(ctx, async (txCtx) => {
    const [locked] = await txCtx.db
      .select()
      .from(cases)
      .where(and(eq(cases.id, row.id), isNull(cases.outcomeAt)))
      .for('update');
    if (!locked) return null;
    const caseStatus = await findStatusRow(txCtx.db, locked.statusId);
    if (!caseStatus) return null;
    const now = ctx.clock.now();
    const status = await createStatus(txCtx, accountId, {
      text: outcomeStatusText(locked.title, outcome),
      inReplyToId: locked.statusId,
      visibility: caseStatus.visibility,
      language: caseStatus.language,
    });
    const [updated] = await txCtx.db
      .update(cases)
      .set({ outcome, outcomeAt: now, outcomeStatusId: status.id })
      .where(eq(cases.id, locked.id))
      .returning();
    await linkStatuses(txCtx.db, caseRef(updated!), caseStatusIds(updated!));
    return updated!;
  });
  if (!done) throw new ConflictError('The outcome of this case was posted already');
  return done;
}
