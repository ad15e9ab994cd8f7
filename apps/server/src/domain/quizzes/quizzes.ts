import { and, count, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { generateId } from '../../db/ids.ts';
import { learningRecordEntries, type QuizRow, quizAttempts, quizzes } from '../../db/schema/index.ts';
import { getAccount } from '../accounts/index.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { linkStatuses, unlinkObject } from '../learning/index.ts';
import { getVisibleStatusRow } from '../statuses/lookup.ts';
import { findQuizOfStatus, getOwnQuiz, getVisibleQuiz } from './access.ts';
import { type PreparedQuiz, prepareQuiz, type QuizContentInput } from './input.ts';

export interface CreateQuizInput extends QuizContentInput {
  /** The status the quiz is attached to: a post, or any status of a tweetorial or a case. */
  statusId: string;
}

/** A quiz as one viewer sees it. */
export interface QuizView {
  quiz: QuizRow;
  /** Correct options and explanations are shown: the viewer is the author or has attempted. */
  answersShown: boolean;
  ownAttemptsCount: number;
  /** The viewer is the author and nobody has attempted it yet. */
  editable: boolean;
}

async function countAttempts(db: DbOrTx, quizId: string, accountId?: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(quizAttempts)
    .where(
      accountId === undefined
        ? eq(quizAttempts.quizId, quizId)
        : and(eq(quizAttempts.quizId, quizId), eq(quizAttempts.accountId, accountId)),
    );
  return row?.n ?? 0;
}

/** What `viewerId` sees of a quiz they may see. */
async function viewQuiz(db: DbOrTx, quiz: QuizRow, viewerId: string | null): Promise<QuizView> {
  if (viewerId === quiz.accountId) {
    const attempted = (await countAttempts(db, quiz.id)) > 0;
    return { quiz, answersShown: true, ownAttemptsCount: 0, editable: !attempted };
  }
  const own = viewerId === null ? 0 : await countAttempts(db, quiz.id, viewerId);
  return { quiz, answersShown: own > 0, ownAttemptsCount: own, editable: false };
}

/** GET /quizzes/:id: the quiz if the viewer may see its status (404 otherwise). */
export async function getQuizView(ctx: AppContext, viewerId: string | null, id: string): Promise<QuizView> {
  return viewQuiz(ctx.db, await getVisibleQuiz(ctx.db, viewerId, id), viewerId);
}

/** The quiz attached to a status the viewer may see; 404 when there is none (or it is not visible). */
export async function getStatusQuizView(
  ctx: AppContext,
  viewerId: string | null,
  statusId: string,
): Promise<QuizView> {
  const quiz = await findQuizOfStatus(ctx.db, statusId);
  if (!quiz) throw new NotFoundError();
  return getQuizView(ctx, viewerId, quiz.id);
}

async function authorNames(db: DbOrTx, accountId: string) {
  const { displayName, username } = await getAccount(db, accountId);
  return { displayName, username };
}

/**
 * Attaches a quiz to a status. Only the status's author may (403 for anyone else who can see it,
 * 404 for the rest); a status carries at most one quiz (409). The content is checked and passes
 * the PHI gate before anything is stored (prepareQuiz). The status then presents the quiz in its
 * `rounds.learning`. Tweetorials and cases attach quizzes to their statuses through this function,
 * passing their transaction as `tx` when the status is created in the same one.
 */
export async function createQuiz(
  ctx: AppContext,
  accountId: string,
  input: CreateQuizInput,
  options: { tx?: DbOrTx } = {},
): Promise<QuizView> {
  const db = options.tx ?? ctx.db;
  const status = await getVisibleStatusRow(db, accountId, input.statusId);
  if (status.accountId !== accountId) {
    throw new ForbiddenError('Only the status’s author can attach a quiz to it');
  }
  if (status.reblogOfId !== null) {
    throw new ValidationError(
      'status_id: a boost cannot carry a quiz; attach it to the original post',
      'status_id',
    );
  }
  const prepared = prepareQuiz(input, await authorNames(db, accountId));
  const now = ctx.clock.now();
  const insert = async (tx: DbOrTx): Promise<QuizRow> => {
    const [row] = await tx
      .insert(quizzes)
      .values({
        id: generateId(now.getTime()),
        statusId: status.id,
        accountId,
        ...prepared,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: quizzes.statusId })
      .returning();
    if (!row) {
      const existing = await findQuizOfStatus(tx, status.id);
      throw new ConflictError(
        `This status already has a quiz${existing ? ` (${existing.id})` : ''}; edit or delete that one`,
      );
    }
    await linkStatuses(tx, { kind: 'quiz', objectId: row.id, bloomLevel: row.bloomLevel }, [status.id]);
    return row;
  };
  const row = options.tx ? await insert(options.tx) : await ctx.db.transaction(insert);
  return { quiz: row, answersShown: true, ownAttemptsCount: 0, editable: true };
}

/**
 * Replaces a quiz's content (title, Bloom level, questions). Its author only, and only while
 * nobody has attempted it: every attempt stays scored against the questions it answered, so a
 * quiz with attempts is refused with 409 (post a new quiz instead).
 */
export async function editQuiz(
  ctx: AppContext,
  accountId: string,
  id: string,
  input: QuizContentInput,
): Promise<QuizView> {
  await getOwnQuiz(ctx.db, accountId, id, 'edit it');
  const prepared: PreparedQuiz = prepareQuiz(input, await authorNames(ctx.db, accountId));
  const row = await ctx.db.transaction(async (tx) => {
    // NOTE: the row lock orders this edit with attempts, which take a share lock on the quiz
    // before scoring: either the attempt sees the new questions, or this sees the attempt.
    const [locked] = await tx.select().from(quizzes).where(eq(quizzes.id, id)).for('update');
    if (!locked) throw new NotFoundError();
    const attempts = await countAttempts(tx, id);
    if (attempts > 0) {
      throw new ConflictError(
        `This quiz has ${attempts} attempt${attempts === 1 ? '' : 's'} and can no longer be edited, so that every attempt keeps the questions it answered; post a new quiz instead`,
      );
    }
    const [updated] = await tx
      .update(quizzes)
      .set({ ...prepared, updatedAt: ctx.clock.now() })
      .where(eq(quizzes.id, id))
      .returning();
    await linkStatuses(tx, { kind: 'quiz', objectId: id, bloomLevel: prepared.bloomLevel }, [
      locked.statusId,
    ]);
    return updated!;
  });
  return { quiz: row, answersShown: true, ownAttemptsCount: 0, editable: true };
}

/**
 * Deletes a quiz (its author only). Its attempts go with it; learners' learning record entries
 * stay as history, with their title, but no longer point at the status.
 */
export async function deleteQuiz(ctx: AppContext, accountId: string, id: string): Promise<QuizView> {
  const quiz = await getOwnQuiz(ctx.db, accountId, id, 'delete it');
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(learningRecordEntries)
      .set({ statusId: null })
      .where(and(eq(learningRecordEntries.objectKind, 'quiz'), eq(learningRecordEntries.objectId, id)));
    await unlinkObject(tx, 'quiz', id);
    await tx.delete(quizzes).where(eq(quizzes.id, id));
  });
  return { quiz, answersShown: true, ownAttemptsCount: 0, editable: false };
}
