import { beforeAll, describe, expect, it } from 'vitest';
import { updatePostingDefaults } from '../src/domain/accounts/preferences.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { expectMatchesSchema } from './openapi.ts';
import { accountCounts, post, view } from './statuses-fixtures.ts';

describe('POST /api/v1/statuses', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
  });

  it('publishes a status with mentions, hashtags and links rendered, matching the Status schema', async () => {
    const res = await call(env, 'POST', '/api/v1/statuses', {
      token: alice.token,
      body: {
        status: 'Thanks @bob for the #POCUS teaching today! #MedEd slides: https://example.org/lung-us',
        language: 'en',
      },
    });
    expect(res.status).toBe(200);
    expectMatchesSchema('Status', res.body);
    expect(res.body).toMatchObject({
      visibility: 'public',
      language: 'en',
      sensitive: false,
      spoiler_text: '',
      in_reply_to_id: null,
      reblog: null,
      quote: null,
      media_attachments: [],
      emojis: [],
      card: null,
      poll: null,
      favourited: false,
      reblogged: false,
      bookmarked: false,
      pinned: false,
      quotes_count: 0,
    });
    expect(res.body.account.username).toBe('alice');
    expect(res.body.mentions).toEqual([
      { id: bob.account.id, username: 'bob', acct: 'bob', url: 'https://rounds.test/@bob' },
    ]);
    expect(res.body.tags).toEqual([
      { name: 'pocus', url: 'https://rounds.test/tags/pocus' },
      { name: 'meded', url: 'https://rounds.test/tags/meded' },
    ]);
    expect(res.body.content).toContain('<a href="https://rounds.test/@bob" class="u-url mention">');
    expect(res.body.content).toContain('href="https://example.org/lung-us"');
    expect(res.body.uri).toBe(`https://rounds.test/users/alice/statuses/${res.body.id}`);
    expect(res.body.url).toBe(`https://rounds.test/@alice/${res.body.id}`);
    expect(res.body.quote_approval).toEqual({ automatic: ['public'], manual: [], current_user: 'automatic' });
    expect(res.body.text).toBeUndefined();
  });

  it('keeps unknown mentions as plain text and spelling of hashtags in the content', async () => {
    const s = await post(env, alice, { status: 'cc @nobody_here and #FOAMed' });
    expect(s.mentions).toEqual([]);
    expect(s.content).toContain('@nobody_here');
    expect(s.content).toContain('#<span>FOAMed</span>');
    expect(s.tags).toEqual([{ name: 'foamed', url: 'https://rounds.test/tags/foamed' }]);
  });

  it('accepts form-encoded and multipart bodies, as real clients send them', async () => {
    const form = await call(env, 'POST', '/api/v1/statuses', {
      token: alice.token,
      form: { status: 'Form post about fluid responsiveness', visibility: 'unlisted', sensitive: 'true' },
    });
    expect(form.status).toBe(200);
    expect(form.body.visibility).toBe('unlisted');
    expect(form.body.sensitive).toBe(true);

    const data = new FormData();
    data.set('status', 'Multipart post on passive leg raise');
    data.set('spoiler_text', 'Quiz answer');
    const res = await env.app.request('https://rounds.test/api/v1/statuses', {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}` },
      body: data,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { spoiler_text: string; sensitive: boolean };
    expect(body.spoiler_text).toBe('Quiz answer');
    // A content warning makes the status sensitive, as in Mastodon.
    expect(body.sensitive).toBe(true);
  });

  it("uses the author's default visibility and quote policy when none is given", async () => {
    const carol = await createPersona(env, 'carol');
    await updatePostingDefaults(env.ctx, carol.account.id, { privacy: 'unlisted', quotePolicy: 'followers' });
    const s = await post(env, carol, { status: 'Handover checklist thoughts' });
    expect(s.visibility).toBe('unlisted');
    expect(s.quote_approval.automatic).toEqual(['followers']);
    const priv = await post(env, carol, { status: 'Followers only', visibility: 'private' });
    // Private and direct posts are never quotable by others.
    expect(priv.quote_approval.automatic).toEqual([]);
  });

  it('refuses bad input with 422 naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ status: '   ' }, 'status'],
      [{}, 'status'],
      [{ status: 'x'.repeat(5001) }, 'status'],
      [{ status: 'hi', visibility: 'everyone' }, 'visibility'],
      [{ status: 'hi', language: 'english' }, 'language'],
      [{ status: 'hi', in_reply_to_id: 'abc' }, 'in_reply_to_id'],
      [{ status: 'hi', quote_approval_policy: 'friends' }, 'quote_approval_policy'],
      [{ status: 'hi', media_ids: ['1'] }, 'media_ids'],
      [{ status: 'hi', poll: 'yes' }, 'poll'],
      [{ status: 'hi', scheduled_at: 'tomorrow morning' }, 'scheduled_at'],
    ];
    for (const [body, field] of cases) {
      const res = await call(env, 'POST', '/api/v1/statuses', { token: alice.token, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error).toContain(field);
      expect(res.body.details?.field).toBe(field);
    }
  });

  it('counts each link as 23 characters and the content warning towards the limit', async () => {
    const url = `https://example.org/${'a'.repeat(200)}`;
    const ok = await call(env, 'POST', '/api/v1/statuses', {
      token: alice.token,
      body: { status: `${'x'.repeat(4976)} ${url}` },
    });
    expect(ok.status).toBe(200);
    const tooLong = await call(env, 'POST', '/api/v1/statuses', {
      token: alice.token,
      body: { status: 'x'.repeat(4990), spoiler_text: 'y'.repeat(11) },
    });
    expect(tooLong.status).toBe(422);
  });

  it('needs a user token with write:statuses', async () => {
    const reader = await createPersona(env, 'reader', { scopes: 'read' });
    const res = await call(env, 'POST', '/api/v1/statuses', { token: reader.token, body: { status: 'hi' } });
    expect(res.status).toBe(403);
    const anon = await call(env, 'POST', '/api/v1/statuses', { body: { status: 'hi' } });
    expect(anon.status).toBe(401);
    const granular = await createPersona(env, 'writer', { scopes: 'write:statuses' });
    expect(
      (await call(env, 'POST', '/api/v1/statuses', { token: granular.token, body: { status: 'ok' } })).status,
    ).toBe(200);
  });

  it('honours Idempotency-Key per account for 24 hours', async () => {
    const before = await accountCounts(env, bob);
    const headers = { 'idempotency-key': 'abc-123' };
    const first = await post(env, bob, { status: 'Sepsis bundle recap' }, { headers });
    const again = await post(env, bob, { status: 'Sepsis bundle recap' }, { headers });
    expect(again.id).toBe(first.id);
    expect((await accountCounts(env, bob)).statuses).toBe(before.statuses + 1);
    // Another account may use the same key.
    const other = await post(env, alice, { status: 'Sepsis bundle recap' }, { headers });
    expect(other.id).not.toBe(first.id);
    env.clock.advance(25 * 60 * 60 * 1000);
    const later = await post(env, bob, { status: 'Sepsis bundle recap' }, { headers });
    expect(later.id).not.toBe(first.id);
  });

  it('keeps statuses_count, last_status_at and replies_count right', async () => {
    const dan = await createPersona(env, 'dan');
    const root = await post(env, alice, { status: 'Question: when do you repeat a lactate?' });
    const reply = await post(env, dan, { status: 'After 2-4 hours if elevated', in_reply_to_id: root.id });
    expect(reply.in_reply_to_id).toBe(root.id);
    expect(reply.in_reply_to_account_id).toBe(alice.account.id);
    expect((await view(env, root.id)).body.replies_count).toBe(1);
    const counts = await accountCounts(env, dan);
    expect(counts.statuses).toBe(1);
    expect(counts.lastStatusAt).not.toBeNull();
    const del = await call(env, 'DELETE', `/api/v1/statuses/${reply.id}`, { token: dan.token });
    expect(del.status).toBe(200);
    expect((await view(env, root.id)).body.replies_count).toBe(0);
    expect((await accountCounts(env, dan)).statuses).toBe(0);
  });

  it('replies to unknown statuses with 404', async () => {
    const res = await call(env, 'POST', '/api/v1/statuses', {
      token: alice.token,
      body: { status: 'hi', in_reply_to_id: '123456789' },
    });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'Record not found' });
  });
});

