import { and, eq, gte, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { type PollRow, polls, pollVotes } from '../../db/schema/index.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { getVisibleStatusRow } from '../statuses/lookup.ts';
import { findPollRow } from './store.ts';
import { isPollExpired, type PollView, viewPoll } from './view.ts';

// Mastodon's own wording (VoteValidator), which clients may already show.
const ENDED = 'The poll has already ended';
const ALREADY_VOTED = 'You have already voted on this poll';

/** The poll if the viewer may see its status (404 otherwise: "not allowed" reads as "not there"). */
async function getVisiblePollRow(ctx: AppContext, viewerId: string | null, id: string): Promise<PollRow> {
  const poll = await findPollRow(ctx.db, id);
  if (!poll) throw new NotFoundError();
  await getVisibleStatusRow(ctx.db, viewerId, poll.statusId);
  return poll;
}

async function listOwnChoices(db: DbOrTx, pollId: string, accountId: string | null): Promise<number[]> {
  if (accountId === null) return [];
  const rows = await db
    .select({ choice: pollVotes.choice })
    .from(pollVotes)
    .where(and(eq(pollVotes.pollId, pollId), eq(pollVotes.accountId, accountId)));
  return rows.map((r) => r.choice);
}

/** GET /api/v1/polls/:id: the poll as the viewer sees it; 404 when its status is not visible to them. */
export async function getPollView(ctx: AppContext, viewerId: string | null, id: string): Promise<PollView> {
  const poll = await getVisiblePollRow(ctx, viewerId, id);
  return viewPoll(poll, viewerId, await listOwnChoices(ctx.db, poll.id, viewerId), ctx.clock.now());
}

/** Mastodon's checks, in its order: the poll is open, the choices exist, the voter is not the author. */
function assertVotable(poll: PollRow, accountId: string, choices: readonly number[], now: Date): void {
  if (isPollExpired(poll, now) || poll.closedAt !== null) throw new ValidationError(ENDED, 'choices');
  const last = poll.options.length - 1;
  const bad = choices.find((c) => !Number.isInteger(c) || c < 0 || c > last);
  if (bad !== undefined) {
    throw new ValidationError(
      `choices: there is no option ${bad}; choose from 0 to ${last} (0 is the first option)`,
      'choices',
    );
  }
  if (new Set(choices).size !== choices.length) {
    throw new ValidationError('choices: each option can be chosen only once', 'choices');
  }
  if (!poll.multiple && choices.length > 1) {
    throw new ValidationError('choices: this poll allows only one choice', 'choices');
  }
  if (poll.accountId === accountId) throw new ValidationError('You cannot vote in your own polls', 'choices');
}

/**
 * Counts the votes on the poll row itself. NOTE: plain SQL increments, so a concurrent vote's
 * update is re-read under the row lock and no count is lost; the WHERE refuses a poll that ended,
 * was claimed by the expiry job or had its options edited since the choices were checked.
 */
async function countVotes(
  tx: DbOrTx,
  poll: PollRow,
  choices: readonly number[],
  now: Date,
): Promise<boolean> {
  const picked = `{${choices.join(',')}}`;
  const updated = await tx
    .update(polls)
    .set({
      tallies: sql`array(select u.t + case when u.o - 1 = any(${picked}::int[]) then 1 else 0 end
        from unnest(${polls.tallies}) with ordinality as u(t, o) order by u.o)`,
      votesCount: sql`${polls.votesCount} + ${choices.length}`,
      votersCount: sql`${polls.votersCount} + 1`,
    })
    .where(
      and(
        eq(polls.id, poll.id),
        isNull(polls.closedAt),
        gte(polls.expiresAt, now),
        eq(polls.options, poll.options),
        eq(polls.multiple, poll.multiple),
      ),
    )
    .returning({ id: polls.id });
  return updated.length > 0;
}

/**
 * Votes in a poll the voter can see: `choices` are option indexes from 0. Refused with 422 when the
 * poll has ended, a choice does not exist or repeats, several choices are given on a single-choice
 * poll, the voter is the author (as Mastodon), or the voter already voted. Returns the poll as the
 * voter now sees it.
 */
export async function voteInPoll(
  ctx: AppContext,
  accountId: string,
  id: string,
  choices: readonly number[],
): Promise<PollView> {
  const poll = await getVisiblePollRow(ctx, accountId, id);
  const now = ctx.clock.now();
  assertVotable(poll, accountId, choices, now);
  await ctx.db.transaction(async (tx) => {
    if (!(await countVotes(tx, poll, choices, now))) {
      const current = await findPollRow(tx, poll.id);
      if (!current) throw new NotFoundError();
      if (isPollExpired(current, now) || current.closedAt !== null)
        throw new ValidationError(ENDED, 'choices');
      throw new ValidationError(
        'choices: the poll was edited meanwhile; reload it and vote again',
        'choices',
      );
    }
    // NOTE: checked after the increment, which holds the poll row's lock: a second vote by the same
    // account waits for the first to commit and then sees it here.
    if ((await listOwnChoices(tx, poll.id, accountId)).length > 0) {
      throw new ValidationError(ALREADY_VOTED, 'choices');
    }
    await tx
      .insert(pollVotes)
      .values(choices.map((choice) => ({ pollId: poll.id, accountId, choice, createdAt: now })));
  });
  const fresh = await findPollRow(ctx.db, poll.id);
  if (!fresh) throw new NotFoundError();
  return viewPoll(fresh, accountId, choices, now);
}
