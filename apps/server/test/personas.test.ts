import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINKED_ACCOUNTS_PATH, PERSONAS_PATH } from '../src/api/v1/personas.ts';
import { oauthTokens } from '../src/db/schema/index.ts';
import { createOAuthApp, issueToken } from '../src/domain/oauth/index.ts';
import { hashToken } from '../src/domain/oauth/tokens.ts';
import {
  type CallOptions,
  call,
  createPersona,
  createTestEnv,
  FULL_SCOPES,
  type Persona,
  type TestEnv,
} from './harness.ts';
import { loadRoundsOpenApi } from './rounds-openapi.ts';
import { post } from './statuses-fixtures.ts';
import { openSocket, payloadOf, serveEnv, subscribe, type TestSocket } from './streaming-helpers.ts';

/**
 * Personas (issue 7, point 2; decision 0009): one sign-in holds a professional and a personal
 * account, switched in one step; posts never cross between them by accident; only the user and
 * moderators can tell the two accounts belong together.
 */

let env: TestEnv;
let app: { id: string; clientId: string; clientSecret: string };
/** alice signs up as herself (the primary account); her personal account comes in the tests. */
let alice: Persona;
let home: Persona;
let bob: Persona;
let carol: Persona;
let dan: Persona;
let mo: Persona;
/** Every answer of this file: none may be a 5xx. */
const statuses: number[] = [];

let openApi: Awaited<ReturnType<typeof loadRoundsOpenApi>>;

/** The OpenAPI path a persona route was called by, or null for any other route. */
function documentedPath(path: string): string | null {
  const bare = path.split('?')[0]!;
  if (bare === PERSONAS_PATH || bare === `${PERSONAS_PATH}/switch`) return bare;
  if (/^\/api\/rounds\/v1\/admin\/accounts\/[^/]+\/personas$/.test(bare)) return LINKED_ACCOUNTS_PATH;
  return null;
}

/** One request; persona routes' answers (errors included) must match the OpenAPI document. */
async function api(method: string, path: string, opts: CallOptions = {}) {
  const res = await call(env, method, path, opts);
  statuses.push(res.status);
  const documented = documentedPath(path);
  if (documented) openApi.expectDocumented(method.toLowerCase(), documented, res.status, res.body);
  return res;
}