describe('GET /api/v1/statuses', () => {
  let env: TestEnv;
  let alice: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
  });

  it('returns one status, or 404 Record not found', async () => {
    const s = await post(env, alice, { status: 'Reading ECGs: start with rate and rhythm' });
    const res = await view(env, s.id);
    expect(res.status).toBe(200);
    expectMatchesSchema('Status', res.body);
    expect(res.body.favourited).toBeUndefined();
    const missing = await view(env, '99999999999');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: 'Record not found' });
  });

  it('returns several statuses by id[] in the order asked, skipping unknown ones', async () => {
    const a = await post(env, alice, { status: 'one' });
    const b = await post(env, alice, { status: 'two' });
    const res = await call(env, 'GET', `/api/v1/statuses?id[]=${b.id}&id[]=999999&id[]=${a.id}`);
    expect(res.status).toBe(200);
    expect(res.body.map((s: { id: string }) => s.id)).toEqual([b.id, a.id]);
    const bad = await call(env, 'GET', '/api/v1/statuses?id[]=nope');
    expect(bad.status).toBe(422);
  });
});

describe('DELETE /api/v1/statuses/:id', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
  });

  it('returns the source text for delete-and-redraft and removes the status', async () => {
    const s = await post(env, alice, { status: 'Typo in this #POCUS post', spoiler_text: 'draft' });
    const res = await call(env, 'DELETE', `/api/v1/statuses/${s.id}`, { token: alice.token });
    expect(res.status).toBe(200);
    expectMatchesSchema('Status', res.body);
    expect(res.body.text).toBe('Typo in this #POCUS post');
    expect(res.body.spoiler_text).toBe('draft');
    expect((await view(env, s.id)).status).toBe(404);
    expect((await call(env, 'DELETE', `/api/v1/statuses/${s.id}`, { token: alice.token })).status).toBe(404);
  });

  it("answers 404 for someone else's status and keeps it", async () => {
    const s = await post(env, alice, { status: 'Mine' });
    const res = await call(env, 'DELETE', `/api/v1/statuses/${s.id}`, { token: bob.token });
    expect(res.status).toBe(404);
    expect((await view(env, s.id)).status).toBe(200);
  });

  it('deletes reblogs of the status and undoes their counts', async () => {
    const s = await post(env, alice, { status: 'Boost me' });
    const before = await accountCounts(env, bob);
    const reblog = await call(env, 'POST', `/api/v1/statuses/${s.id}/reblog`, { token: bob.token });
    expect(reblog.status).toBe(200);
    expect((await accountCounts(env, bob)).statuses).toBe(before.statuses + 1);
    await call(env, 'DELETE', `/api/v1/statuses/${s.id}`, { token: alice.token });
    expect((await view(env, reblog.body.id)).status).toBe(404);
    expect((await accountCounts(env, bob)).statuses).toBe(before.statuses);
  });
});

