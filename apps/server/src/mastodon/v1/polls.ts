import { type PollParams, zId, zPollVoteParams } from '@rounds/contract';
import type { Context } from 'hono';
import { NotFoundError } from '../../domain/errors.ts';
import { getPollView, type PollInput, voteInPoll } from '../../domain/polls/index.ts';
import { optionalUser, requireUser } from '../auth.ts';
import { renderPoll } from '../entities/poll.ts';
import type { MastodonApp, MastodonEnv } from '../env.ts';
import { parseWith, readParams } from '../params.ts';

/** Mastodon's `poll[...]` parameters as the domain's poll input (status create, edit, scheduling). */
export function toPollInput(p: PollParams): PollInput {
  return { options: p.options, expiresIn: p.expires_in, multiple: p.multiple, hideTotals: p.hide_totals };
}

/** A malformed id cannot name a poll: it reads as "not found", like an unknown one. */
function pollId(c: Context<MastodonEnv>): string {
  const parsed = zId.safeParse(c.req.param('id'));
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}

/** /api/v1/polls: view a poll and vote in it; the poll's status decides who may do either. */
export function registerPolls(app: MastodonApp): void {
  app.get('/api/v1/polls/:id', async (c) => {
    const viewer = optionalUser(c, 'read:statuses');
    const ctx = c.get('ctx');
    return c.json(renderPoll(await getPollView(ctx, viewer?.account.id ?? null, pollId(c))));
  });

  app.post('/api/v1/polls/:id/votes', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const id = pollId(c);
    const { choices } = parseWith(zPollVoteParams, await readParams(c));
    return c.json(renderPoll(await voteInPoll(c.get('ctx'), me.account.id, id, choices)));
  });
}