async function ok(method: string, path: string, who: Persona | string, body?: unknown) {
  const token = typeof who === 'string' ? who : who.token;
  const res = await api(method, path, { token, body });
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

/** A 4xx with a message, which must start with `field` when one is named. */
async function refused(status: number, method: string, path: string, opts: CallOptions, field?: string) {
  const res = await api(method, path, opts);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  // The Rounds API answers {"error": {"code", "message", "details"}}, the Mastodon API {"error": "…"}.
  const message: unknown = typeof res.body.error === 'string' ? res.body.error : res.body.error.message;
  expect(typeof message).toBe('string');
  if (field) {
    expect((message as string).startsWith(field), message as string).toBe(true);
    expect(res.body.error.details.field).toBe(field);
  }
  return message as string;
}

const ids = (list: Array<{ id: string }>) => list.map((s) => s.id);

async function userToken(who: Persona, scopes = FULL_SCOPES): Promise<string> {
  return (await issueToken(env.ctx, app.id, who.user.id, scopes)).accessToken;
}

beforeAll(async () => {
  env = await createTestEnv();
  openApi = await loadRoundsOpenApi(env);
  const registered = await createOAuthApp(env.ctx, {
    name: 'Rounds for iOS',
    redirectUris: ['urn:ietf:wg:oauth:2.0:oob'],
    scopes: 'read write follow push admin:read',
  });
  app = registered;
  alice = await createPersona(env, 'alice');
  alice.token = await userToken(alice);
  bob = await createPersona(env, 'bob');
  carol = await createPersona(env, 'carol');
  dan = await createPersona(env, 'dan');
  mo = await createPersona(env, 'mo');
});

afterAll(() => {
  expect(statuses.filter((s) => s >= 500)).toEqual([]);
});

describe('creating the second account', () => {
  it('lists a single, unlinked account before there is a persona', async () => {
    const list = await ok('GET', '/api/rounds/v1/personas', alice);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: null, primary: true, current: true });
    expect(list[0].account.id).toBe(alice.account.id);
  });

  it('refuses bad input with a message naming the field', async () => {
    const path = '/api/rounds/v1/personas';
    const as = (body: unknown): CallOptions => ({ token: alice.token, body });
    await refused(422, 'POST', path, as({ kind: 'personal' }), 'username');
    await refused(422, 'POST', path, as({ username: 'alice home', kind: 'personal' }), 'username');
    await refused(422, 'POST', path, as({ username: 'a'.repeat(31), kind: 'personal' }), 'username');
    // Usernames are unique whatever their case, as at sign-up.
    const taken = await refused(422, 'POST', path, as({ username: 'BOB', kind: 'personal' }), 'username');
    expect(taken).toContain('already taken');
    await refused(422, 'POST', path, as({ username: 'alice_home' }), 'kind');
    await refused(422, 'POST', path, as({ username: 'alice_home', kind: 'work' }), 'kind');
    await refused(
      422,
      'POST',
      path,
      as({ username: 'alice_home', kind: 'personal', display_name: 'x'.repeat(31) }),
      'display_name',
    );
    await refused(
      422,
      'POST',
      path,
      { token: alice.token, form: { username: 'x y', kind: 'personal' } },
      'username',
    );
    // Without a user token, or without write:accounts.
    await refused(401, 'POST', path, { body: { username: 'alice_home', kind: 'personal' } });
    const readOnly = await userToken(alice, 'read');
    await refused(403, 'POST', path, { token: readOnly, body: { username: 'alice_home', kind: 'personal' } });
    // Nothing was created by any of these.
    expect(await ok('GET', path, alice)).toHaveLength(1);
  });

  it('creates it from the primary account; the primary becomes the other kind', async () => {
    const list = await ok('POST', '/api/rounds/v1/personas', alice, {
      username: 'alice_home',
      display_name: 'Alice (off duty)',
      kind: 'personal',
    });
    expect(list.map((p: any) => [p.account.acct, p.kind, p.primary, p.current])).toEqual([
      ['alice', 'professional', true, true],
      ['alice_home', 'personal', false, false],
    ]);
    expect(list[1].account.display_name).toBe('Alice (off duty)');
    const switched = await ok('POST', '/api/rounds/v1/personas/switch', alice, {
      account_id: list[1].account.id,
    });
    home = {
      account: { ...alice.account, id: list[1].account.id, username: 'alice_home' },
      user: alice.user,
      token: switched.access_token,
      username: 'alice_home',
    };
  });

  it('allows one persona per sign-in (409), from either account', async () => {
    const body = { username: 'alice_weekend', kind: 'personal' };
    const fromPrimary = await refused(409, 'POST', '/api/rounds/v1/personas', { token: alice.token, body });
    expect(fromPrimary).toContain('@alice_home');
    await refused(409, 'POST', '/api/rounds/v1/personas', { token: home.token, body });
    const lookup = await api('GET', '/api/v1/accounts/lookup?acct=alice_weekend');
    expect(lookup.status).toBe(404);
  });
});

