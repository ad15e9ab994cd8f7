import { beforeAll, describe, expect, it } from 'vitest';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { block, follow } from './statuses-fixtures.ts';
import { publish, TWEETORIALS, tweetorialBody } from './tweetorials-fixtures.ts';

/**
 * A followers-only tweetorial is invisible to strangers and anonymous callers through every path
 * that can show it or its parts, while its author's followers read it everywhere. A public one
 * alongside it is the control: each path that hides the private one does show the public one.
 */
describe('a followers-only tweetorial through every path', () => {
  let env: TestEnv;
  let alice: Persona; // the author
  let bob: Persona; // follows alice
  let carol: Persona; // a stranger
  let eve: Persona; // follows alice, but alice blocks her
  let priv: any;
  let pub: any;
  /** Who reads: a persona, or anonymous. */
  const readers = () =>
    [
      ['anonymous', undefined],
      ['a stranger', carol.token],
    ] as const;

  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
    carol = await createPersona(env, 'carol');
    eve = await createPersona(env, 'eve');
    await follow(env, bob, alice);
    await follow(env, eve, alice);
    await block(env, alice, eve);
    priv = await publish(env, alice, {
      title: 'Zanzibarite toxicity, followers only',
      parts: [{ text: 'Zanzibarite is a made-up toxin.' }, { text: 'Zanzibarite needs no antidote.' }],
      tags: ['toxhidden'],
      references: [{ doi: '10.5555/hidden.1' }],
      visibility: 'private',
    });
    pub = await publish(env, alice, {
      title: 'Quokkaline toxicity, public',
      parts: [{ text: 'Quokkaline is a made-up toxin.' }, { text: 'Quokkaline needs no antidote.' }],
      tags: ['toxshown'],
      references: [{ doi: '10.5555/shown.1' }],
    });
    await env.ctx.events.idle();
  });

  const partIds = (t: any): string[] => t.parts.map((p: any) => p.id);
  const idsOf = (body: any): string[] => (Array.isArray(body) ? body.map((s: any) => s.id) : []);

  it('publishes every part followers-only', () => {
    expect(priv.visibility).toBe('private');
    expect(priv.parts.map((p: any) => p.visibility)).toEqual(['private', 'private']);
  });

  it('reading view and versions: 404 for strangers and anonymous callers, like an unknown id', async () => {
    const unknown = await call(env, 'GET', `${TWEETORIALS}/424242424242`);
    for (const [who, token] of readers()) {
      for (const path of [`/${priv.id}`, `/${priv.id}/versions`, `/${priv.id}/versions/1`]) {
        const res = await call(env, 'GET', `${TWEETORIALS}${path}`, { token });
        expect(res.status, `${who} ${path}`).toBe(404);
        expect(res.body).toEqual(unknown.body);
      }
      expect((await call(env, 'GET', `${TWEETORIALS}/${pub.id}`, { token })).status).toBe(200);
    }
    expect((await call(env, 'GET', `${TWEETORIALS}/${priv.id}`, { token: eve.token })).status).toBe(404);
    const follower = await call(env, 'GET', `${TWEETORIALS}/${priv.id}`, { token: bob.token });
    expect(follower.status).toBe(200);
    expect(partIds(follower.body)).toEqual(partIds(priv));
    expect((await call(env, 'GET', `${TWEETORIALS}/${priv.id}/versions`, { token: bob.token })).status).toBe(
      200,
    );
  });

  it('statuses and their context', async () => {
    for (const [who, token] of readers()) {
      for (const id of partIds(priv)) {
        expect((await call(env, 'GET', `/api/v1/statuses/${id}`, { token })).status, who).toBe(404);
        expect((await call(env, 'GET', `/api/v1/statuses/${id}/context`, { token })).status, who).toBe(404);
      }
      const many = await call(
        env,
        'GET',
        `/api/v1/statuses?${[...partIds(priv), ...partIds(pub)].map((id) => `id[]=${id}`).join('&')}`,
        { token },
      );
      expect(idsOf(many.body), who).toEqual(partIds(pub));
      const context = await call(env, 'GET', `/api/v1/statuses/${pub.parts[0].id}/context`, { token });
      expect(idsOf(context.body.descendants)).toEqual([pub.parts[1].id]);
    }
    const context = await call(env, 'GET', `/api/v1/statuses/${priv.parts[1].id}/context`, {
      token: bob.token,
    });
    expect(idsOf(context.body.ancestors)).toEqual([priv.parts[0].id]);
  });

  it('account statuses, public and hashtag timelines', async () => {
    for (const [who, token] of readers()) {
      const account = await call(env, 'GET', `/api/v1/accounts/${alice.account.id}/statuses`, { token });
      expect(idsOf(account.body), who).toEqual(expect.arrayContaining(partIds(pub)));
      expect(
        idsOf(account.body).filter((id) => partIds(priv).includes(id)),
        who,
      ).toEqual([]);
      const local = await call(env, 'GET', '/api/v1/timelines/public', { token });
      expect(idsOf(local.body), who).toContain(pub.parts[0].id);
      expect(
        idsOf(local.body).filter((id) => partIds(priv).includes(id)),
        who,
      ).toEqual([]);
      const hidden = await call(env, 'GET', '/api/v1/timelines/tag/toxhidden', { token });
      expect(idsOf(hidden.body), who).toEqual([]);
      const shown = await call(env, 'GET', '/api/v1/timelines/tag/toxshown', { token });
      expect(idsOf(shown.body), who).toEqual([pub.parts[0].id]);
    }
    const account = await call(env, 'GET', `/api/v1/accounts/${alice.account.id}/statuses`, {
      token: bob.token,
    });
    expect(idsOf(account.body)).toEqual(expect.arrayContaining(partIds(priv)));
  });

  it('search', async () => {
    for (const [who, token] of readers()) {
      const hidden = await call(env, 'GET', '/api/v2/search?type=statuses&q=zanzibarite', { token });
      expect(hidden.status, who).toBe(200);
      expect(idsOf(hidden.body.statuses), who).toEqual([]);
      const shown = await call(env, 'GET', '/api/v2/search?type=statuses&q=quokkaline', { token });
      expect(idsOf(shown.body.statuses).sort(), who).toEqual(partIds(pub).sort());
    }
    const follower = await call(env, 'GET', '/api/v2/search?type=statuses&q=zanzibarite', {
      token: bob.token,
    });
    expect(idsOf(follower.body.statuses).sort()).toEqual(partIds(priv).sort());
  });

  it('the paper page of its reference', async () => {
    for (const [who, token] of readers()) {
      const hidden = await call(env, 'GET', '/api/rounds/v1/papers/10.5555%2Fhidden.1', { token });
      expect(hidden.body, who).toMatchObject({ count: 0, statuses: [] });
      const shown = await call(env, 'GET', '/api/rounds/v1/papers/10.5555%2Fshown.1', { token });
      expect(idsOf(shown.body.statuses), who).toEqual([pub.parts[0].id]);
    }
    const follower = await call(env, 'GET', '/api/rounds/v1/papers/10.5555%2Fhidden.1', { token: bob.token });
    expect(idsOf(follower.body.statuses)).toEqual([priv.parts[0].id]);
  });

  it('tweetorial lists', async () => {
    for (const [who, token] of readers()) {
      for (const q of ['', `?account_id=${alice.account.id}`, '?tag=toxhidden', '?bloom_level=apply']) {
        const res = await call(env, 'GET', `${TWEETORIALS}${q}`, { token });
        expect(res.status).toBe(200);
        expect(idsOf(res.body), `${who} ${q}`).not.toContain(priv.id);
      }
      expect(idsOf((await call(env, 'GET', TWEETORIALS, { token })).body)).toContain(pub.id);
    }
    expect(
      idsOf((await call(env, 'GET', `${TWEETORIALS}?tag=toxhidden`, { token: eve.token })).body),
    ).toEqual([]);
    const follower = await call(env, 'GET', `${TWEETORIALS}?tag=toxhidden`, { token: bob.token });
    expect(idsOf(follower.body)).toEqual([priv.id]);
  });

  it('writes: completing, editing and deleting read as not found for strangers', async () => {
    const paths: Array<[string, string, unknown]> = [
      ['POST', `${TWEETORIALS}/${priv.id}/complete`, {}],
      ['DELETE', `${TWEETORIALS}/${priv.id}/complete`, undefined],
      ['PUT', `${TWEETORIALS}/${priv.id}`, tweetorialBody({ visibility: 'private' })],
      ['DELETE', `${TWEETORIALS}/${priv.id}`, undefined],
    ];
    for (const [method, path, body] of paths) {
      const res = await call(env, method, path, { token: carol.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const done = await call(env, 'POST', `${TWEETORIALS}/${priv.id}/complete`, {
      token: bob.token,
      body: {},
    });
    expect(done.status).toBe(200);
    expect((await call(env, 'GET', `${TWEETORIALS}/${priv.id}`)).status).toBe(404);
  });
});
