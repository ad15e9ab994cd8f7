import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { isId } from '../../db/ids.ts';
import { type QuizRow, quizzes } from '../../db/schema/index.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { getVisibleStatusRow } from '../statuses/lookup.ts';

/** The quiz row, or null (malformed ids included). */
export async function findQuizRow(db: DbOrTx, id: string): Promise<QuizRow | null> {
  if (!isId(id)) return null;
  const [row] = await db.select().from(quizzes).where(eq(quizzes.id, id));
  return row ?? null;
}

/** The quiz attached to a status, or null. */
export async function findQuizOfStatus(db: DbOrTx, statusId: string): Promise<QuizRow | null> {
  if (!isId(statusId)) return null;
  const [row] = await db.select().from(quizzes).where(eq(quizzes.statusId, statusId));
  return row ?? null;
}

/**
 * The quiz if `viewerId` may see the status it is attached to; NotFoundError otherwise, so that
 * "not allowed" reads exactly like "does not exist" on every quiz path.
 */
export async function getVisibleQuiz(db: DbOrTx, viewerId: string | null, id: string): Promise<QuizRow> {
  const quiz = await findQuizRow(db, id);
  if (!quiz) throw new NotFoundError();
  await getVisibleStatusRow(db, viewerId, quiz.statusId);
  return quiz;
}

/** A visible quiz `accountId` wrote (403 for anyone else who can see it, 404 for the rest). */
export async function getOwnQuiz(
  db: DbOrTx,
  accountId: string,
  id: string,
  action: string,
): Promise<QuizRow> {
  const quiz = await getVisibleQuiz(db, accountId, id);
  if (quiz.accountId !== accountId) throw new ForbiddenError(`Only the quiz’s author can ${action}`);
  return quiz;
}
