import { beforeAll, describe, expect, it } from 'vitest';
import { updateProfile } from '../src/domain/accounts/index.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { expectMatchesSchema } from './openapi.ts';
import { block, follow, mute, post } from './statuses-fixtures.ts';

const usernames = (list: Array<{ username: string }>) => list.map((a) => a.username);

describe('account search: /api/v2/search?type=accounts and /api/v1/accounts/search', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  let bobby: Persona;
  let carol: Persona;
  let hermit: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
    bobby = await createPersona(env, 'bobby_tables');
    carol = await createPersona(env, 'carol');
    hermit = await createPersona(env, 'hermit');
    await updateProfile(env.ctx, bobby.account.id, { displayName: 'Roberta Smith-Jones' });
    await updateProfile(env.ctx, carol.account.id, { displayName: 'Carol Okafor, RN' });
    await updateProfile(env.ctx, hermit.account.id, { displayName: 'Quiet Hermit', discoverable: false });
  });

  async function v2(q: string, who?: Persona, extra = '') {
    const res = await call(env, 'GET', `/api/v2/search?type=accounts&q=${encodeURIComponent(q)}${extra}`, {
      token: who?.token,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.accounts as Array<{ username: string }>;
  }

  async function v1(q: string, who: Persona, extra = '') {
    const res = await call(env, 'GET', `/api/v1/accounts/search?q=${encodeURIComponent(q)}${extra}`, {
      token: who.token,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    for (const a of res.body) expectMatchesSchema('Account', a);
    return res.body as Array<{ username: string }>;
  }

  it('finds by username prefix, exact match first, and by the start of display-name words', async () => {
    expect(usernames(await v1('bob', alice))).toEqual(['bob', 'bobby_tables']);
    expect(usernames(await v1('@BOBBY_', alice))).toEqual(['bobby_tables']);
    expect(usernames(await v1('smith', alice))).toEqual(['bobby_tables']);
    expect(usernames(await v1('rob jon', alice))).toEqual(['bobby_tables']);
    expect(usernames(await v1('okafor', alice))).toEqual(['carol']);
    expect(usernames(await v2('car', alice))).toEqual(['carol']);
    expect(await v1('zzz', alice)).toEqual([]);
  });

  it('reads an address with this server’s domain as the local account', async () => {
    expect(usernames(await v1('bob@rounds.test', alice))).toEqual(['bob', 'bobby_tables']);
    expect(usernames(await v2('@bobby@rounds.test', alice))).toEqual(['bobby_tables']);
    expect(usernames(await v1('@bob@roun', alice))).toEqual(['bob', 'bobby_tables']);
    expect(await v1('bob@elsewhere.example', alice)).toEqual([]);
    // An address is an account query only: no hashtags, no statuses.
    const all = await call(env, 'GET', '/api/v2/search?q=%40bob', { token: alice.token });
    expect(usernames(all.body.accounts)).toEqual(['bob', 'bobby_tables']);
    expect(all.body.hashtags).toEqual([]);
  });

  it('keeps undiscoverable accounts out of prefix matches but finds them by their exact username', async () => {
    expect(await v1('herm', alice)).toEqual([]);
    expect(await v1('quiet', alice)).toEqual([]);
    expect(usernames(await v1('hermit', alice))).toEqual(['hermit']);
    expect(usernames(await v1('herm', hermit))).toEqual(['hermit']);
    await follow(env, alice, hermit);
    expect(usernames(await v1('quiet', alice))).toEqual(['hermit']);
    expect(usernames(await v2('hermit'))).toEqual(['hermit']);
    expect(await v2('herm')).toEqual([]);
  });

  it('restricts to followed accounts with following=true, and ranks followed accounts first', async () => {
    expect(usernames(await v1('bob', alice, '&following=true'))).toEqual([]);
    await follow(env, alice, bobby);
    expect(usernames(await v1('bob', alice, '&following=true'))).toEqual(['bobby_tables']);
    expect(usernames(await v2('bob', alice, '&following=1'))).toEqual(['bobby_tables']);
    // Exactness still comes first; among prefix matches, followed accounts lead.
    const dave = await createPersona(env, 'bobcat');
    await follow(env, alice, dave);
    expect(usernames(await v1('bob', alice))).toEqual(['bob', 'bobcat', 'bobby_tables']);
    expect(usernames(await v1('bob', bob))).toEqual(['bob', 'bobcat', 'bobby_tables']);
  });

  it('hides blocked accounts both ways and muted ones unless named exactly', async () => {
    await block(env, carol, alice);
    expect(await v1('okafor', alice)).toEqual([]);
    expect(await v1('carol', alice)).toEqual([]);
    await mute(env, bob, bobby);
    expect(usernames(await v1('bob', bob))).toEqual(['bob', 'bobcat']);
    expect(usernames(await v1('bobby_tables', bob))).toEqual(['bobby_tables']);
  });

  it('pages with limit and offset and validates its parameters', async () => {
    expect(usernames(await v1('bob', alice, '&limit=1'))).toEqual(['bob']);
    expect(usernames(await v1('bob', alice, '&limit=1&offset=1'))).toEqual(['bobcat']);
    expect(usernames(await v1('bob', alice, '&limit=1000'))).toHaveLength(3);
    expect(await v1('bob', alice, '&resolve=true')).toHaveLength(3);
    for (const [query, field] of [
      ['', 'q'],
      ['?q=bob&limit=lots', 'limit'],
      ['?q=bob&offset=-1', 'offset'],
      ['?q=bob&following=maybe', 'following'],
    ] as const) {
      const res = await call(env, 'GET', `/api/v1/accounts/search${query}`, { token: alice.token });
      expect(res.status, query).toBe(422);
      expect(res.body.error).toContain(field);
    }
    expect((await call(env, 'GET', '/api/v1/accounts/search?q=bob')).status).toBe(401);
  });
});

describe('hashtag search and URL lookups: /api/v2/search', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  let dan: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
    dan = await createPersona(env, 'dan');
    await post(env, alice, { status: '#POCUS #pocus_fluids #PocusCardiac #MedEd #mediastinum #pocus_1' });
  });

  it('autocompletes hashtags by prefix, shortest first, with the viewer’s follow flag', async () => {
    const res = await call(env, 'GET', '/api/v2/search?type=hashtags&q=%23poc', { token: bob.token });
    expect(res.status).toBe(200);
    expectMatchesSchema('Search', res.body);
    expect(res.body.hashtags.map((h: { name: string }) => h.name)).toEqual([
      'POCUS',
      'pocus_1',
      'pocus_fluids',
      'PocusCardiac',
    ]);
    expect(res.body.hashtags[0]).toMatchObject({
      url: 'https://rounds.test/tags/pocus',
      history: [],
      following: false,
    });
    const anon = await call(env, 'GET', '/api/v2/search?q=MED');
    expect(anon.body.hashtags.map((h: { name: string }) => h.name)).toEqual(['MedEd', 'mediastinum']);
    expect(anon.body.hashtags[0].following).toBeUndefined();
    // `_` is a letter of a tag here, not a LIKE wildcard.
    const under = await call(env, 'GET', '/api/v2/search?type=hashtags&q=pocus_');
    expect(under.body.hashtags.map((h: { name: string }) => h.name)).toEqual(['pocus_1', 'pocus_fluids']);
    const paged = await call(env, 'GET', '/api/v2/search?type=hashtags&q=poc&limit=2&offset=2', {
      token: bob.token,
    });
    expect(paged.body.hashtags.map((h: { name: string }) => h.name)).toEqual([
      'pocus_fluids',
      'PocusCardiac',
    ]);
    expect((await call(env, 'GET', '/api/v2/search?type=hashtags&q=fluid%20status')).body.hashtags).toEqual(
      [],
    );
  });

  it('finds a local status or profile by its URL, as far as the searcher may see it', async () => {
    const open = await post(env, bob, { status: 'Open teaching case' });
    const closed = await post(env, bob, { status: 'Followers-only case', visibility: 'private' });
    const url = `https://rounds.test/@bob/${open.id}`;
    for (const q of [url, `https://rounds.test/users/bob/statuses/${open.id}`]) {
      const res = await call(env, 'GET', `/api/v2/search?q=${encodeURIComponent(q)}`, { token: dan.token });
      expect(res.status).toBe(200);
      expect(res.body.statuses.map((s: { id: string }) => s.id)).toEqual([open.id]);
      expect(res.body.accounts).toEqual([]);
    }
    const anon = await call(env, 'GET', `/api/v2/search?q=${encodeURIComponent(url)}&type=statuses`);
    expect(anon.body.statuses.map((s: { id: string }) => s.id)).toEqual([open.id]);
    const hidden = `https://rounds.test/@bob/${closed.id}`;
    expect(
      (await call(env, 'GET', `/api/v2/search?q=${encodeURIComponent(hidden)}`, { token: dan.token })).body
        .statuses,
    ).toEqual([]);
    // The wrong author in the path, or another server, is not this status.
    const wrong = `https://rounds.test/@dan/${open.id}`;
    expect(
      (await call(env, 'GET', `/api/v2/search?q=${encodeURIComponent(wrong)}`, { token: dan.token })).body
        .statuses,
    ).toEqual([]);
    const profile = await call(
      env,
      'GET',
      `/api/v2/search?q=${encodeURIComponent('https://rounds.test/@bob')}`,
    );
    expect(usernames(profile.body.accounts)).toEqual(['bob']);
    const typed = await call(env, 'GET', `/api/v2/search?type=hashtags&q=${encodeURIComponent(url)}`);
    expect(typed.body).toEqual({ accounts: [], statuses: [], hashtags: [] });
  });

  it('finds posts that link another site by the link', async () => {
    const s = await post(env, alice, { status: 'Great trial: https://pubmed.ncbi.nlm.nih.gov/31562798/' });
    const res = await call(
      env,
      'GET',
      `/api/v2/search?q=${encodeURIComponent('https://pubmed.ncbi.nlm.nih.gov/31562798/')}`,
      {
        token: dan.token,
      },
    );
    expect(res.body.statuses.map((x: { id: string }) => x.id)).toEqual([s.id]);
  });

  it('answers bad parameters with a 422 naming the field, and anonymous paging with a 401', async () => {
    for (const [query, field] of [
      ['', 'q'],
      ['?q=x&type=people', 'type'],
      ['?q=x&limit=-3', 'limit'],
      ['?q=x&limit=abc', 'limit'],
      ['?q=x&offset=nope', 'offset'],
      ['?q=x&account_id=bob', 'account_id'],
      ['?q=x&max_id=12a', 'max_id'],
      ['?q=x&min_id=%20', 'min_id'],
      ['?q=x&resolve=perhaps', 'resolve'],
      [`?q=${'a'.repeat(501)}`, 'q'],
    ] as const) {
      const res = await call(env, 'GET', `/api/v2/search${query}`, { token: alice.token });
      expect(res.status, query).toBe(422);
      expect(res.body.error, query).toContain(field);
    }
    const paged = await call(env, 'GET', '/api/v2/search?q=x&type=statuses&offset=20');
    expect(paged.status).toBe(401);
    expect(paged.body.error).toContain('offset');
    expect((await call(env, 'GET', '/api/v2/search?q=x&resolve=true')).status).toBe(401);
    // Signed in, `resolve` is accepted (and there is nothing remote to resolve yet).
    expect((await call(env, 'GET', '/api/v2/search?q=x&resolve=true', { token: alice.token })).status).toBe(
      200,
    );
    const blank = await call(env, 'GET', '/api/v2/search?q=%20%20', { token: alice.token });
    expect(blank.body).toEqual({ accounts: [], statuses: [], hashtags: [] });
    const capped = await call(env, 'GET', '/api/v2/search?q=poc&limit=500', { token: alice.token });
    expect(capped.status).toBe(200);
    const none = await call(env, 'GET', '/api/v2/search?q=poc&limit=0', { token: alice.token });
    expect(none.body).toEqual({ accounts: [], statuses: [], hashtags: [] });
  });
});
