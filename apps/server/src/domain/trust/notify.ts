import type { AppContext } from '../../context.ts';
import type { DomainEvents } from '../events.ts';
import { createNotifications } from '../notifications/create.ts';

/**
 * A correction note is shown on a post for the first time: `correction_note` to the post's author,
 * pointing at the post, from the author's own account (the note is the raters' shared judgement,
 * not one person's act, and its writer stays unnamed, as Mastodon's `poll` comes from the poll's
 * author). A Rounds-only type: Mastodon apps see it only if they ask for it by name (domain/notifications).
 */
export async function notifyCorrectionShown(
  ctx: AppContext,
  e: DomainEvents['CorrectionNoteShown'],
): Promise<void> {
  await createNotifications(ctx, [
    { recipientId: e.accountId, fromAccountId: e.accountId, type: 'correction_note', statusId: e.statusId },
  ]);
}
