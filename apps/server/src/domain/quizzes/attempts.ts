import { and, asc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { generateId } from '../../db/ids.ts';
import { type QuizAttemptRow, type QuizRow, quizAttempts, quizzes } from '../../db/schema/index.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { addRecordEntry } from '../learning/index.ts';
import { orderPage, type Page, pageWindow } from '../pagination.ts';
import { clampPage } from '../statuses/lookup.ts';
import { getVisibleQuiz } from './access.ts';
import { checkAnswers, isCorrect, round4 } from './scoring.ts';

/** An attempt with the quiz it answered (for its questions, options and explanations). */
export interface AttemptView {
  attempt: QuizAttemptRow;
  quiz: QuizRow;
  /** The learner's first attempt: the one item analysis uses. */
  first: boolean;
}

export interface AttemptInput {
  /** Option indexes per question, in order (empty: skipped). */
  answers: readonly (readonly number[])[];
  timeSpentSeconds?: number | null | undefined;
}

/** The id of `accountId`'s first attempt at the quiz, or null. */
async function firstAttemptId(db: DbOrTx, quizId: string, accountId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: quizAttempts.id })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.quizId, quizId), eq(quizAttempts.accountId, accountId)))
    .orderBy(asc(quizAttempts.id))
    .limit(1);
  return row?.id ?? null;
}

/**
 * A learner attempts a quiz they may see (404 otherwise; 403 for its author). The answers are
 * checked (422 naming `answers.<i>`) and scored all-or-nothing per question; the attempt is
 * recorded with an entry in the learner's learning record, in one transaction. Attempts may be
 * repeated; the answer shows the correct options and every option's explanation.
 */
export async function attemptQuiz(
  ctx: AppContext,
  accountId: string,
  id: string,
  input: AttemptInput,
): Promise<AttemptView> {
  const visible = await getVisibleQuiz(ctx.db, accountId, id);
  if (visible.accountId === accountId) {
    throw new ForbiddenError('You cannot attempt your own quiz; its answers are already shown to you');
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // NOTE: scored against the questions as locked here, so an edit cannot slip in between
    // (editQuiz takes the row for update and refuses once an attempt exists).
    const [quiz] = await tx.select().from(quizzes).where(eq(quizzes.id, id)).for('share');
    // One learner's attempts at one quiz queue behind each other, so exactly one is their first.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${id}), hashtext(${accountId}))`);
    if (!quiz) throw new NotFoundError();
    const answers = checkAnswers(quiz.questions, input.answers);
    const results = quiz.questions.map((q, i) => isCorrect(q, answers[i]!));
    const correct = results.filter(Boolean).length;
    const total = quiz.questions.length;
    const [attempt] = await tx
      .insert(quizAttempts)
      .values({
        id: generateId(now.getTime()),
        quizId: quiz.id,
        accountId,
        answers,
        results,
        correctCount: correct,
        questionsCount: total,
        timeSpentSeconds: input.timeSpentSeconds ?? null,
        createdAt: now,
      })
      .returning();
    const first = (await firstAttemptId(tx, quiz.id, accountId)) === attempt!.id;
    await addRecordEntry(tx, {
      accountId,
      kind: 'quiz_attempt',
      objectKind: 'quiz',
      objectId: quiz.id,
      statusId: quiz.statusId,
      title: quiz.title,
      bloomLevel: quiz.bloomLevel,
      occurredAt: now,
      timeSpentSeconds: input.timeSpentSeconds ?? null,
      details: {
        attempt_id: attempt!.id,
        correct,
        total,
        score: round4(correct / total),
        first_attempt: first,
      },
    });
    return { attempt: attempt!, quiz, first };
  });
}

/** The caller's own attempts at a quiz they may see, newest first, paged by id. */
export async function listOwnAttempts(
  ctx: AppContext,
  accountId: string,
  id: string,
  page: Page,
): Promise<AttemptView[]> {
  const quiz = await getVisibleQuiz(ctx.db, accountId, id);
  const window = pageWindow(quizAttempts.id, clampPage(page));
  const rows = await ctx.db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.quizId, quiz.id), eq(quizAttempts.accountId, accountId), window.where))
    .orderBy(window.orderBy)
    .limit(page.limit);
  const firstId = rows.length > 0 ? await firstAttemptId(ctx.db, quiz.id, accountId) : null;
  return orderPage(rows, page).map((attempt) => ({ attempt, quiz, first: attempt.id === firstId }));
}
