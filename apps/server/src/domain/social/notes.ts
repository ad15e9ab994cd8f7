import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { accountNotes } from '../../db/schema/index.ts';
import { getAccount } from '../accounts/index.ts';
import { ValidationError } from '../errors.ts';
import { getRelationship, type Relationship } from './relationships.ts';

export const ACCOUNT_NOTE_LIMIT = 2000;

/** Sets (or, when blank, clears) the viewer's private note about `targetId` (Relationship.note). */
export async function setAccountNote(
  ctx: AppContext,
  accountId: string,
  targetId: string,
  comment: string,
): Promise<Relationship> {
  if (comment.length > ACCOUNT_NOTE_LIMIT) {
    throw new ValidationError(`comment is too long (at most ${ACCOUNT_NOTE_LIMIT} characters)`, 'comment');
  }
  await getAccount(ctx.db, targetId);
  if (comment.trim() === '') {
    await ctx.db
      .delete(accountNotes)
      .where(and(eq(accountNotes.accountId, accountId), eq(accountNotes.targetAccountId, targetId)));
  } else {
    await ctx.db
      .insert(accountNotes)
      .values({ accountId, targetAccountId: targetId, comment })
      .onConflictDoUpdate({ target: [accountNotes.accountId, accountNotes.targetAccountId], set: { comment } });
  }
  return getRelationship(ctx.db, accountId, targetId, ctx.clock.now());
}
