import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { accountNotes } from '../../db/schema/index.ts';
import { getAccount } from '../accounts/index.ts';
import { ValidationError } from '../errors.ts';
import { guardText } from '../phi/gate.ts';
import { getRelationship, type Relationship } from './relationships.ts';

export const ACCOUNT_NOTE_LIMIT = 2000;

/**
 * Sets (or, when blank, clears) the viewer's private note about `targetId` (Relationship.note).
 * The note passes the PHI gate like all stored text: identifiers are refused (422 with the spans
 * and a suggested redaction), since the Mastodon API offers no way to decide on them.
 */
export async function setAccountNote(
  ctx: AppContext,
  accountId: string,
  targetId: string,
  comment: string,
): Promise<Relationship> {
  if (comment.length > ACCOUNT_NOTE_LIMIT) {
    throw new ValidationError(`comment is too long (at most ${ACCOUNT_NOTE_LIMIT} characters)`, 'comment');
  }
  const author = await getAccount(ctx.db, accountId);
  await getAccount(ctx.db, targetId);
  // NOTE: the gate has no 'account_note' surface yet; the surface only labels audit entries,
  // and with no decision nothing is audited (PHI is refused).
  guardText('profile', { comment }, undefined, {
    closedAudience: true,
    ownNames: [author.displayName, author.username],
  });
  if (comment.trim() === '') {
    await ctx.db
      .delete(accountNotes)
      .where(and(eq(accountNotes.accountId, accountId), eq(accountNotes.targetAccountId, targetId)));
  } else {
    await ctx.db
      .insert(accountNotes)
      .values({ accountId, targetAccountId: targetId, comment })
      .onConflictDoUpdate({
        target: [accountNotes.accountId, accountNotes.targetAccountId],
        set: { comment },
      });
  }
  return getRelationship(ctx.db, accountId, targetId, ctx.clock.now());
}
