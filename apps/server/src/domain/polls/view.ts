import type { PollRow } from '../../db/schema/index.ts';

/** A poll as one viewer sees it at one moment. */
export interface PollView {
  poll: PollRow;
  /** As Mastodon: ended once `expires_at` has passed. */
  expired: boolean;
  /** Whether per-option counts may be shown: ended, totals not hidden, or the author looking. */
  showTotals: boolean;
  /** Signed-in viewers only (null for anonymous): the options they chose, and whether they voted. */
  ownVotes: number[] | null;
  /** As Mastodon: the author counts as having voted (they cannot vote in their own poll). */
  voted: boolean | null;
}

export function isPollExpired(poll: Pick<PollRow, 'expiresAt'>, now: Date): boolean {
  return poll.expiresAt.getTime() < now.getTime();
}

/** The viewer's view of a poll, given the choices they made (ignored when anonymous). */
export function viewPoll(
  poll: PollRow,
  viewerId: string | null,
  ownVotes: readonly number[],
  now: Date,
): PollView {
  const expired = isPollExpired(poll, now);
  const isAuthor = viewerId !== null && viewerId === poll.accountId;
  const own = viewerId === null ? null : [...ownVotes].sort((a, b) => a - b);
  return {
    poll,
    expired,
    showTotals: expired || !poll.hideTotals || isAuthor,
    ownVotes: own,
    voted: own === null ? null : isAuthor || own.length > 0,
  };
}
