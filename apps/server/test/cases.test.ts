import { eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { statuses, statusLearning } from '../src/db/schema/index.ts';
import { revealScheduledCases } from '../src/jobs/case-reveal.ts';
import {
  CASES_PATH,
  contributionEntries,
  publishCase,
  roundsDocument,
  stemiCase,
  storedCounts,
} from './cases-fixtures.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { follow, post } from './statuses-fixtures.ts';

const HOUR_MS = 60 * 60 * 1000;
const ANSWER = 'Anterior STEMI from an occluded proximal LAD.';

/**
 * Clinical cases through the Rounds API: a case is published as ordinary statuses, its answer
 * stays hidden until the reveal (manual or scheduled), the outcome follows, the author accepts a
 * reply as the answer, contributions land in the learners' records, and visibility is the case
 * status'.
 */
describe('clinical cases', () => {
  let env: TestEnv;
  let alice: Persona; // the author
  let bob: Persona; // follows alice
  let carol: Persona; // follows alice
  let dan: Persona; // a stranger
  let documented: Awaited<ReturnType<typeof roundsDocument>>;

  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
    carol = await createPersona(env, 'carol');
    dan = await createPersona(env, 'dan');
    await follow(env, bob, alice);
    await follow(env, carol, alice);
    documented = await roundsDocument(env);
  });

  async function getCase(id: string, who?: Persona) {
    return call(env, 'GET', `${CASES_PATH}/${id}`, { token: who?.token });
  }

  it('publishes a case as a status any Mastodon app can show, with the poll and the learning link', async () => {
    const c = await publishCase(env, alice);
    documented('post', CASES_PATH, 200, c);
    expect(c).toMatchObject({
      title: 'Chest pain after a long run',
      tags: ['cardiology', 'ECG'],
      bloom_level: 'analyze',
      visibility: 'public',
      state: 'open',
      revealed: false,
      consent: null,
      answer: ANSWER, // the author reads her own answer
      contributors_count: 0,
      poll_status: null,
      reveal_status: null,
      outcome_status: null,
      accepted_answer: null,
    });
    const html: string = c.status.content;
    expect(html).toContain('<p>Clinical case: Chest pain after a long run</p>');
    expect(html).toContain('History:<br />A 58-year-old man');
    expect(html).toContain('Question: What is the most likely diagnosis');
    expect(html).toContain('rel="tag">#<span>cardiology</span>');
    expect(html).not.toContain('occluded proximal LAD');
    expect(c.status.poll.options.map((o: { title: string }) => o.title)).toEqual([
      'Anterior STEMI',
      'Aortic dissection',
      'Pericarditis',
    ]);
    expect(c.status.rounds.learning).toEqual([{ type: 'case', id: c.id, bloom_level: 'analyze' }]);

    // The same status through the Mastodon API, for a follower.
    const seen = await call(env, 'GET', `/api/v1/statuses/${c.status.id}`, { token: bob.token });
    expect(seen.status).toBe(200);
    expect(seen.body.rounds.learning).toEqual([{ type: 'case', id: c.id, bloom_level: 'analyze' }]);
    expect(seen.body.tags.map((t: { name: string }) => t.name.toLowerCase()).sort()).toEqual([
      'cardiology',
      'ecg',
    ]);
  });

  it('keeps the answer from everyone but the author until the reveal, through every path', async () => {
    const c = await publishCase(env, alice, {
      answer: 'Wellens syndrome, type B',
      teaching_points: ['Look for biphasic T waves in V2 and V3'],
    });
    for (const who of [bob, dan, undefined]) {
      const res = await getCase(c.id, who);
      expect(res.status).toBe(200);
      expect(res.body.answer).toBeNull();
      expect(res.body.teaching_points).toBeNull();
      expect(JSON.stringify(res.body)).not.toContain('Wellens');
      const list = await call(env, 'GET', CASES_PATH, { token: who?.token });
      expect(JSON.stringify(list.body)).not.toContain('Wellens');
      const context = await call(env, 'GET', `/api/v1/statuses/${c.status.id}/context`, {
        token: who?.token,
      });
      expect(JSON.stringify(context.body)).not.toContain('Wellens');
    }
    const search = await call(env, 'GET', '/api/v2/search?q=Wellens&type=statuses', { token: bob.token });
    expect(search.body.statuses).toEqual([]);
    // No status anywhere holds it: only the case row does.
    const holding = await env.ctx.db.select().from(statuses).where(like(statuses.text, '%Wellens%'));
    expect(holding).toEqual([]);
    expect((await getCase(c.id, alice)).body).toMatchObject({
      answer: 'Wellens syndrome, type B',
      teaching_points: ['Look for biphasic T waves in V2 and V3'],
    });
  });

  it('runs the life cycle: contributions, reveal, outcome, accepted answer, open and solved', async () => {
    const c = await publishCase(env, alice);

    // Learners reply: bob to the case, carol to bob's reply (nested), bob again, alice herself.
    const bobReply = await post(env, bob, {
      status: 'STEMI: reciprocal change in the inferior leads',
      in_reply_to_id: c.status.id,
    });
    const carolReply = await post(env, carol, {
      status: 'Agree, and aspirin now',
      in_reply_to_id: bobReply.id,
    });
    await post(env, bob, { status: 'Also check for posterior extension', in_reply_to_id: carolReply.id });
    const aliceReply = await post(env, alice, {
      status: 'Good thoughts so far',
      in_reply_to_id: c.status.id,
    });
    const elsewhere = await post(env, bob, { status: 'An unrelated post about sepsis' });

    const bobEntries = await contributionEntries(env, bob, c.id);
    expect(bobEntries).toHaveLength(1);
    expect(bobEntries[0]).toMatchObject({
      objectKind: 'case',
      title: 'Chest pain after a long run',
      bloomLevel: 'analyze',
      statusId: c.status.id,
      details: { reply_status_id: bobReply.id },
    });
    expect(await contributionEntries(env, carol, c.id)).toHaveLength(1);
    expect(await contributionEntries(env, alice, c.id)).toHaveLength(0);
    expect((await getCase(c.id, dan)).body.contributors_count).toBe(2);

    // Only the author reveals; a follower gets 403, a bad id 422, an unknown one 404.
    expect(
      (await call(env, 'POST', `${CASES_PATH}/${c.id}/reveal`, { token: bob.token, body: {} })).status,
    ).toBe(403);
    expect(
      (await call(env, 'POST', `${CASES_PATH}/999999/reveal`, { token: alice.token, body: {} })).status,
    ).toBe(404);
    const outcomeEarly = await call(env, 'POST', `${CASES_PATH}/${c.id}/outcome`, {
      token: alice.token,
      body: { outcome: 'Stented.' },
    });
    expect(outcomeEarly.status).toBe(409);
    expect(outcomeEarly.body.error.message).toContain('Reveal the case before');

    const revealed = await call(env, 'POST', `${CASES_PATH}/${c.id}/reveal`, {
      token: alice.token,
      body: {},
    });
    expect(revealed.status, JSON.stringify(revealed.body)).toBe(200);
    documented('post', `${CASES_PATH}/{id}/reveal`, 200, revealed.body);
    expect(revealed.body.revealed).toBe(true);
    expect(revealed.body.revealed_at).toBe(env.clock.now().toISOString());
    const reveal = revealed.body.reveal_status;
    expect(reveal.in_reply_to_id).toBe(c.status.id);
    expect(reveal.content).toContain('Case reveal: Chest pain after a long run');
    expect(reveal.content).toContain(`Answer: ${ANSWER}`);
    expect(reveal.content).toContain('• Reciprocal change makes STEMI far more likely');
    expect(reveal.rounds.learning).toEqual([{ type: 'case', id: c.id, bloom_level: 'analyze' }]);
    expect(
      (await call(env, 'POST', `${CASES_PATH}/${c.id}/reveal`, { token: alice.token, body: {} })).status,
    ).toBe(409);

    // Now everyone who sees the case reads the answer.
    const afterReveal = await getCase(c.id, dan);
    expect(afterReveal.body.answer).toBe(ANSWER);
    expect(afterReveal.body.reveal_status.id).toBe(reveal.id);
    const context = await call(env, 'GET', `/api/v1/statuses/${c.status.id}/context`, { token: dan.token });
    expect(context.body.descendants.map((s: { id: string }) => s.id)).toContain(reveal.id);

    const outcome = await call(env, 'POST', `${CASES_PATH}/${c.id}/outcome`, {
      token: alice.token,
      body: { outcome: 'Primary PCI to the proximal LAD; home on day 3 with an EF of 45%.' },
    });
    expect(outcome.status, JSON.stringify(outcome.body)).toBe(200);
    documented('post', `${CASES_PATH}/{id}/outcome`, 200, outcome.body);
    expect(outcome.body.outcome).toBe('Primary PCI to the proximal LAD; home on day 3 with an EF of 45%.');
    expect(outcome.body.outcome_status.in_reply_to_id).toBe(c.status.id);
    expect(outcome.body.outcome_status.content).toContain('Case outcome: Chest pain after a long run');
    expect(outcome.body.outcome_status.rounds.learning).toEqual([
      { type: 'case', id: c.id, bloom_level: 'analyze' },
    ]);
    const again = await call(env, 'POST', `${CASES_PATH}/${c.id}/outcome`, {
      token: alice.token,
      body: { outcome: 'Another outcome' },
    });
    expect(again.status).toBe(409);

    // The accepted answer: a reply by someone else in the thread, nested ones included.
    const accept = (statusId: unknown, who = alice) =>
      call(env, 'PUT', `${CASES_PATH}/${c.id}/accepted_answer`, {
        token: who.token,
        body: { status_id: statusId },
      });
    for (const [id, words] of [
      [elsewhere.id, "is not a reply in this case's thread"],
      [c.status.id, "is not a reply in this case's thread"],
      [aliceReply.id, 'is your own post'],
      ['999999', "is not a reply in this case's thread"],
    ] as const) {
      const res = await accept(id);
      expect(res.status, id).toBe(422);
      expect(res.body.error.details.field).toBe('status_id');
      expect(res.body.error.message).toContain(words);
    }
    expect((await accept(undefined)).status).toBe(422);
    expect((await accept(carolReply.id, bob)).status).toBe(403);

    const solved = await accept(carolReply.id);
    expect(solved.status, JSON.stringify(solved.body)).toBe(200);
    documented('put', `${CASES_PATH}/{id}/accepted_answer`, 200, solved.body);
    expect(solved.body.state).toBe('solved');
    expect(solved.body.accepted_answer.id).toBe(carolReply.id);
    expect((await contributionEntries(env, carol, c.id))[0]!.details).toMatchObject({
      accepted_answer: true,
      accepted_status_id: carolReply.id,
    });
    const solvedList = await call(env, 'GET', `${CASES_PATH}?state=solved`, { token: dan.token });
    expect(solvedList.body.map((x: { id: string }) => x.id)).toEqual([c.id]);
    expect(
      (await call(env, 'GET', `${CASES_PATH}?state=open`, { token: dan.token })).body.map(
        (x: { id: string }) => x.id,
      ),
    ).not.toContain(c.id);

    // Changing it moves the flag; clearing it opens the case again.
    const changed = await accept(bobReply.id);
    expect(changed.body.accepted_answer.id).toBe(bobReply.id);
    expect((await contributionEntries(env, carol, c.id))[0]!.details).toEqual({
      reply_status_id: carolReply.id,
    });
    expect((await contributionEntries(env, bob, c.id))[0]!.details).toMatchObject({ accepted_answer: true });
    const cleared = await call(env, 'DELETE', `${CASES_PATH}/${c.id}/accepted_answer`, {
      token: alice.token,
    });
    expect(cleared.status).toBe(200);
    documented('delete', `${CASES_PATH}/{id}/accepted_answer`, 200, cleared.body);
    expect(cleared.body).toMatchObject({ state: 'open', accepted_answer: null, accepted_at: null });
    expect((await contributionEntries(env, bob, c.id))[0]!.details).toEqual({ reply_status_id: bobReply.id });

    const view = await getCase(c.id, dan);
    documented('get', `${CASES_PATH}/{id}`, 200, view.body);
  });

  it('reveals on schedule exactly once, with the test clock standing in for time', async () => {
    const past = await call(env, 'POST', CASES_PATH, {
      token: alice.token,
      body: { ...stemiCase(), reveal_at: new Date(env.clock.now().getTime() - 1000).toISOString() },
    });
    expect(past.status).toBe(422);
    expect(past.body.error.details.field).toBe('reveal_at');
    expect(past.body.error.message).toMatch(/^reveal_at: must be in the future/);
    const noAnswer = await call(env, 'POST', CASES_PATH, {
      token: alice.token,
      body: {
        ...stemiCase({ answer: undefined }),
        reveal_at: new Date(env.clock.now().getTime() + HOUR_MS).toISOString(),
      },
    });
    expect(noAnswer.status).toBe(422);
    expect(noAnswer.body.error.message).toMatch(/^answer: is required when reveal_at/);

    const revealAt = new Date(env.clock.now().getTime() + HOUR_MS).toISOString();
    const c = await publishCase(env, alice, { reveal_at: revealAt, answer: 'Pulmonary embolism' });
    expect(c.reveal_at).toBe(revealAt);
    expect(await revealScheduledCases(env.ctx)).toBe(0);
    expect((await getCase(c.id, bob)).body).toMatchObject({ revealed: false, answer: null });

    env.clock.advance(HOUR_MS + 1000);
    const [first, second] = await Promise.all([revealScheduledCases(env.ctx), revealScheduledCases(env.ctx)]);
    expect(first + second).toBe(1);
    expect(await revealScheduledCases(env.ctx)).toBe(0);

    const view = (await getCase(c.id, bob)).body;
    expect(view).toMatchObject({ revealed: true, answer: 'Pulmonary embolism' });
    const reveals = await env.ctx.db.select().from(statuses).where(eq(statuses.inReplyToId, c.status.id));
    expect(reveals.filter((s) => s.text.startsWith('Case reveal:'))).toHaveLength(1);
    expect(view.reveal_status.content).toContain('Answer: Pulmonary embolism');
    // The author cannot reveal it a second time by hand.
    expect(
      (await call(env, 'POST', `${CASES_PATH}/${c.id}/reveal`, { token: alice.token, body: {} })).status,
    ).toBe(409);
  });

  it('reveals by hand with an answer given at the reveal, or refuses without one', async () => {
    const c = await publishCase(env, alice, {
      answer: undefined,
      teaching_points: undefined,
      poll: undefined,
    });
    const none = await call(env, 'POST', `${CASES_PATH}/${c.id}/reveal`, { token: alice.token, body: {} });
    expect(none.status).toBe(422);
    expect(none.body.error.details.field).toBe('answer');
    const done = await call(env, 'POST', `${CASES_PATH}/${c.id}/reveal`, {
      token: alice.token,
      body: { answer: 'Aortic dissection', teaching_points: ['Check both arms'] },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ answer: 'Aortic dissection', teaching_points: ['Check both arms'] });
    expect(done.body.reveal_status.content).toContain('• Check both arms');
  });

  it('keeps a followers-only case from strangers through every path', async () => {
    const c = await publishCase(env, alice, { visibility: 'private', title: 'A followers-only puzzle' });
    expect(c.visibility).toBe('private');
    expect((await getCase(c.id, bob)).status).toBe(200);
    for (const who of [dan, undefined]) {
      expect((await getCase(c.id, who)).status).toBe(404);
      const list = await call(env, 'GET', CASES_PATH, { token: who?.token });
      expect(list.body.map((x: { id: string }) => x.id)).not.toContain(c.id);
      expect((await call(env, 'GET', `/api/v1/statuses/${c.status.id}`, { token: who?.token })).status).toBe(
        404,
      );
    }
    // A stranger's commands read as not found, not as forbidden.
    expect(
      (await call(env, 'POST', `${CASES_PATH}/${c.id}/reveal`, { token: dan.token, body: {} })).status,
    ).toBe(404);
    expect((await call(env, 'DELETE', `${CASES_PATH}/${c.id}`, { token: dan.token })).status).toBe(404);

    // The reveal keeps the case's audience.
    const revealed = await call(env, 'POST', `${CASES_PATH}/${c.id}/reveal`, {
      token: alice.token,
      body: {},
    });
    expect(revealed.body.reveal_status.visibility).toBe('private');
    expect(
      (await call(env, 'GET', `/api/v1/statuses/${revealed.body.reveal_status.id}`, { token: dan.token }))
        .status,
    ).toBe(404);
    // Followers' replies count as contributions.
    await post(env, bob, { status: 'Could be a PE', in_reply_to_id: c.status.id, visibility: 'private' });
    expect(await contributionEntries(env, bob, c.id)).toHaveLength(1);
  });

  it('lists cases newest first with Link pagination and filters by state, tag, Bloom level and author', async () => {
    const other = await createTestEnv();
    const author = await createPersona(other, 'alice');
    const reader = await createPersona(other, 'dan');
    const made = [];
    for (const [i, bloom] of (['apply', 'analyze', 'apply', 'evaluate', 'apply'] as const).entries()) {
      const res = await call(other, 'POST', CASES_PATH, {
        token: author.token,
        body: stemiCase({
          title: `Case ${i}`,
          bloom_level: bloom,
          tags: i % 2 ? ['nephrology'] : ['cardiology'],
        }),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      made.push(res.body.id as string);
    }
    const page1 = await call(other, 'GET', `${CASES_PATH}?limit=2`, { token: reader.token });
    expect(page1.status).toBe(200);
    expect(page1.body.map((x: { id: string }) => x.id)).toEqual([made[4], made[3]]);
    const next = /<([^>]+)>; rel="next"/.exec(page1.headers.get('link') ?? '')?.[1];
    expect(next).toContain(`max_id=${made[3]}`);
    const page2 = await call(other, 'GET', new URL(next!).pathname + new URL(next!).search, {
      token: reader.token,
    });
    expect(page2.body.map((x: { id: string }) => x.id)).toEqual([made[2], made[1]]);

    const ids = async (q: string) =>
      (await call(other, 'GET', `${CASES_PATH}?${q}`, { token: reader.token })).body.map(
        (x: { id: string }) => x.id,
      );
    expect(await ids('bloom_level=apply')).toEqual([made[4], made[2], made[0]]);
    expect(await ids('tag=nephrology')).toEqual([made[3], made[1]]);
    expect(await ids('tag=%23Cardiology&bloom_level=apply')).toEqual([made[4], made[2], made[0]]);
    expect(await ids('state=solved')).toEqual([]);
    expect(await ids(`account_id=${author.account.id}&limit=1`)).toEqual([made[4]]);
    expect(await ids(`account_id=${reader.account.id}`)).toEqual([]);
    const bad = await call(other, 'GET', `${CASES_PATH}?state=closed`);
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/^state: must be open or solved/);
    expect((await call(other, 'GET', `${CASES_PATH}?bloom_level=memorise`)).status).toBe(422);
  });

  it('lets the author delete a case with its statuses; replies by others stay', async () => {
    const c = await publishCase(env, alice);
    const reply = await post(env, bob, { status: 'Inferior STEMI?', in_reply_to_id: c.status.id });
    const revealed = (
      await call(env, 'POST', `${CASES_PATH}/${c.id}/reveal`, { token: alice.token, body: {} })
    ).body;
    expect((await call(env, 'DELETE', `${CASES_PATH}/${c.id}`, { token: bob.token })).status).toBe(403);
    const res = await call(env, 'DELETE', `${CASES_PATH}/${c.id}`, { token: alice.token });
    expect(res.status).toBe(200);
    documented('delete', `${CASES_PATH}/{id}`, 200, res.body);
    expect((await getCase(c.id, alice)).status).toBe(404);
    for (const id of [c.status.id, revealed.reveal_status.id]) {
      expect((await call(env, 'GET', `/api/v1/statuses/${id}`, { token: alice.token })).status).toBe(404);
    }
    expect((await call(env, 'GET', `/api/v1/statuses/${reply.id}`, { token: bob.token })).status).toBe(200);
    // The learner's record keeps the contribution.
    expect(await contributionEntries(env, bob, c.id)).toHaveLength(1);
    expect((await call(env, 'DELETE', `${CASES_PATH}/${c.id}`, { token: alice.token })).status).toBe(404);
  });

  it('goes with its case status when that is deleted through the Mastodon API', async () => {
    const c = await publishCase(env, alice);
    const before = await storedCounts(env);
    expect(
      (await call(env, 'DELETE', `/api/v1/statuses/${c.status.id}`, { token: alice.token })).status,
    ).toBe(200);
    expect((await getCase(c.id, alice)).status).toBe(404);
    expect((await storedCounts(env)).cases).toBe(before.cases - 1);
    // No status keeps a rounds.learning link to the case.
    expect(await env.ctx.db.select().from(statusLearning).where(eq(statusLearning.objectId, c.id))).toEqual(
      [],
    );
  });
});
