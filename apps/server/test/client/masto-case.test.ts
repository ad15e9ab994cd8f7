import type { mastodon } from 'masto';
import { beforeAll, describe, expect, it } from 'vitest';
import { stemiCase } from '../cases-fixtures.ts';
import { createTestEnv, type TestEnv } from '../harness.ts';
import { listen } from '../listen.ts';
import { signUpWithMasto } from './masto-sign-up.ts';

/**
 * A clinical case seen through an independent Mastodon client library (masto 7.12) against a
 * real listening server: the case is an ordinary status with readable HTML and its differential
 * poll, learners vote and reply as on any post, and the reveal arrives as a reply in its context.
 */
describe('masto client reading a clinical case', () => {
  let env: TestEnv;
  let url: string;
  const people: Record<'alice' | 'bob', { rest: mastodon.rest.Client; id: string; token: string }> =
    {} as never;

  function signUp(username: string): Promise<{ rest: mastodon.rest.Client; token: string }> {
    return signUpWithMasto(url, username, 'masto case');
  }

  /** The Rounds API, which masto does not know, called as any HTTP client would. */
  async function rounds(token: string, method: string, path: string, body?: unknown): Promise<any> {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    expect(res.status, JSON.stringify(json)).toBe(200);
    return json;
  }

  beforeAll(async () => {
    env = await createTestEnv();
    url = await listen(env);
    env.config.publicUrl = url;
    for (const name of ['alice', 'bob'] as const) {
      const { rest, token } = await signUp(name);
      people[name] = { rest, token, id: (await rest.v1.accounts.verifyCredentials()).id };
    }
  });

  it('shows the case as a status with its poll, and the reveal as a reply in its context', async () => {
    const { alice, bob } = people;
    await bob.rest.v1.accounts.$select(alice.id).follow();
    const c = await rounds(alice.token, 'POST', '/api/rounds/v1/cases', stemiCase());

    // Bob's app sees an ordinary status: in his home timeline, on the hashtag page, by id.
    const home = await bob.rest.v1.timelines.home.list();
    expect(home.map((s) => s.id)).toContain(c.status.id);
    const tagged = await bob.rest.v1.timelines.tag.$select('cardiology').list();
    expect(tagged.map((s) => s.id)).toContain(c.status.id);
    const status = await bob.rest.v1.statuses.$select(c.status.id).fetch();
    expect(status.account.id).toBe(alice.id);
    expect(status.content).toMatch(/^<p>Clinical case: Chest pain after a long run<\/p>/);
    expect(status.content).toContain('<p>Question: What is the most likely diagnosis');
    expect(status.content).not.toContain('occluded proximal LAD');
    expect(status.tags.map((t) => t.name.toLowerCase()).sort()).toEqual(['cardiology', 'ecg']);
    const poll = status.poll!;
    expect(poll.options.map((o) => o.title)).toEqual(['Anterior STEMI', 'Aortic dissection', 'Pericarditis']);

    // He votes and replies as on any post.
    const voted = await bob.rest.v1.polls.$select(poll.id).votes.create({ choices: [0] });
    expect(voted.votesCount).toBe(1);
    const reply = await bob.rest.v1.statuses.create({
      status: 'STEMI: the reciprocal change in the inferior leads settles it',
      inReplyToId: c.status.id,
    });

    // The author reveals and accepts Bob's reply through the Rounds API.
    await rounds(alice.token, 'POST', `/api/rounds/v1/cases/${c.id}/reveal`, {});
    const solved = await rounds(alice.token, 'PUT', `/api/rounds/v1/cases/${c.id}/accepted_answer`, {
      status_id: reply.id,
    });
    expect(solved.state).toBe('solved');

    const context = await bob.rest.v1.statuses.$select(c.status.id).context.fetch();
    const reveal = context.descendants.find((s) => s.account.id === alice.id)!;
    expect(reveal.inReplyToId).toBe(c.status.id);
    expect(reveal.content).toMatch(/^<p>Case reveal: Chest pain after a long run<\/p>/);
    expect(reveal.content).toContain('Answer: Anterior STEMI from an occluded proximal LAD.');
    expect(reveal.content).toContain('Teaching points:<br />• Reciprocal change');
    expect(context.descendants.map((s) => s.id)).toContain(reply.id);
    // The reveal's own context leads back to the case.
    const up = await bob.rest.v1.statuses.$select(reveal.id).context.fetch();
    expect(up.ancestors.map((s) => s.id)).toEqual([c.status.id]);
  });
});
