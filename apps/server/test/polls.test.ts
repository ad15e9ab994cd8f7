import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phiAuditLog, polls, pollVotes } from '../src/db/schema/index.ts';
import { closeExpiredPolls } from '../src/jobs/poll-expiry.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { png, upload } from './media-fixtures.ts';
import { notificationsOf, settle, summarise } from './notifications-fixtures.ts';
import { expectMatchesSchema } from './openapi.ts';
import { follow, post } from './statuses-fixtures.ts';
import {
  openSocket,
  payloadOf,
  serveEnv,
  statusEvent,
  subscribe,
  type TestSocket,
} from './streaming-helpers.ts';
import { personas } from './timelines-helpers.ts';

const HOUR_S = 3600;
const HOUR_MS = HOUR_S * 1000;

/** A form body with repeated keys (`poll[options][]=a&poll[options][]=b`), as Mastodon apps send. */
async function postForm(env: TestEnv, who: Persona, path: string, entries: Array<[string, string]>) {
  const res = await env.app.request(`https://rounds.test${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${who.token}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(entries).toString(),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** Posts a poll as `who` with JSON and returns the Status entity. */
function postPoll(
  env: TestEnv,
  who: Persona,
  poll: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) {
  return post(env, who, {
    status: 'Which first-line agent for community-acquired pneumonia?',
    poll: { options: ['Amoxicillin', 'Doxycycline', 'Macrolide'], expires_in: HOUR_S, ...poll },
    ...extra,
  });
}

function vote(env: TestEnv, who: Persona | undefined, pollId: string, choices: unknown) {
  return call(env, 'POST', `/api/v1/polls/${pollId}/votes`, { token: who?.token, body: { choices } });
}

function getPoll(env: TestEnv, pollId: string, who?: Persona) {
  return call(env, 'GET', `/api/v1/polls/${pollId}`, { token: who?.token });
}

function tallies(poll: { options: Array<{ votes_count: number | null }> }) {
  return poll.options.map((o) => o.votes_count);
}

describe('posting a status with a poll', () => {
  let env: TestEnv;
  let alice: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
  });

  it('takes the poll as JSON and shows it on the Status, which matches the schema', async () => {
    const status = await postPoll(env, alice, { multiple: true, hide_totals: false });
    expectMatchesSchema('Status', status);
    expectMatchesSchema('Poll', status.poll);
    const expiresAt = new Date(env.clock.now().getTime() + HOUR_MS).toISOString();
    expect(status.poll).toEqual({
      id: expect.stringMatching(/^\d+$/),
      expires_at: expiresAt,
      expired: false,
      multiple: true,
      votes_count: 0,
      voters_count: 0,
      voted: true,
      own_votes: [],
      options: [
        { title: 'Amoxicillin', votes_count: 0 },
        { title: 'Doxycycline', votes_count: 0 },
        { title: 'Macrolide', votes_count: 0 },
      ],
      emojis: [],
    });
    const fetched = await call(env, 'GET', `/api/v1/statuses/${status.id}`);
    expect(fetched.body.poll.id).toBe(status.poll.id);
    // Anonymous readers get no `voted` / `own_votes`, as Mastodon.
    expect(fetched.body.poll).not.toHaveProperty('voted');
    expect(fetched.body.poll).not.toHaveProperty('own_votes');
  });

  it('takes the poll as Rails-style form keys, trimming options and dropping blank ones', async () => {
    const res = await postForm(env, alice, '/api/v1/statuses', [
      ['status', 'Night float: how many admissions is too many?'],
      ['poll[options][]', ' Eight '],
      ['poll[options][]', 'Twelve'],
      ['poll[options][]', ''],
      ['poll[expires_in]', '86400'],
      ['poll[multiple]', 'false'],
      ['poll[hide_totals]', 'true'],
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expectMatchesSchema('Status', res.body);
    expect(res.body.poll.options.map((o: { title: string }) => o.title)).toEqual(['Eight', 'Twelve']);
    expect(res.body.poll.multiple).toBe(false);
    expect(res.body.poll.expires_at).toBe(new Date(env.clock.now().getTime() + 86_400_000).toISOString());
  });

  it('takes the poll on the Rounds API too', async () => {
    const res = await call(env, 'POST', '/api/rounds/v1/statuses', {
      token: alice.token,
      body: { status: 'Rounds poll', poll: { options: ['Yes', 'No'], expires_in: 600 } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.poll.options).toEqual([
      { title: 'Yes', votes_count: 0 },
      { title: 'No', votes_count: 0 },
    ]);
  });

  it('refuses bad polls with a 422 that says what to fix, and stores nothing', async () => {
    const [before] = await env.ctx.db.select({ n: count() }).from(polls);
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ options: ['Only one'], expires_in: 600 }, 'poll.options', /at least 2 options/],
      [{ options: ['a', '  '], expires_in: 600 }, 'poll.options', /at least 2 options/],
      [{ options: ['a', 'b', 'c', 'd', 'e'], expires_in: 600 }, 'poll.options', /at most 4 options/],
      [{ options: ['a', 'x'.repeat(51)], expires_in: 600 }, 'poll.options', /at most 50 characters/],
      [{ options: ['Same', 'Same'], expires_in: 600 }, 'poll.options', /must differ/],
      [{ options: ['a', 'b'], expires_in: 60 }, 'poll.expires_in', /at least 300 seconds/],
      [{ options: ['a', 'b'], expires_in: 2_629_747 }, 'poll.expires_in', /at most 2629746 seconds/],
      [{ options: ['a', 'b'] }, 'poll.expires_in', /number/],
      [{ options: ['a', 'b'], expires_in: 'soon' }, 'poll.expires_in', /number/],
      [{ options: 'a, b', expires_in: 600 }, 'poll.options', /.+/],
      [{ expires_in: 600 }, 'poll.options', /.+/],
    ];
    for (const [poll, field, message] of cases) {
      const res = await call(env, 'POST', '/api/v1/statuses', {
        token: alice.token,
        body: { status: 'A poll', poll },
      });
      expect(res.status, JSON.stringify(poll)).toBe(422);
      expect(res.body.error, JSON.stringify(poll)).toMatch(new RegExp(`^${field.replace('.', '\\.')}: `));
      expect(res.body.error, JSON.stringify(poll)).toMatch(message);
    }
    // Grapheme-counted like Mastodon: 50 emoji are 50 characters.
    const emoji = await call(env, 'POST', '/api/v1/statuses', {
      token: alice.token,
      body: { status: 'Emoji poll', poll: { options: ['👩‍⚕️'.repeat(50), 'no'], expires_in: 600 } },
    });
    expect(emoji.status).toBe(200);
    const [after] = await env.ctx.db.select({ n: count() }).from(polls);
    expect(after!.n).toBe(before!.n + 1);
  });

  it('refuses a poll together with media', async () => {
    const media = await upload(env, alice.token, await png(), { filename: 'x.png', type: 'image/png' });
    expect(media.status).toBe(200);
    const res = await call(env, 'POST', '/api/v1/statuses', {
      token: alice.token,
      body: { status: 'Both', media_ids: [media.body.id], poll: { options: ['a', 'b'], expires_in: 600 } },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatch(/^media_ids: a post can have media or a poll, not both/);
  });

  it('refuses a patient identifier in an option with the PHI 422, on both APIs', async () => {
    const [before] = await env.ctx.db.select({ n: count() }).from(polls);
    const body = {
      status: 'Next step?',
      poll: { options: ['CT head', 'Ask Marguerite Okafor, MRN 4471-2290'], expires_in: 600 },
    };
    const res = await call(env, 'POST', '/api/v1/statuses', { token: alice.token, body });
    expect(res.status).toBe(422);
    expect(res.body.error_code).toBe('phi_detected');
    expect(res.body.error).toContain("MRN '4471-2290'");
    expect(res.body.details.spans.map((s: { field: string }) => s.field)).toContain('poll.options.1');
    expect(res.body.details.redacted['poll.options.1']).toContain('[MRN]');
    const rounds = await call(env, 'POST', '/api/rounds/v1/statuses', { token: alice.token, body });
    expect(rounds.status).toBe(422);
    expect(rounds.body.error.code).toBe('phi_detected');
    const [after] = await env.ctx.db.select({ n: count() }).from(polls);
    expect(after!.n).toBe(before!.n);
  });

  it('stores the redacted options when the author accepts the redaction (Rounds API)', async () => {
    const res = await call(env, 'POST', '/api/rounds/v1/statuses', {
      token: alice.token,
      body: {
        status: 'Next step?',
        poll: { options: ['CT head', 'Call about MRN 4471-2290'], expires_in: 600 },
        phi: { action: 'redact' },
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.poll.options[1].title).toContain('[MRN]');
    expect(JSON.stringify(res.body)).not.toContain('4471-2290');
    const audit = await env.ctx.db.select().from(phiAuditLog).where(eq(phiAuditLog.targetId, res.body.id));
    expect(audit.map((a) => a.surface)).toEqual(['poll_option']);
  });
});

describe('voting', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  let carol: Persona;
  let dan: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    [alice, bob, carol, dan] = await personas(env, 'alice', 'bob', 'carol', 'dan');
  });

  it('counts a vote and shows each viewer their own votes', async () => {
    const status = await postPoll(env, alice);
    const pollId = status.poll.id;
    const res = await vote(env, bob, pollId, [1]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expectMatchesSchema('Poll', res.body);
    expect(res.body).toMatchObject({ votes_count: 1, voters_count: 1, voted: true, own_votes: [1] });
    expect(tallies(res.body)).toEqual([0, 1, 0]);

    const asCarol = await getPoll(env, pollId, carol);
    expect(asCarol.status).toBe(200);
    expectMatchesSchema('Poll', asCarol.body);
    expect(asCarol.body).toMatchObject({ votes_count: 1, voted: false, own_votes: [] });
    // The author cannot vote, so Mastodon shows the poll as voted for them.
    const asAlice = await getPoll(env, pollId, alice);
    expect(asAlice.body).toMatchObject({ voted: true, own_votes: [] });
    const anonymous = await getPoll(env, pollId);
    expect(anonymous.body).not.toHaveProperty('voted');
    expect(tallies(anonymous.body)).toEqual([0, 1, 0]);

    // The same view inside the Status entity, wherever it is read.
    const viaStatus = await call(env, 'GET', `/api/v1/statuses/${status.id}`, { token: bob.token });
    expect(viaStatus.body.poll).toMatchObject({ voted: true, own_votes: [1], votes_count: 1 });
    const timeline = await call(env, 'GET', `/api/v1/accounts/${alice.account.id}/statuses`, {
      token: carol.token,
    });
    const inList = timeline.body.find((s: { id: string }) => s.id === status.id);
    expect(inList.poll).toMatchObject({ voted: false, own_votes: [], votes_count: 1 });
  });

  it('takes choices[] as form keys', async () => {
    const status = await postPoll(env, alice);
    const res = await postForm(env, bob, `/api/v1/polls/${status.poll.id}/votes`, [['choices[]', '2']]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.own_votes).toEqual([2]);
  });

  it('refuses votes Mastodon refuses, each with a message', async () => {
    const status = await postPoll(env, alice);
    const pollId = status.poll.id;
    const cases: Array<[Persona, unknown, RegExp]> = [
      [bob, [3], /^choices: there is no option 3; choose from 0 to 2/],
      [bob, [-1], /^choices: there is no option -1/],
      [bob, [0, 1], /^choices: this poll allows only one choice/],
      [bob, [], /^choices: choose at least one option/],
      [bob, ['first'], /^choices\.0: /],
      [alice, [0], /^You cannot vote in your own polls$/],
    ];
    for (const [who, choices, message] of cases) {
      const res = await vote(env, who, pollId, choices);
      expect(res.status, JSON.stringify(choices)).toBe(422);
      expect(res.body.error).toMatch(message);
    }
    expect((await vote(env, bob, pollId, [0])).status).toBe(200);
    const twice = await vote(env, bob, pollId, [1]);
    expect(twice.status).toBe(422);
    expect(twice.body.error).toBe('You have already voted on this poll');
    const poll = await getPoll(env, pollId, bob);
    expect(poll.body).toMatchObject({ votes_count: 1, voters_count: 1, own_votes: [0] });
    expect(tallies(poll.body)).toEqual([1, 0, 0]);
    expect((await vote(env, undefined, pollId, [0])).status).toBe(401);
    expect((await vote(env, bob, '999999', [0])).status).toBe(404);
    expect((await getPoll(env, 'nope')).status).toBe(404);
  });

  it('counts several choices on a multiple-choice poll, one voter', async () => {
    const status = await postPoll(env, alice, { multiple: true });
    const res = await vote(env, carol, status.poll.id, [2, 0]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ multiple: true, votes_count: 2, voters_count: 1, own_votes: [0, 2] });
    expect(tallies(res.body)).toEqual([1, 0, 1]);
    const dup = await vote(env, bob, status.poll.id, [1, 1]);
    expect(dup.status).toBe(422);
    expect(dup.body.error).toMatch(/^choices: each option can be chosen only once/);
  });

  it('loses no count when many vote at once', async () => {
    const status = await postPoll(env, alice, { multiple: true });
    const voters = [bob, carol, dan];
    for (let i = 0; i < 5; i++) voters.push(await createPersona(env, `voter${i}`));
    // Every voter picks option 0; every other voter option 2 as well.
    const ballots = voters.map((_, i) => (i % 2 === 0 ? [0, 2] : [0]));
    const results = await Promise.all(voters.map((v, i) => vote(env, v, status.poll.id, ballots[i])));
    for (const r of results) expect(r.status, JSON.stringify(r.body)).toBe(200);
    const poll = await getPoll(env, status.poll.id);
    expect(poll.body.voters_count).toBe(8);
    expect(poll.body.votes_count).toBe(12);
    expect(tallies(poll.body)).toEqual([8, 0, 4]);
  });

  it('refuses a second vote sent at the same time as the first', async () => {
    const status = await postPoll(env, alice);
    const results = await Promise.all([
      vote(env, dan, status.poll.id, [0]),
      vote(env, dan, status.poll.id, [1]),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
    const poll = await getPoll(env, status.poll.id, dan);
    expect(poll.body).toMatchObject({ votes_count: 1, voters_count: 1 });
    expect(poll.body.own_votes).toHaveLength(1);
  });

  it('hides the totals until the poll ends, except from the author', async () => {
    const status = await postPoll(env, alice, { hide_totals: true });
    const pollId = status.poll.id;
    expect(tallies(status.poll)).toEqual([0, 0, 0]);
    const voted = await vote(env, bob, pollId, [0]);
    expect(tallies(voted.body)).toEqual([null, null, null]);
    expect(voted.body.votes_count).toBe(1);
    expectMatchesSchema('Poll', voted.body);
    expect(tallies((await getPoll(env, pollId)).body)).toEqual([null, null, null]);
    expect(tallies((await getPoll(env, pollId, alice)).body)).toEqual([1, 0, 0]);
    env.clock.advance(HOUR_MS + 1000);
    const ended = await getPoll(env, pollId);
    expect(ended.body.expired).toBe(true);
    expect(tallies(ended.body)).toEqual([1, 0, 0]);
    const late = await vote(env, carol, pollId, [1]);
    expect(late.status).toBe(422);
    expect(late.body.error).toBe('The poll has already ended');
  });
});

describe('who may see and vote in a poll', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  let mallory: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
    mallory = await createPersona(env, 'mallory');
    await follow(env, bob, alice);
  });

  it('hides a followers-only poll from strangers: viewing and voting both read as 404', async () => {
    const status = await postPoll(env, alice, {}, { visibility: 'private' });
    const pollId = status.poll.id;
    for (const res of [
      await getPoll(env, pollId),
      await getPoll(env, pollId, mallory),
      await vote(env, mallory, pollId, [0]),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error).toBe('Record not found');
    }
    const follower = await vote(env, bob, pollId, [0]);
    expect(follower.status).toBe(200);
    expect(follower.body.votes_count).toBe(1);
  });

  it('deletes the poll and its votes with the status', async () => {
    const status = await postPoll(env, alice);
    expect((await vote(env, bob, status.poll.id, [1])).status).toBe(200);
    const deleted = await call(env, 'DELETE', `/api/v1/statuses/${status.id}`, { token: alice.token });
    expect(deleted.status).toBe(200);
    expect(deleted.body.poll.options.map((o: { title: string }) => o.title)).toHaveLength(3);
    expect((await getPoll(env, status.poll.id, bob)).status).toBe(404);
    const [left] = await env.ctx.db
      .select({ n: count() })
      .from(pollVotes)
      .where(eq(pollVotes.pollId, status.poll.id));
    expect(left!.n).toBe(0);
  });
});

describe('editing a status with a poll', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
  });

  it('keeps the votes when the options stay, resets them when they change, and keeps history', async () => {
    const status = await postPoll(env, alice);
    expect((await vote(env, bob, status.poll.id, [0])).status).toBe(200);

    const sameOptions = await call(env, 'PUT', `/api/v1/statuses/${status.id}`, {
      token: alice.token,
      body: {
        status: 'Which first-line agent for CAP in adults?',
        poll: { options: ['Amoxicillin', 'Doxycycline', 'Macrolide'], expires_in: 2 * HOUR_S },
      },
    });
    expect(sameOptions.status, JSON.stringify(sameOptions.body)).toBe(200);
    expect(sameOptions.body.poll).toMatchObject({ id: status.poll.id, votes_count: 1 });
    expect(sameOptions.body.poll.expires_at).toBe(
      new Date(env.clock.now().getTime() + 2 * HOUR_MS).toISOString(),
    );

    // An edit that does not mention the poll leaves it alone.
    const textOnly = await call(env, 'PUT', `/api/v1/statuses/${status.id}`, {
      token: alice.token,
      body: { status: 'Which first-line agent for CAP in adults? (outpatient)' },
    });
    expect(textOnly.body.poll).toMatchObject({ id: status.poll.id, votes_count: 1 });

    const changed = await call(env, 'PUT', `/api/v1/statuses/${status.id}`, {
      token: alice.token,
      body: {
        status: 'Which first-line agent for CAP in adults? (outpatient)',
        poll: { options: ['Amoxicillin', 'Doxycycline'], expires_in: HOUR_S },
      },
    });
    expect(changed.status).toBe(200);
    expectMatchesSchema('Status', changed.body);
    expect(changed.body.poll).toMatchObject({ votes_count: 0, voters_count: 0 });
    expect(tallies(changed.body.poll)).toEqual([0, 0]);
    const asBob = await getPoll(env, changed.body.poll.id, bob);
    expect(asBob.body).toMatchObject({ voted: false, own_votes: [] });
    expect((await vote(env, bob, changed.body.poll.id, [1])).status).toBe(200);

    const history = await call(env, 'GET', `/api/v1/statuses/${status.id}/history`, { token: bob.token });
    expect(history.status).toBe(200);
    for (const version of history.body) expectMatchesSchema('StatusEdit', version);
    expect(
      history.body.map((v: { poll: { options: Array<{ title: string }> } | null }) => v.poll?.options.length),
    ).toEqual([3, 3, 3, 2]);
    expect(history.body.at(-1).poll).toEqual({
      options: [{ title: 'Amoxicillin' }, { title: 'Doxycycline' }],
    });
  });

  it('adds a poll to a status, removes it with poll: null, and checks the options like a new poll', async () => {
    const status = await post(env, alice, { status: 'Plain post' });
    expect(status.poll).toBeNull();
    const bad = await call(env, 'PUT', `/api/v1/statuses/${status.id}`, {
      token: alice.token,
      body: { poll: { options: ['only'], expires_in: 600 } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatch(/^poll\.options: /);
    const phi = await call(env, 'PUT', `/api/v1/statuses/${status.id}`, {
      token: alice.token,
      body: { poll: { options: ['ok', 'MRN 4471-2290'], expires_in: 600 } },
    });
    expect(phi.status).toBe(422);
    expect(phi.body.error_code).toBe('phi_detected');

    const added = await call(env, 'PUT', `/api/v1/statuses/${status.id}`, {
      token: alice.token,
      body: { poll: { options: ['yes', 'no'], expires_in: 600 } },
    });
    expect(added.status).toBe(200);
    expect(added.body.poll.options).toHaveLength(2);
    const removed = await call(env, 'PUT', `/api/v1/statuses/${status.id}`, {
      token: alice.token,
      body: { poll: null },
    });
    expect(removed.status).toBe(200);
    expect(removed.body.poll).toBeNull();
    expect((await getPoll(env, added.body.poll.id, alice)).status).toBe(404);
    const history = await call(env, 'GET', `/api/v1/statuses/${status.id}/history`, { token: alice.token });
    expect(history.body.map((v: { poll: unknown }) => v.poll !== null)).toEqual([false, true, false]);
  });
});

describe('when a poll ends', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  let carol: Persona;
  let dan: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    [alice, bob, carol, dan] = await personas(env, 'alice', 'bob', 'carol', 'dan');
  });

  it('notifies the author and every voter once, even when the job runs twice', async () => {
    const status = await postPoll(env, alice, { multiple: true });
    const later = await postPoll(env, alice, { expires_in: 3 * HOUR_S });
    expect((await vote(env, bob, status.poll.id, [0, 1])).status).toBe(200);
    expect((await vote(env, carol, status.poll.id, [2])).status).toBe(200);
    expect((await vote(env, dan, later.poll.id, [0])).status).toBe(200);

    expect(await closeExpiredPolls(env.ctx)).toBe(0);
    env.clock.advance(HOUR_MS + 1000);
    const [first, second] = await Promise.all([closeExpiredPolls(env.ctx), closeExpiredPolls(env.ctx)]);
    expect(first + second).toBe(1);
    expect(await closeExpiredPolls(env.ctx)).toBe(0);
    await settle(env);

    for (const who of [alice, bob, carol]) {
      const list = await notificationsOf(env, who, '?types[]=poll');
      expect(summarise(list), who.username).toEqual(['poll alice']);
      expectMatchesSchema('Notification', list[0]);
      expect(list[0].status.id).toBe(status.id);
      expect(list[0].status.poll).toMatchObject({ expired: true, votes_count: 3, voters_count: 2 });
    }
    expect(await notificationsOf(env, dan, '?types[]=poll')).toEqual([]);

    env.clock.advance(2 * HOUR_MS);
    expect(await closeExpiredPolls(env.ctx)).toBe(1);
    expect(summarise(await notificationsOf(env, dan, '?types[]=poll'))).toEqual(['poll alice']);
    expect(await notificationsOf(env, alice, '?types[]=poll')).toHaveLength(2);
    expect(await notificationsOf(env, bob, '?types[]=poll')).toHaveLength(1);
  });
});

describe('polls in live streams', () => {
  let env: TestEnv;
  let url: string;
  let close: () => Promise<void>;
  let alice: Persona;
  let bob: Persona;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    env = await createTestEnv();
    ({ url, close } = await serveEnv(env));
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await close();
  });

  it("streams each viewer their own view of a poll (the author's hidden totals stay hidden)", async () => {
    for (const who of [alice, bob]) {
      const socket = await openSocket(url, who.token);
      sockets.push(socket);
      await subscribe(socket, 'hashtag', { tag: 'CasePoll' });
    }
    const status = await post(env, alice, {
      status: 'Next test? #CasePoll',
      poll: { options: ['Troponin', 'D-dimer'], expires_in: 600, hide_totals: true },
    });
    const [asAlice, asBob] = await Promise.all(
      sockets.map(async (s) => payloadOf(await s.next(statusEvent('update', 'hashtag', status.id)))),
    );
    expect(asAlice.poll).toMatchObject({ voted: true, own_votes: [] });
    expect(tallies(asAlice.poll)).toEqual([0, 0]);
    expect(asBob.poll).toMatchObject({ voted: false, own_votes: [] });
    expect(tallies(asBob.poll)).toEqual([null, null]);
  });
});