describe('switching', () => {
  it('answers a new token for the same app and scopes, acting as the other account', async () => {
    const res = await api('POST', '/api/rounds/v1/personas/switch', {
      token: alice.token,
      form: { account_id: home.account.id },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({ token_type: 'Bearer', scope: FULL_SCOPES });
    expect(res.body.account).toMatchObject({ id: home.account.id, acct: 'alice_home' });
    expect(typeof res.body.created_at).toBe('number');
    const [row] = await env.ctx.db
      .select()
      .from(oauthTokens)
      .where(eq(oauthTokens.tokenHash, hashToken(res.body.access_token)));
    expect(row).toMatchObject({ appId: app.id, userId: alice.user.id, accountId: home.account.id });

    const me = await ok('GET', '/api/v1/accounts/verify_credentials', res.body.access_token);
    expect(me.username).toBe('alice_home');
    // The token that asked still acts as the primary account.
    expect((await ok('GET', '/api/v1/accounts/verify_credentials', alice)).username).toBe('alice');
    const mine = await ok('GET', '/api/rounds/v1/personas', res.body.access_token);
    expect(mine.map((p: any) => [p.account.acct, p.current])).toEqual([
      ['alice', false],
      ['alice_home', true],
    ]);
  });

  it('switches back to the primary account from a persona token', async () => {
    const back = await ok('POST', '/api/rounds/v1/personas/switch', home, { account_id: alice.account.id });
    expect(back.account.acct).toBe('alice');
    expect((await ok('GET', '/api/v1/accounts/verify_credentials', back.access_token)).username).toBe(
      'alice',
    );
    const [row] = await env.ctx.db
      .select({ accountId: oauthTokens.accountId })
      .from(oauthTokens)
      .where(eq(oauthTokens.tokenHash, hashToken(back.access_token)));
    expect(row!.accountId).toBeNull();
  });

  it("refuses an account that is not the user's own with the same 404 as one that does not exist", async () => {
    const path = '/api/rounds/v1/personas/switch';
    const notMine = await refused(404, 'POST', path, {
      token: alice.token,
      body: { account_id: bob.account.id },
    });
    const missing = await refused(404, 'POST', path, { token: alice.token, body: { account_id: '1' } });
    expect(notMine).toBe(missing);
    await refused(422, 'POST', path, { token: alice.token, body: { account_id: 'abc' } }, 'account_id');
    await refused(404, 'POST', path, { token: bob.token, body: { account_id: home.account.id } });
    await refused(422, 'POST', path, { token: alice.token, body: {} }, 'account_id');
    await refused(401, 'POST', path, { body: { account_id: home.account.id } });
  });

  it('carries the expiry and scopes over, so switching never widens a token', async () => {
    const narrow = (
      await issueToken(env.ctx, app.id, alice.user.id, 'read', {
        expiresAt: new Date(env.clock.now().getTime() + 3_600_000),
      })
    ).accessToken;
    const switched = await ok('POST', '/api/rounds/v1/personas/switch', narrow, {
      account_id: home.account.id,
    });
    expect(switched.scope).toBe('read');
    await refused(403, 'POST', '/api/v1/statuses', { token: switched.access_token, body: { status: 'hi' } });
    const [row] = await env.ctx.db
      .select({ expiresAt: oauthTokens.expiresAt })
      .from(oauthTokens)
      .where(eq(oauthTokens.tokenHash, hashToken(switched.access_token)));
    expect(row!.expiresAt?.getTime()).toBe(env.clock.now().getTime() + 3_600_000);
  });
});

describe('posts never cross between the two accounts', () => {
  let work: any;
  let weekend: any;

  beforeAll(async () => {
    // carol follows the professional account, dan the personal one.
    await ok('POST', `/api/v1/accounts/${alice.account.id}/follow`, carol);
    await ok('POST', `/api/v1/accounts/${home.account.id}/follow`, dan);
    work = await post(env, alice, { status: 'Grand rounds today: sepsis bundles, what changed in 2026' });
    weekend = await post(env, home, { status: 'Weekend hike up Snowdon, legs destroyed' });
  });

  it("each post is its token's account's, and each account lists only its own", async () => {
    expect(work.account.id).toBe(alice.account.id);
    expect(weekend.account.id).toBe(home.account.id);
    expect(ids(await ok('GET', `/api/v1/accounts/${alice.account.id}/statuses`, bob))).toEqual([work.id]);
    expect(ids(await ok('GET', `/api/v1/accounts/${home.account.id}/statuses`, bob))).toEqual([weekend.id]);
    expect((await api('GET', `/api/v1/accounts/${alice.account.id}`)).body.statuses_count).toBe(1);
  });

  it('keeps home timelines apart, for the followers and for the two accounts themselves', async () => {
    expect(ids(await ok('GET', '/api/v1/timelines/home', carol))).toEqual([work.id]);
    expect(ids(await ok('GET', '/api/v1/timelines/home', dan))).toEqual([weekend.id]);
    expect(ids(await ok('GET', '/api/v1/timelines/home', alice))).toEqual([work.id]);
    expect(ids(await ok('GET', '/api/v1/timelines/home', home))).toEqual([weekend.id]);
  });

  it('keeps notifications apart', async () => {
    const toWork = await post(env, bob, { status: '@alice could you share the slides?' });
    const toHome = await post(env, bob, { status: '@alice_home which route did you take?' });
    await env.ctx.events.idle();
    const workN = await ok('GET', '/api/v1/notifications', alice);
    const homeN = await ok('GET', '/api/v1/notifications', home);
    expect(workN.filter((n: any) => n.type === 'mention').map((n: any) => n.status.id)).toEqual([toWork.id]);
    expect(homeN.filter((n: any) => n.type === 'mention').map((n: any) => n.status.id)).toEqual([toHome.id]);
    expect(workN.filter((n: any) => n.type === 'follow').map((n: any) => n.account.id)).toEqual([
      carol.account.id,
    ]);
    expect(homeN.filter((n: any) => n.type === 'follow').map((n: any) => n.account.id)).toEqual([
      dan.account.id,
    ]);
  });

  it('a reply from the personal token is written by the personal account', async () => {
    const reply = await post(env, home, {
      status: 'Pen-y-Pass, then the Miners track',
      in_reply_to_id: weekend.id,
    });
    expect(reply.account.id).toBe(home.account.id);
    const toBob = await post(env, home, { status: '@bob gladly', in_reply_to_id: work.id });
    expect(toBob.account.id).toBe(home.account.id);
    expect(toBob.in_reply_to_account_id).toBe(alice.account.id);
    expect(ids(await ok('GET', `/api/v1/accounts/${alice.account.id}/statuses`, bob))).toEqual([work.id]);
  });

  it("refuses to delete or edit the professional account's post with the personal token", async () => {
    // Exactly as it refuses anyone else's token.
    for (const [method, path, body] of [
      ['DELETE', `/api/v1/statuses/${work.id}`, undefined],
      ['PUT', `/api/v1/statuses/${work.id}`, { status: 'hacked' }],
      ['POST', `/api/v1/statuses/${work.id}/pin`, undefined],
    ] as const) {
      const asHome = await api(method, path, { token: home.token, body });
      const asBob = await api(method, path, { token: bob.token, body });
      expect(asHome.status, `${method} ${path}`).toBe(asBob.status);
      expect([403, 404, 422]).toContain(asHome.status);
      expect(asHome.body).toEqual(asBob.body);
    }
    const still = await ok('GET', `/api/v1/statuses/${work.id}`, bob);
    expect(still.content).toContain('sepsis bundles');
    expect(still.edited_at).toBeNull();
  });

  it('keeps favourites, bookmarks, lists and markers per account', async () => {
    await ok('POST', `/api/v1/statuses/${work.id}/favourite`, home);
    await ok('POST', `/api/v1/statuses/${work.id}/bookmark`, home);
    expect(ids(await ok('GET', '/api/v1/favourites', home))).toEqual([work.id]);
    expect(await ok('GET', '/api/v1/favourites', alice)).toEqual([]);
    expect(await ok('GET', '/api/v1/bookmarks', alice)).toEqual([]);
    await ok('POST', '/api/v1/lists', home, { title: 'Hiking friends' });
    expect(await ok('GET', '/api/v1/lists', alice)).toEqual([]);
    expect((await ok('GET', '/api/v1/lists', home)).map((l: any) => l.title)).toEqual(['Hiking friends']);
    await ok('POST', '/api/v1/markers', home, { home: { last_read_id: weekend.id } });
    expect(await ok('GET', '/api/v1/markers?timeline[]=home', alice)).toEqual({});
    expect((await ok('GET', '/api/v1/markers?timeline[]=home', home)).home.last_read_id).toBe(weekend.id);
  });

  it('gives each account its own posting defaults and profile', async () => {
    await ok('PATCH', '/api/v1/accounts/update_credentials', home, {
      note: 'Hills, bread, bad puns',
      source: { privacy: 'private', language: 'cy' },
    });
    const me = await ok('GET', '/api/v1/accounts/verify_credentials', home);
    expect(me.source).toMatchObject({ privacy: 'private', language: 'cy' });
    const pro = await ok('GET', '/api/v1/accounts/verify_credentials', alice);
    expect(pro.source).toMatchObject({ privacy: 'public', language: null });
    expect(me.note).toContain('bad puns');
    expect(pro.note).not.toContain('bad puns');
    expect((await ok('GET', '/api/v1/preferences', home))['posting:default:visibility']).toBe('private');
    expect((await ok('GET', '/api/v1/preferences', alice))['posting:default:visibility']).toBe('public');
    expect((await post(env, home, { status: 'Sourdough attempt four' })).visibility).toBe('private');
    expect((await post(env, alice, { status: 'Journal club at noon' })).visibility).toBe('public');
  });
});

describe('who can tell the two accounts belong together', () => {
  it('a stranger cannot: the accounts look like any other two accounts', async () => {
    const own = await ok('GET', `/api/v1/accounts/${bob.account.id}`, bob);
    for (const id of [alice.account.id, home.account.id]) {
      const entity = await ok('GET', `/api/v1/accounts/${id}`, bob);
      expect(Object.keys(entity).sort()).toEqual(Object.keys(own).sort());
      expect(entity.roles).toEqual([]);
      const other = id === alice.account.id ? home : alice;
      expect(JSON.stringify(entity)).not.toContain(other.account.id);
      expect(JSON.stringify(entity)).not.toContain(`"${other.username}"`);
    }
    // Search finds the personal account as it would anyone's.
    const found = await ok('GET', '/api/v2/search?q=alice_home&type=accounts&resolve=false', bob);
    expect(found.accounts.map((a: any) => a.id)).toEqual([home.account.id]);
    // The persona routes show a stranger nothing but their own account.
    const mine = await ok('GET', '/api/rounds/v1/personas', bob);
    expect(mine.map((p: any) => p.account.id)).toEqual([bob.account.id]);
    // Asking moderators' route: the same refusal for a linked account and for any other.
    const strangerAdmin = await userToken(bob, 'read admin:read');
    const linked = await refused(403, 'GET', `/api/rounds/v1/admin/accounts/${home.account.id}/personas`, {
      token: strangerAdmin,
    });
    const unlinked = await refused(403, 'GET', `/api/rounds/v1/admin/accounts/${carol.account.id}/personas`, {
      token: strangerAdmin,
    });
    expect(linked).toBe(unlinked);
    const rel = await ok(
      'GET',
      `/api/v1/accounts/relationships?id[]=${alice.account.id}&id[]=${home.account.id}`,
      bob,
    );
    expect(Object.keys(rel[0]).sort()).toEqual(Object.keys(rel[1]).sort());
  });

  it('moderators can, with an admin scope', async () => {
    const modToken = await userToken(mo, 'read admin:read:accounts');
    for (const id of [alice.account.id, home.account.id]) {
      const list = await ok('GET', `/api/rounds/v1/admin/accounts/${id}/personas`, modToken);
      expect(list.map((p: any) => [p.account.acct, p.kind, p.primary])).toEqual([
        ['alice', 'professional', true],
        ['alice_home', 'personal', false],
      ]);
    }
    const single = await ok('GET', `/api/rounds/v1/admin/accounts/${bob.account.id}/personas`, modToken);
    expect(single.map((p: any) => [p.account.acct, p.kind])).toEqual([['bob', null]]);
    await refused(404, 'GET', '/api/rounds/v1/admin/accounts/1/personas', { token: modToken });
    await refused(422, 'GET', '/api/rounds/v1/admin/accounts/abc/personas', { token: modToken }, 'id');
    // A moderator's ordinary token (no admin scope) does not reach it.
    await refused(403, 'GET', `/api/rounds/v1/admin/accounts/${home.account.id}/personas`, {
      token: mo.token,
    });
  });
});

describe('tokens of the two accounts', () => {
  it('revoking one leaves the other, both ways; signing out of the browser changes neither', async () => {
    const client = { client_id: app.clientId, client_secret: app.clientSecret };
    const pro = await userToken(alice);
    const personal = (
      await ok('POST', '/api/rounds/v1/personas/switch', pro, { account_id: home.account.id })
    ).access_token as string;
    const revoke = (token: string) => api('POST', '/oauth/revoke', { form: { token, ...client } });
    const whoIs = async (token: string) => {
      const res = await api('GET', '/api/v1/accounts/verify_credentials', { token });
      return res.status === 200 ? res.body.username : res.status;
    };
    expect((await revoke(personal)).status).toBe(200);
    expect(await whoIs(personal)).toBe(401);
    expect(await whoIs(pro)).toBe('alice');

    const personal2 = (
      await ok('POST', '/api/rounds/v1/personas/switch', pro, { account_id: home.account.id })
    ).access_token as string;
    expect((await revoke(pro)).status).toBe(200);
    expect(await whoIs(pro)).toBe(401);
    expect(await whoIs(personal2)).toBe('alice_home');

    const signOut = await api('POST', '/oauth/sign_out', { headers: { origin: 'https://rounds.test' } });
    expect(signOut.status).toBe(204);
    expect(await whoIs(personal2)).toBe('alice_home');
  });

  it('stops working when the token names an account that is not its user’s', async () => {
    const forged = (await issueToken(env.ctx, app.id, bob.user.id, 'read', { accountId: home.account.id }))
      .accessToken;
    await refused(401, 'GET', '/api/v1/accounts/verify_credentials', { token: forged });
  });
});

describe('live streams', () => {
  let close: () => Promise<void>;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    let url: string;
    ({ url, close } = await serveEnv(env));
    const workSocket = await openSocket(url, alice.token, { via: 'query' });
    const homeSocket = await openSocket(url, home.token, { via: 'query' });
    sockets.push(workSocket, homeSocket);
    await subscribe(workSocket, 'user');
    await subscribe(homeSocket, 'user');
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await close();
  });

  it("streams each account's notifications only to its own token", async () => {
    const [workSocket, homeSocket] = sockets as [TestSocket, TestSocket];
    const toWork = await post(env, carol, { status: '@alice thanks for the teaching today' });
    await env.ctx.events.idle();
    const toHome = await post(env, dan, { status: '@alice_home same hike next month?' });
    const isMention = (id: string) => (m: { event?: string; payload?: string }) =>
      m.event === 'notification' && payloadOf(m).status?.id === id;
    await workSocket.next(isMention(toWork.id));
    await homeSocket.next(isMention(toHome.id));
    await workSocket.barrier();
    await homeSocket.barrier();
    expect(homeSocket.received.some(isMention(toWork.id))).toBe(false);
    expect(workSocket.received.some(isMention(toHome.id))).toBe(false);
  });
});