describe('editing: PUT /api/v1/statuses/:id, /history, /source', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
  });

  it('edits text, re-parses mentions and tags, and keeps every version in history', async () => {
    const s = await post(env, alice, { status: 'Lung sliding rules out #pneumothorax at that spot' });
    expect((await call(env, 'GET', `/api/v1/statuses/${s.id}/history`)).body).toHaveLength(1);
    env.clock.advance(60_000);
    const res = await call(env, 'PUT', `/api/v1/statuses/${s.id}`, {
      token: alice.token,
      body: { status: 'Lung sliding rules out #PTX at that spot, cc @bob', spoiler_text: 'edited' },
    });
    expect(res.status).toBe(200);
    expectMatchesSchema('Status', res.body);
    expect(res.body.edited_at).not.toBeNull();
    expect(res.body.spoiler_text).toBe('edited');
    expect(res.body.mentions.map((m: { username: string }) => m.username)).toEqual(['bob']);
    expect(res.body.tags.map((t: { name: string }) => t.name)).toEqual(['ptx']);

    env.clock.advance(60_000);
    await call(env, 'PUT', `/api/v1/statuses/${s.id}`, {
      token: alice.token,
      body: { status: 'Third version' },
    });
    const history = await call(env, 'GET', `/api/v1/statuses/${s.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body).toHaveLength(3);
    for (const version of history.body) expectMatchesSchema('StatusEdit', version);
    expect(history.body[0].content).toContain('pneumothorax');
    expect(history.body[1].content).toContain('PTX');
    expect(history.body[2].content).toContain('Third version');
    const times = history.body.map((v: { created_at: string }) => Date.parse(v.created_at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    const source = await call(env, 'GET', `/api/v1/statuses/${s.id}/source`, { token: alice.token });
    expect(source.status).toBe(200);
    expectMatchesSchema('StatusSource', source.body);
    expect(source.body).toEqual({ id: s.id, text: 'Third version', spoiler_text: 'edited' });
  });

  it("refuses to edit someone else's status (404) and bad input (422)", async () => {
    const s = await post(env, alice, { status: 'Original' });
    const other = await call(env, 'PUT', `/api/v1/statuses/${s.id}`, {
      token: bob.token,
      body: { status: 'x' },
    });
    expect(other.status).toBe(404);
    const blank = await call(env, 'PUT', `/api/v1/statuses/${s.id}`, {
      token: alice.token,
      body: { status: '' },
    });
    expect(blank.status).toBe(422);
    const lang = await call(env, 'PUT', `/api/v1/statuses/${s.id}`, {
      token: alice.token,
      body: { language: 'xx-invalid' },
    });
    expect(lang.status).toBe(422);
    expect(lang.body.details.field).toBe('language');
    expect((await view(env, s.id)).body.content).toBe('<p>Original</p>');
  });

  it('needs a signed-in user for /source', async () => {
    const s = await post(env, alice, { status: 'Source please' });
    expect((await call(env, 'GET', `/api/v1/statuses/${s.id}/source`)).status).toBe(401);
  });
});

describe('odd input never becomes a 500', () => {
  let env: TestEnv;
  let alice: Persona;
  let carol: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    carol = await createPersona(env, 'carol');
  });

  it('reads malformed and out-of-range ids as not found', async () => {
    for (const id of ['abc', '9999999999999999999', '-1']) {
      const res = await view(env, id, alice);
      expect(res.status, id).toBe(404);
      expect(res.body).toEqual({ error: 'Record not found' });
    }
    // An id beyond the 64-bit range in a parameter is malformed input: 422 naming the field.
    const many = await call(env, 'GET', '/api/v1/statuses?id[]=9999999999999999999');
    expect(many.status).toBe(422);
    expect(many.body.error).toContain('out of range');
    for (const path of ['/api/v1/bookmarks', '/api/v1/favourites']) {
      const res = await call(env, 'GET', `${path}?max_id=9999999999999999999`, { token: alice.token });
      expect(res.status, path).toBe(422);
      expect(res.body.error, path).toContain('max_id');
    }
  });

  it('refuses non-text status values and drops NUL characters', async () => {
    const num = await call(env, 'POST', '/api/v1/statuses', { token: alice.token, body: { status: 42 } });
    expect(num.status).toBe(422);
    const ids = await call(env, 'POST', '/api/v1/statuses', {
      token: alice.token,
      body: { status: 'x', media_ids: [1] },
    });
    expect(ids.status).toBe(422);
    const nul = await post(env, alice, { status: 'before\u0000after' });
    expect(nul.content).toBe('<p>beforeafter</p>');
  });

  it('keeps a reply to a private mention private by default', async () => {
    const dm = await post(env, alice, {
      status: '@carol quick question about the drip rates',
      visibility: 'direct',
    });
    const reply = await post(env, carol, { status: '@alice sure, ask away', in_reply_to_id: dm.id });
    expect(reply.visibility).toBe('direct');
  });

  it('emits domain events after each change', async () => {
    const seen: string[] = [];
    for (const name of [
      'StatusCreated',
      'StatusUpdated',
      'StatusDeleted',
      'StatusReblogged',
      'StatusFavourited',
    ] as const) {
      env.ctx.events.on(name, () => {
        seen.push(name);
      });
    }
    const s = await post(env, alice, { status: 'Event check' });
    await call(env, 'PUT', `/api/v1/statuses/${s.id}`, {
      token: alice.token,
      body: { status: 'Event check 2' },
    });
    await call(env, 'POST', `/api/v1/statuses/${s.id}/favourite`, { token: carol.token });
    await call(env, 'POST', `/api/v1/statuses/${s.id}/reblog`, { token: carol.token });
    await call(env, 'DELETE', `/api/v1/statuses/${s.id}`, { token: alice.token });
    await env.ctx.events.idle();
    expect(seen).toEqual([
      'StatusCreated',
      'StatusUpdated',
      'StatusFavourited',
      'StatusReblogged',
      'StatusDeleted',
      'StatusDeleted',
    ]);
  });
});
