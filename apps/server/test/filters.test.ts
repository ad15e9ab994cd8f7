import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { png, upload } from './media-fixtures.ts';
import { settle } from './notifications-fixtures.ts';
import { expectMatchesSchema } from './openapi.ts';
import { post } from './statuses-fixtures.ts';
import {
  openSocket,
  payloadOf,
  type StreamMessage,
  serveEnv,
  statusEvent,
  subscribe,
  type TestSocket,
} from './streaming-helpers.ts';

type Json = any;

/** Creates a v2 filter as `who` through the API, checks its shape, and lets the events settle. */
async function makeFilter(env: TestEnv, who: Persona, body: Record<string, unknown>): Promise<Json> {
  const res = await call(env, 'POST', '/api/v2/filters', { token: who.token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expectMatchesSchema('Filter', res.body);
  await settle(env);
  return res.body;
}

async function dropFilter(env: TestEnv, who: Persona, id: string): Promise<void> {
  expect((await call(env, 'DELETE', `/api/v2/filters/${id}`, { token: who.token })).status).toBe(200);
  await settle(env);
}

/** GETs a status list as `who` and returns the entity with `id` (undefined when left out). */
async function statusIn(env: TestEnv, path: string, who: Persona | null, id: string): Promise<Json> {
  const res = await call(env, 'GET', path, { token: who?.token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  for (const s of res.body) expectMatchesSchema('Status', s);
  return res.body.find((s: Json) => s.id === id);
}

async function follow(env: TestEnv, from: Persona, to: Persona): Promise<void> {
  const res = await call(env, 'POST', `/api/v1/accounts/${to.account.id}/follow`, { token: from.token });
  expect(res.status).toBe(200);
}

describe('filters v2: managing filters, keywords and statuses', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;

  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
  });

  it('creates a filter with keywords and lists, shows and deletes it', async () => {
    const created = await makeFilter(env, alice, {
      title: 'Spoilers',
      context: ['home', 'public'],
      filter_action: 'hide',
      keywords_attributes: [{ keyword: 'finale' }, { keyword: 'plot twist', whole_word: false }],
    });
    expect(created).toMatchObject({
      title: 'Spoilers',
      context: ['home', 'public'],
      filter_action: 'hide',
      expires_at: null,
      statuses: [],
    });
    // As Mastodon, a keyword matches whole words unless told otherwise.
    expect(created.keywords.map((k: Json) => [k.keyword, k.whole_word])).toEqual([
      ['finale', true],
      ['plot twist', false],
    ]);

    const list = await call(env, 'GET', '/api/v2/filters', { token: alice.token });
    expect(list.body.map((f: Json) => f.id)).toEqual([created.id]);
    for (const f of list.body) expectMatchesSchema('Filter', f);
    const one = await call(env, 'GET', `/api/v2/filters/${created.id}`, { token: alice.token });
    expect(one.body).toEqual(created);

    const gone = await call(env, 'DELETE', `/api/v2/filters/${created.id}`, { token: alice.token });
    expect(gone.status).toBe(200);
    expect(gone.body).toEqual({});
    expect((await call(env, 'GET', `/api/v2/filters/${created.id}`, { token: alice.token })).status).toBe(
      404,
    );
    expect((await call(env, 'GET', '/api/v2/filters', { token: alice.token })).body).toEqual([]);
  });

  it('takes Rails-style form keys, as Mastodon apps send them', async () => {
    const body = new URLSearchParams([
      ['title', 'Form filter'],
      ['context[]', 'thread'],
      ['context[]', 'notifications'],
      ['expires_in', '3600'],
      ['keywords_attributes[][keyword]', 'foo'],
      ['keywords_attributes[][whole_word]', 'false'],
      ['keywords_attributes[][keyword]', 'bar'],
      ['keywords_attributes[][whole_word]', 'true'],
    ]);
    const res = await env.app.request('https://rounds.test/api/v2/filters', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${alice.token}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: body.toString(),
    });
    const filter: Json = await res.json();
    expect(res.status, JSON.stringify(filter)).toBe(200);
    expectMatchesSchema('Filter', filter);
    expect(filter.context).toEqual(['notifications', 'thread']);
    expect(filter.keywords.map((k: Json) => [k.keyword, k.whole_word])).toEqual([
      ['foo', false],
      ['bar', true],
    ]);
    expect(new Date(filter.expires_at).getTime()).toBe(env.clock.now().getTime() + 3600_000);
    await dropFilter(env, alice, filter.id);
  });

  it('updates a filter, its keywords by id (changed, destroyed, added) and its expiry', async () => {
    const filter = await makeFilter(env, alice, {
      title: 'test',
      context: ['public'],
      keywords_attributes: [{ keyword: 'foo', whole_word: false }, { keyword: 'bar' }],
    });
    const [foo, bar] = filter.keywords;
    const res = await call(env, 'PUT', `/api/v2/filters/${filter.id}`, {
      token: alice.token,
      body: {
        title: 'renamed',
        context: ['home', 'account'],
        filter_action: 'blur',
        expires_in: 1800,
        keywords_attributes: [
          { id: foo.id, _destroy: true },
          { id: bar.id, keyword: 'baz' },
          { keyword: 'qux', whole_word: false },
        ],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expectMatchesSchema('Filter', res.body);
    expect(res.body).toMatchObject({
      id: filter.id,
      title: 'renamed',
      context: ['home', 'account'],
      filter_action: 'blur',
    });
    expect(res.body.expires_at).not.toBeNull();
    expect(res.body.keywords.map((k: Json) => [k.id === bar.id, k.keyword, k.whole_word])).toEqual([
      [true, 'baz', true],
      [false, 'qux', false],
    ]);

    // Only what is given changes; an empty expires_in means "never".
    const cleared = await call(env, 'PUT', `/api/v2/filters/${filter.id}`, {
      token: alice.token,
      form: { expires_in: '' },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ title: 'renamed', filter_action: 'blur', expires_at: null });
    expect(cleared.body.keywords).toHaveLength(2);

    // A keyword id from another filter is a 404, and nothing changes.
    const other = await makeFilter(env, alice, {
      title: 'other',
      context: ['home'],
      keywords_attributes: [{ keyword: 'zzz' }],
    });
    const foreign = await call(env, 'PUT', `/api/v2/filters/${filter.id}`, {
      token: alice.token,
      body: { title: 'should not stick', keywords_attributes: [{ id: other.keywords[0].id, keyword: 'x' }] },
    });
    expect(foreign.status).toBe(404);
    const after = await call(env, 'GET', `/api/v2/filters/${filter.id}`, { token: alice.token });
    expect(after.body.title).toBe('renamed');
    await dropFilter(env, alice, filter.id);
    await dropFilter(env, alice, other.id);
  });

  it('reads JSON nulls as "not given" on update, context included (masto sends them)', async () => {
    const filter = await makeFilter(env, alice, {
      title: 'Nulls',
      context: ['home', 'thread'],
      keywords_attributes: [{ keyword: 'sepsis' }],
    });
    const res = await call(env, 'PUT', `/api/v2/filters/${filter.id}`, {
      token: alice.token,
      body: {
        title: null,
        context: null,
        filter_action: 'hide',
        expires_in: null,
        keywords_attributes: null,
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ title: 'Nulls', context: ['home', 'thread'], filter_action: 'hide' });
    expect(res.body.keywords.map((k: Json) => k.keyword)).toEqual(['sepsis']);
    // Creating still needs a context, and says so.
    const created = await call(env, 'POST', '/api/v2/filters', {
      token: alice.token,
      body: { title: 'No context', context: null },
    });
    expect(created.status).toBe(422);
    expect(created.body.error).toMatch(/^context: choose at least one of home/);
    await dropFilter(env, alice, filter.id);
  });

  it('manages keywords one by one', async () => {
    const filter = await makeFilter(env, alice, { title: 'Words', context: ['home'] });
    const added = await call(env, 'POST', `/api/v2/filters/${filter.id}/keywords`, {
      token: alice.token,
      form: { keyword: 'sepsis', whole_word: 'false' },
    });
    expect(added.status).toBe(200);
    expectMatchesSchema('FilterKeyword', added.body);
    expect(added.body).toMatchObject({ keyword: 'sepsis', whole_word: false });

    const list = await call(env, 'GET', `/api/v2/filters/${filter.id}/keywords`, { token: alice.token });
    expect(list.body).toEqual([added.body]);
    for (const k of list.body) expectMatchesSchema('FilterKeyword', k);
    const one = await call(env, 'GET', `/api/v2/filters/keywords/${added.body.id}`, { token: alice.token });
    expect(one.body).toEqual(added.body);

    const changed = await call(env, 'PUT', `/api/v2/filters/keywords/${added.body.id}`, {
      token: alice.token,
      body: { keyword: 'septic shock', whole_word: true },
    });
    expect(changed.status).toBe(200);
    expectMatchesSchema('FilterKeyword', changed.body);
    expect(changed.body).toEqual({ id: added.body.id, keyword: 'septic shock', whole_word: true });

    const removed = await call(env, 'DELETE', `/api/v2/filters/keywords/${added.body.id}`, {
      token: alice.token,
    });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({});
    expect(
      (await call(env, 'GET', `/api/v2/filters/keywords/${added.body.id}`, { token: alice.token })).status,
    ).toBe(404);
    // The filter itself stays.
    expect(
      (await call(env, 'GET', `/api/v2/filters/${filter.id}`, { token: alice.token })).body.keywords,
    ).toEqual([]);
    await dropFilter(env, alice, filter.id);
  });

  it('manages filtered statuses, once each, only ones the owner can see', async () => {
    const filter = await makeFilter(env, alice, { title: 'Posts', context: ['home'] });
    const status = await post(env, bob, { status: 'A post to filter' });
    const added = await call(env, 'POST', `/api/v2/filters/${filter.id}/statuses`, {
      token: alice.token,
      body: { status_id: status.id },
    });
    expect(added.status).toBe(200);
    expectMatchesSchema('FilterStatus', added.body);
    expect(added.body.status_id).toBe(status.id);

    const again = await call(env, 'POST', `/api/v2/filters/${filter.id}/statuses`, {
      token: alice.token,
      body: { status_id: status.id },
    });
    expect(again.status).toBe(422);
    expect(again.body.error).toMatch(/already/);

    const secret = await post(env, bob, { status: 'Only for my followers', visibility: 'private' });
    const hidden = await call(env, 'POST', `/api/v2/filters/${filter.id}/statuses`, {
      token: alice.token,
      body: { status_id: secret.id },
    });
    expect(hidden.status).toBe(422);
    expect(hidden.body.error).toMatch(/^status_id:/);

    const list = await call(env, 'GET', `/api/v2/filters/${filter.id}/statuses`, { token: alice.token });
    expect(list.body).toEqual([added.body]);
    for (const s of list.body) expectMatchesSchema('FilterStatus', s);
    const one = await call(env, 'GET', `/api/v2/filters/statuses/${added.body.id}`, { token: alice.token });
    expect(one.body).toEqual(added.body);
    const shown = await call(env, 'GET', `/api/v2/filters/${filter.id}`, { token: alice.token });
    expect(shown.body.statuses).toEqual([added.body]);

    const removed = await call(env, 'DELETE', `/api/v2/filters/statuses/${added.body.id}`, {
      token: alice.token,
    });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({});
    expect(
      (await call(env, 'GET', `/api/v2/filters/${filter.id}/statuses`, { token: alice.token })).body,
    ).toEqual([]);
    await dropFilter(env, alice, filter.id);
  });

  it("answers 404 for someone else's filter, keyword or filtered status, and changes nothing", async () => {
    const filter = await makeFilter(env, alice, {
      title: 'Mine',
      context: ['home'],
      keywords_attributes: [{ keyword: 'mine' }],
    });
    const status = await post(env, bob, { status: 'Public post' });
    const fs = await call(env, 'POST', `/api/v2/filters/${filter.id}/statuses`, {
      token: alice.token,
      body: { status_id: status.id },
    });
    const kw = filter.keywords[0].id;
    const attempts: Array<[string, string, Record<string, unknown>?]> = [
      ['GET', `/api/v2/filters/${filter.id}`],
      ['PUT', `/api/v2/filters/${filter.id}`, { title: 'Hijacked' }],
      ['DELETE', `/api/v2/filters/${filter.id}`],
      ['GET', `/api/v2/filters/${filter.id}/keywords`],
      ['POST', `/api/v2/filters/${filter.id}/keywords`, { keyword: 'x' }],
      ['GET', `/api/v2/filters/keywords/${kw}`],
      ['PUT', `/api/v2/filters/keywords/${kw}`, { keyword: 'x' }],
      ['DELETE', `/api/v2/filters/keywords/${kw}`],
      ['GET', `/api/v2/filters/${filter.id}/statuses`],
      ['POST', `/api/v2/filters/${filter.id}/statuses`, { status_id: status.id }],
      ['GET', `/api/v2/filters/statuses/${fs.body.id}`],
      ['DELETE', `/api/v2/filters/statuses/${fs.body.id}`],
      ['GET', `/api/v1/filters/${kw}`],
      ['PUT', `/api/v1/filters/${kw}`, { phrase: 'x' }],
      ['DELETE', `/api/v1/filters/${kw}`],
      ['GET', '/api/v2/filters/99999999999999999999'],
    ];
    for (const [method, path, body] of attempts) {
      const res = await call(env, method, path, { token: bob.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await call(env, 'GET', '/api/v2/filters', { token: bob.token })).body).toEqual([]);
    const intact = await call(env, 'GET', `/api/v2/filters/${filter.id}`, { token: alice.token });
    expect(intact.body).toMatchObject({
      title: 'Mine',
      keywords: [{ keyword: 'mine' }],
      statuses: [{ id: fs.body.id }],
    });
    await dropFilter(env, alice, filter.id);
  });

  it('refuses bad input with a 422 naming the problem', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ context: ['home'] }, /^title: can't be blank/],
      [{ title: '   ', context: ['home'] }, /^title: can't be blank/],
      [
        { title: 'No context' },
        /^context: choose at least one of home, notifications, public, thread, account/,
      ],
      [{ title: 'Empty context', context: [''] }, /^context:/],
      [{ title: 'Bad context', context: ['home', 'everywhere'] }, /^context\.1: must be one of/],
      [
        { title: 'Bad action', context: ['home'], filter_action: 'delete' },
        /^filter_action: must be warn, hide or blur/,
      ],
      [{ title: 'Bad expiry', context: ['home'], expires_in: -5 }, /^expires_in: must be at least 1 second/],
      [
        { title: 'Bad expiry', context: ['home'], expires_in: 'soon' },
        /^expires_in: must be a number of seconds/,
      ],
      [{ title: 'x'.repeat(300), context: ['home'] }, /^title: is too long/],
      [
        {
          title: 'Blank keyword',
          context: ['home'],
          keywords_attributes: [{ keyword: ' ', whole_word: true }],
        },
        /^keywords_attributes\.0\.keyword: can't be blank/,
      ],
      [{ title: 'Patient Mary Smith MRN 12345678', context: ['home'] }, /MRN/i],
    ];
    for (const [body, error] of cases) {
      const res = await call(env, 'POST', '/api/v2/filters', { token: alice.token, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error).toMatch(error);
    }
    // Naming a keyword id when creating is a 404, as in Mastodon.
    const withId = await call(env, 'POST', '/api/v2/filters', {
      token: alice.token,
      body: { title: 'With id', context: ['home'], keywords_attributes: [{ id: '1', keyword: 'x' }] },
    });
    expect(withId.status).toBe(404);
    const blankKeyword = await call(env, 'POST', '/api/v2/filters/1/keywords', {
      token: alice.token,
      body: {},
    });
    expect(blankKeyword.status).toBe(404);
    expect((await call(env, 'GET', '/api/v2/filters', { token: alice.token })).body).toEqual([]);
  });

  it('needs the filters scopes', async () => {
    const reader = await createPersona(env, 'reader', { scopes: 'read:filters' });
    expect((await call(env, 'GET', '/api/v2/filters', { token: reader.token })).status).toBe(200);
    expect((await call(env, 'GET', '/api/v1/filters', { token: reader.token })).status).toBe(200);
    const write = await call(env, 'POST', '/api/v2/filters', {
      token: reader.token,
      body: { title: 'x', context: ['home'] },
    });
    expect(write.status).toBe(403);
    const statusesOnly = await createPersona(env, 'statusreader', { scopes: 'read:statuses' });
    expect((await call(env, 'GET', '/api/v2/filters', { token: statusesOnly.token })).status).toBe(403);
    expect((await call(env, 'GET', '/api/v2/filters')).status).toBe(401);
  });
});

describe('filters v1: one keyword per filter over the same tables', () => {
  let env: TestEnv;
  let alice: Persona;

  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
  });

  it('creates a v2 filter titled with the phrase, holding the phrase as its keyword', async () => {
    const res = await call(env, 'POST', '/api/v1/filters', {
      token: alice.token,
      body: { phrase: 'eurovision', context: ['home', 'public'], irreversible: true, expires_in: 600 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expectMatchesSchema('V1Filter', res.body);
    expect(res.body).toMatchObject({
      phrase: 'eurovision',
      context: ['home', 'public'],
      whole_word: false,
      irreversible: true,
    });
    expect(res.body.expires_at).not.toBeNull();

    const v2 = await call(env, 'GET', '/api/v2/filters', { token: alice.token });
    expect(v2.body).toHaveLength(1);
    expect(v2.body[0]).toMatchObject({
      title: 'eurovision',
      filter_action: 'hide',
      context: ['home', 'public'],
      keywords: [{ id: res.body.id, keyword: 'eurovision', whole_word: false }],
    });
    const v1 = await call(env, 'GET', '/api/v1/filters', { token: alice.token });
    expect(v1.body).toEqual([res.body]);
    for (const f of v1.body) expectMatchesSchema('V1Filter', f);
    expect((await call(env, 'GET', `/api/v1/filters/${res.body.id}`, { token: alice.token })).body).toEqual(
      res.body,
    );
  });

  it('lists every keyword of a v2 filter as its own v1 filter, and updates them as Mastodon 4 does', async () => {
    const filter = await makeFilter(env, alice, {
      title: 'Two words',
      context: ['thread'],
      keywords_attributes: [{ keyword: 'alpha' }, { keyword: 'beta', whole_word: false }],
    });
    const v1 = (await call(env, 'GET', '/api/v1/filters', { token: alice.token })).body;
    const mine = v1.filter((f: Json) => filter.keywords.some((k: Json) => k.id === f.id));
    expect(mine.map((f: Json) => [f.phrase, f.whole_word, f.context, f.irreversible])).toEqual([
      ['alpha', true, ['thread'], false],
      ['beta', false, ['thread'], false],
    ]);

    // Phrase and whole_word are the keyword's own: always allowed.
    const renamed = await call(env, 'PUT', `/api/v1/filters/${filter.keywords[0].id}`, {
      token: alice.token,
      body: { phrase: 'gamma', whole_word: false, context: ['thread'] },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expectMatchesSchema('V1Filter', renamed.body);
    expect(renamed.body).toMatchObject({ phrase: 'gamma', whole_word: false });
    // The context is the whole filter's: with several keywords, changing it is refused.
    const widened = await call(env, 'PUT', `/api/v1/filters/${filter.keywords[0].id}`, {
      token: alice.token,
      body: { phrase: 'gamma', context: ['home'] },
    });
    expect(widened.status).toBe(422);
    expect(widened.body.error).toMatch(/several keywords.*v2/);
    const v2 = await call(env, 'GET', `/api/v2/filters/${filter.id}`, { token: alice.token });
    expect(v2.body).toMatchObject({ title: 'Two words', context: ['thread'] });
    expect(v2.body.keywords.map((k: Json) => k.keyword)).toEqual(['gamma', 'beta']);

    // DELETE removes the keyword only; the v2 filter stays.
    expect(
      (await call(env, 'DELETE', `/api/v1/filters/${filter.keywords[1].id}`, { token: alice.token })).status,
    ).toBe(200);
    const left = await call(env, 'GET', `/api/v2/filters/${filter.id}`, { token: alice.token });
    expect(left.body.keywords.map((k: Json) => k.keyword)).toEqual(['gamma']);
    // With one keyword left, the filter's settings follow the v1 filter (title included).
    const single = await call(env, 'PUT', `/api/v1/filters/${filter.keywords[0].id}`, {
      token: alice.token,
      body: { phrase: 'delta', context: ['home', 'thread'], irreversible: true },
    });
    expect(single.status).toBe(200);
    expect(single.body).toMatchObject({ phrase: 'delta', context: ['home', 'thread'], irreversible: true });
    const after = await call(env, 'GET', `/api/v2/filters/${filter.id}`, { token: alice.token });
    expect(after.body).toMatchObject({ title: 'delta', filter_action: 'hide', context: ['home', 'thread'] });
  });

  it('refuses a v1 filter without a phrase or a context', async () => {
    const noPhrase = await call(env, 'POST', '/api/v1/filters', {
      token: alice.token,
      body: { context: ['home'] },
    });
    expect(noPhrase.status).toBe(422);
    expect(noPhrase.body.error).toMatch(/^phrase: can't be blank/);
    const noContext = await call(env, 'POST', '/api/v1/filters', {
      token: alice.token,
      body: { phrase: 'x' },
    });
    expect(noContext.status).toBe(422);
    expect(noContext.body.error).toMatch(/^context:/);
  });
});

describe('filters applied to timelines, threads and notifications', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  let carol: Persona;

  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
    carol = await createPersona(env, 'carol');
    await follow(env, alice, bob);
    await follow(env, alice, carol);
  });

  it('warns in home with the matching filter and keyword, and only in its contexts', async () => {
    const filter = await makeFilter(env, alice, {
      title: 'Sepsis talk',
      context: ['home'],
      keywords_attributes: [{ keyword: 'sepsis' }],
    });
    const status = await post(env, bob, { status: 'Grand rounds today: early SEPSIS recognition #ICU' });

    const home = await statusIn(env, '/api/v1/timelines/home', alice, status.id);
    expect(home.filtered).toEqual([
      {
        filter: {
          id: filter.id,
          title: 'Sepsis talk',
          context: ['home'],
          expires_at: null,
          filter_action: 'warn',
        },
        keyword_matches: ['sepsis'],
        status_matches: null,
      },
    ]);
    for (const r of home.filtered) expectMatchesSchema('FilterResult', r);

    // A home-only filter does not touch the public or hashtag timelines.
    expect((await statusIn(env, '/api/v1/timelines/public', alice, status.id)).filtered).toEqual([]);
    expect((await statusIn(env, '/api/v1/timelines/tag/icu', alice, status.id)).filtered).toEqual([]);
    // Nobody else is affected; anonymous viewers get no `filtered` at all.
    expect((await statusIn(env, '/api/v1/timelines/public', carol, status.id)).filtered).toEqual([]);
    expect((await statusIn(env, '/api/v1/timelines/public', null, status.id)).filtered).toBeUndefined();
    await dropFilter(env, alice, filter.id);
  });

  it('removes statuses matching a hide filter from public, tag and account timelines', async () => {
    const filter = await makeFilter(env, alice, {
      title: 'No crypto',
      context: ['public', 'account'],
      filter_action: 'hide',
      keywords_attributes: [{ keyword: 'blockchain' }],
    });
    const status = await post(env, bob, { status: 'Blockchain for medical records? #healthIT' });
    const kept = await post(env, bob, { status: 'Ordinary #healthIT post' });
    for (const path of [
      '/api/v1/timelines/public',
      '/api/v1/timelines/tag/healthit',
      `/api/v1/accounts/${bob.account.id}/statuses`,
    ]) {
      expect(await statusIn(env, path, alice, status.id), path).toBeUndefined();
      expect(await statusIn(env, path, alice, kept.id), path).toBeDefined();
      expect(await statusIn(env, path, carol, status.id), path).toBeDefined();
    }
    // Not in home: the filter's contexts do not include it.
    expect((await statusIn(env, '/api/v1/timelines/home', alice, status.id)).filtered).toEqual([]);
    await dropFilter(env, alice, filter.id);
  });

  it('matches whole words on Unicode word boundaries, other keywords anywhere, case-insensitively', async () => {
    const filter = await makeFilter(env, alice, {
      title: 'Words',
      context: ['home'],
      keywords_attributes: [
        { keyword: 'cath', whole_word: true },
        { keyword: 'äRZTE', whole_word: true },
        { keyword: 'stent', whole_word: false },
        { keyword: '#Cardio', whole_word: true },
      ],
    });
    const catheter = await post(env, bob, { status: 'The catheter came out clean' });
    const cath = await post(env, bob, { status: 'Off to the CATH lab!' });
    const aerzte = await post(env, bob, { status: 'danke an alle ärzte.' });
    const aerzteinnen = await post(env, bob, { status: 'die ärzteschaft tagt' });
    const stents = await post(env, bob, { status: 'Drug-eluting STENTS again' });
    const tag = await post(env, bob, { status: 'Reading list #cardiology' });
    const matches = async (id: string) =>
      ((await statusIn(env, '/api/v1/timelines/home', alice, id)).filtered as Json[]).flatMap(
        (r) => r.keyword_matches,
      );
    expect(await matches(catheter.id)).toEqual([]);
    expect(await matches(cath.id)).toEqual(['cath']);
    expect(await matches(aerzte.id)).toEqual(['äRZTE']);
    expect(await matches(aerzteinnen.id)).toEqual([]);
    expect(await matches(stents.id)).toEqual(['stent']);
    // "#Cardio" ends in a word character, so "#cardiology" does not match it.
    expect(await matches(tag.id)).toEqual([]);
    await dropFilter(env, alice, filter.id);
  });

  it('matches the content warning, HTML-escaped text and media descriptions', async () => {
    const filter = await makeFilter(env, alice, {
      title: 'Gore',
      context: ['home'],
      keywords_attributes: [
        { keyword: 'graphic' },
        { keyword: 'A&E', whole_word: false },
        { keyword: 'fracture' },
      ],
    });
    const cw = await post(env, bob, { status: 'Details inside', spoiler_text: 'Graphic images' });
    const escaped = await post(env, bob, { status: 'Busy night in A&E' });
    const media = await upload(env, bob.token, await png(), {
      filename: 'xray.png',
      type: 'image/png',
      description: 'X-ray of a wrist fracture',
    });
    expect(media.status, JSON.stringify(media.body)).toBeLessThan(300);
    const withMedia = await post(env, bob, { status: 'Guess the diagnosis', media_ids: [media.body.id] });
    const matches = async (id: string) =>
      ((await statusIn(env, '/api/v1/timelines/home', alice, id)).filtered as Json[]).flatMap(
        (r) => r.keyword_matches,
      );
    expect(await matches(cw.id)).toEqual(['graphic']);
    expect(await matches(escaped.id)).toEqual(['A&E']);
    expect(await matches(withMedia.id)).toEqual(['fracture']);
    await dropFilter(env, alice, filter.id);
  });

  it('filters named statuses and their reblogs, never the viewer’s own posts', async () => {
    const filter = await makeFilter(env, alice, {
      title: 'Mixed',
      context: ['home'],
      keywords_attributes: [{ keyword: 'lupus' }],
    });
    const original = await post(env, bob, { status: 'It is never lupus' });
    const added = await call(env, 'POST', `/api/v2/filters/${filter.id}/statuses`, {
      token: alice.token,
      body: { status_id: original.id },
    });
    expect(added.status).toBe(200);
    await settle(env);
    const reblog = await call(env, 'POST', `/api/v1/statuses/${original.id}/reblog`, { token: carol.token });
    expect(reblog.status).toBe(200);
    const own = await post(env, alice, { status: 'Maybe it is lupus after all' });

    const direct = await statusIn(env, '/api/v1/timelines/home', alice, original.id);
    expect(direct.filtered).toHaveLength(1);
    expect(direct.filtered[0]).toMatchObject({ keyword_matches: ['lupus'], status_matches: [original.id] });
    const wrapped = await statusIn(env, '/api/v1/timelines/home', alice, reblog.body.id);
    expect(wrapped.filtered[0]).toMatchObject({ keyword_matches: ['lupus'], status_matches: [original.id] });
    expect(wrapped.reblog.filtered).toEqual(wrapped.filtered);
    expect((await statusIn(env, '/api/v1/timelines/home', alice, own.id)).filtered).toEqual([]);
    await dropFilter(env, alice, filter.id);
  });

  it('warns or hides in threads with `thread` filters', async () => {
    const root = await post(env, bob, { status: 'Case of the week' });
    const warned = await post(env, carol, { status: 'Spoiler: sarcoidosis', in_reply_to_id: root.id });
    const hidden = await post(env, carol, { status: 'Vaccines cause everything', in_reply_to_id: root.id });
    const warn = await makeFilter(env, alice, {
      title: 'Answers',
      context: ['thread'],
      keywords_attributes: [{ keyword: 'sarcoidosis' }],
    });
    const hide = await makeFilter(env, alice, {
      title: 'Cranks',
      context: ['thread'],
      filter_action: 'hide',
      keywords_attributes: [{ keyword: 'vaccines' }],
    });
    const res = await call(env, 'GET', `/api/v1/statuses/${root.id}/context`, { token: alice.token });
    expect(res.status).toBe(200);
    expectMatchesSchema('Context', res.body);
    expect(res.body.descendants.map((s: Json) => s.id)).toEqual([warned.id]);
    expect(res.body.descendants[0].filtered[0]).toMatchObject({
      filter: { id: warn.id, filter_action: 'warn' },
      keyword_matches: ['sarcoidosis'],
    });
    // Others, and the same thread seen from below, follow their own filters.
    const carols = await call(env, 'GET', `/api/v1/statuses/${root.id}/context`, { token: carol.token });
    expect(carols.body.descendants.map((s: Json) => s.id)).toEqual([warned.id, hidden.id]);
    const fromReply = await call(env, 'GET', `/api/v1/statuses/${warned.id}/context`, { token: alice.token });
    expect(fromReply.body.ancestors.map((s: Json) => s.id)).toEqual([root.id]);
    expect(fromReply.body.ancestors[0].filtered).toEqual([]);
    await dropFilter(env, alice, warn.id);
    await dropFilter(env, alice, hide.id);
  });

  it('filters list timelines in the `home` context', async () => {
    const list = await call(env, 'POST', '/api/v1/lists', {
      token: alice.token,
      body: { title: 'Colleagues' },
    });
    expect(list.status).toBe(200);
    const added = await call(env, 'POST', `/api/v1/lists/${list.body.id}/accounts`, {
      token: alice.token,
      body: { account_ids: [bob.account.id] },
    });
    expect(added.status).toBe(200);
    const warn = await makeFilter(env, alice, {
      title: 'Home words',
      context: ['home'],
      keywords_attributes: [{ keyword: 'handover' }],
    });
    const hide = await makeFilter(env, alice, {
      title: 'Home hides',
      context: ['home'],
      filter_action: 'hide',
      keywords_attributes: [{ keyword: 'rumour' }],
    });
    const warned = await post(env, bob, { status: 'Handover at 8' });
    const hidden = await post(env, bob, { status: 'A rumour about the new rota' });
    const path = `/api/v1/timelines/list/${list.body.id}`;
    expect((await statusIn(env, path, alice, warned.id)).filtered[0]).toMatchObject({
      filter: { id: warn.id },
      keyword_matches: ['handover'],
    });
    expect(await statusIn(env, path, alice, hidden.id)).toBeUndefined();
    await dropFilter(env, alice, warn.id);
    await dropFilter(env, alice, hide.id);
  });

  it('marks a quoted status with every match, hide included, without dropping the quote', async () => {
    const hide = await makeFilter(env, alice, {
      title: 'Homeopathy',
      context: ['home'],
      filter_action: 'hide',
      keywords_attributes: [{ keyword: 'homeopathy' }],
    });
    const quoted = await post(env, carol, { status: 'Homeopathy works for me' });
    const quote = await post(env, bob, { status: 'Please do not', quoted_status_id: quoted.id });
    const shown = await statusIn(env, '/api/v1/timelines/home', alice, quote.id);
    expect(shown.filtered).toEqual([]);
    expect(shown.quote.quoted_status.id).toBe(quoted.id);
    expect(shown.quote.quoted_status.filtered).toEqual([
      expect.objectContaining({ filter: expect.objectContaining({ id: hide.id, filter_action: 'hide' }) }),
    ]);
    // The quoted post itself is hidden where it appears on its own.
    expect(await statusIn(env, '/api/v1/timelines/home', alice, quoted.id)).toBeUndefined();
    await dropFilter(env, alice, hide.id);
  });

  it('stops applying a filter once it expires (by the clock)', async () => {
    const filter = await makeFilter(env, alice, {
      title: 'Conference week',
      context: ['home'],
      expires_in: 3600,
      keywords_attributes: [{ keyword: 'keynote' }],
    });
    const status = await post(env, bob, { status: 'Keynote starts now' });
    expect((await statusIn(env, '/api/v1/timelines/home', alice, status.id)).filtered).toHaveLength(1);
    env.clock.advance(3601_000);
    expect((await statusIn(env, '/api/v1/timelines/home', alice, status.id)).filtered).toEqual([]);
    // Still listed (clients show expired filters so they can be renewed).
    const listed = await call(env, 'GET', '/api/v2/filters', { token: alice.token });
    expect(listed.body.map((f: Json) => f.id)).toContain(filter.id);
    await dropFilter(env, alice, filter.id);
  });

  it('drops notifications whose status a `hide` filter hides, and warns on the rest (v1 and grouped)', async () => {
    const hide = await makeFilter(env, alice, {
      title: 'Not my rota',
      context: ['notifications'],
      filter_action: 'hide',
      keywords_attributes: [{ keyword: 'rota' }],
    });
    const warn = await makeFilter(env, alice, {
      title: 'Heads-up',
      context: ['notifications'],
      keywords_attributes: [{ keyword: 'tamponade' }],
    });
    const hidden = await post(env, bob, { status: '@alice can you swap rota shifts?' });
    const warned = await post(env, bob, { status: '@alice echo shows tamponade, come now' });
    const plain = await post(env, bob, { status: '@alice coffee?' });
    await settle(env);

    const v1 = await call(env, 'GET', '/api/v1/notifications', { token: alice.token });
    expect(v1.status).toBe(200);
    for (const n of v1.body) expectMatchesSchema('Notification', n);
    const byStatus = new Map(v1.body.map((n: Json) => [n.status?.id, n]));
    expect(byStatus.has(hidden.id)).toBe(false);
    expect((byStatus.get(warned.id) as Json).status.filtered[0]).toMatchObject({
      filter: { id: warn.id },
      keyword_matches: ['tamponade'],
    });
    expect((byStatus.get(plain.id) as Json).status.filtered).toEqual([]);

    const v2 = await call(env, 'GET', '/api/v2/notifications', { token: alice.token });
    expect(v2.status).toBe(200);
    for (const st of v2.body.statuses) expectMatchesSchema('Status', st);
    const groupStatusIds = v2.body.notification_groups.map((g: Json) => g.status_id);
    expect(groupStatusIds).not.toContain(hidden.id);
    expect(groupStatusIds).toContain(warned.id);
    expect(v2.body.statuses.find((s: Json) => s.id === warned.id).filtered).toHaveLength(1);

    // The same posts in home are untouched by notification-only filters.
    expect((await statusIn(env, '/api/v1/timelines/home', alice, hidden.id)).filtered).toEqual([]);
    await dropFilter(env, alice, hide.id);
    await dropFilter(env, alice, warn.id);
  });
});

describe('filters on live streams', () => {
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
    await follow(env, alice, bob);
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await close();
  });

  const open = async (who: Persona) => {
    const s = await openSocket(url, who.token);
    sockets.push(s);
    return s;
  };
  const updateFor = (stream: string, id: string) => statusEvent('update', stream, id);

  it('tells the owner’s user stream that filters changed', async () => {
    const ws = await open(alice);
    await subscribe(ws, 'user');
    const filter = await makeFilter(env, alice, { title: 'Streamed', context: ['home'] });
    const m = await ws.next((x: StreamMessage) => x.event === 'filters_changed');
    expect(m.stream).toEqual(['user']);
    const before = ws.received.filter((x) => x.event === 'filters_changed').length;
    await dropFilter(env, alice, filter.id);
    await ws.next((x) => x.event === 'filters_changed' && ws.received.indexOf(x) >= before + 1);
    ws.ws.terminate();
  });

  it('delivers warned statuses with `filtered`, and omits hidden ones, per context', async () => {
    const user = await open(alice);
    await subscribe(user, 'user');
    const pub = await open(alice);
    await subscribe(pub, 'public');
    const warn = await makeFilter(env, alice, {
      title: 'Lactate',
      context: ['home'],
      keywords_attributes: [{ keyword: 'lactate' }],
    });
    const hide = await makeFilter(env, alice, {
      title: 'Troponin',
      context: ['home', 'public'],
      filter_action: 'hide',
      keywords_attributes: [{ keyword: 'troponin' }],
    });

    const warned = await post(env, bob, { status: 'Lactate is 4.2, repeat in an hour' });
    const m = await user.next(updateFor('user', warned.id));
    const entity = payloadOf(m);
    expectMatchesSchema('Status', entity);
    expect(entity.filtered).toEqual([
      {
        filter: { id: warn.id, title: 'Lactate', context: ['home'], expires_at: null, filter_action: 'warn' },
        keyword_matches: ['lactate'],
        status_matches: null,
      },
    ]);
    // The warn filter is home-only: the public stream carries the post as is.
    expect(payloadOf(await pub.next(updateFor('public', warned.id))).filtered).toBeUndefined();

    const hidden = await post(env, bob, { status: 'Troponin trending up' });
    const marker = await post(env, bob, { status: 'Marker after the hidden post' });
    await user.next(updateFor('user', marker.id));
    await pub.next(updateFor('public', marker.id));
    expect(user.received.some(updateFor('user', hidden.id))).toBe(false);
    expect(pub.received.some(updateFor('public', hidden.id))).toBe(false);

    // Deleting the filter reaches the stream at once: the next such post comes through.
    await dropFilter(env, alice, hide.id);
    const again = await post(env, bob, { status: 'Troponin normalised' });
    expect(payloadOf(await user.next(updateFor('user', again.id))).id).toBe(again.id);
    await dropFilter(env, alice, warn.id);
  });
});
