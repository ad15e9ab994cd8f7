import type { PollView } from '../../domain/polls/view.ts';

export interface PollOptionEntity {
  title: string;
  /** null while the author hides the totals and the poll is open (the author still sees them). */
  votes_count: number | null;
}

/** Mastodon's Poll entity. `voted` and `own_votes` only for a signed-in viewer, as Mastodon. */
export interface PollEntity {
  id: string;
  expires_at: string | null;
  expired: boolean;
  multiple: boolean;
  votes_count: number;
  voters_count: number | null;
  voted?: boolean;
  own_votes?: number[];
  options: PollOptionEntity[];
  emojis: never[];
}

export function renderPoll(v: PollView): PollEntity {
  const p = v.poll;
  return {
    id: p.id,
    expires_at: p.expiresAt.toISOString(),
    expired: v.expired,
    multiple: p.multiple,
    votes_count: p.votesCount,
    voters_count: p.votersCount,
    ...(v.voted !== null && v.ownVotes !== null ? { voted: v.voted, own_votes: v.ownVotes } : {}),
    options: p.options.map((title, i) => ({
      title,
      votes_count: v.showTotals ? (p.tallies[i] ?? 0) : null,
    })),
    emojis: [],
  };
}

/** The poll of one version of a status (Mastodon's StatusEdit `poll`): its options only. */
export function renderEditPoll(
  options: readonly string[] | null | undefined,
): { options: Array<{ title: string }> } | null {
  return options ? { options: options.map((title) => ({ title })) } : null;
}
