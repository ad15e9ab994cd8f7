import { beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedMember, createVerifier, ok, post } from './corrections-fixtures.ts';
import { type CallOptions, call, createTestEnv, type Persona, type TestEnv } from './harness.ts';

/**
 * Personas and trust (decision 0009): a verified credential stays with the account it was verified
 * for, and a person's second account is not a second voice: it cannot review their credential,
 * rate their correction notes, correct their posts or endorse them in topic feeds.
 */

let env: TestEnv;
let vera: Persona;
let victor: Persona;
let alice: Persona;
let home: Persona;
let carol: Persona;
let bob: Persona;

const SOURCE = 'PMID: 32678530';

async function refused(status: number, method: string, path: string, who: Persona, body?: unknown) {
  const opts: CallOptions = { token: who.token, body };
  const res = await call(env, method, path, opts);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body.error.message as string;
}

/** Creates `who`'s personal account and answers it with a token acting as it. */
async function personalAccountOf(who: Persona, username: string): Promise<Persona> {
  const list = await ok(env, 'POST', '/api/rounds/v1/personas', who, { username, kind: 'personal' });
  const id = list[1].account.id as string;
  const switched = await ok(env, 'POST', '/api/rounds/v1/personas/switch', who, { account_id: id });
  return {
    account: { ...who.account, id, username },
    user: who.user,
    token: switched.access_token,
    username,
  };
}

async function submitCredential(who: Persona, specialty: string, licence: string): Promise<string> {
  const body = await ok(env, 'POST', '/api/rounds/v1/credentials', who, {
    profession: 'physician',
    specialty,
    jurisdiction: 'Wales',
    issuing_body: 'General Medical Council',
    licence_number: licence,
  });
  return body.id;
}

const approve = (id: string) => ({
  path: `/api/rounds/v1/verification/credentials/${id}/approve`,
  body: { organisation: 'Rounds Verification Service', valid_until: '2027-06-30' },
});

beforeAll(async () => {
  env = await createTestEnv();
  vera = await createVerifier(env, 'vera');
  victor = await createVerifier(env, 'victor');
  alice = await createVerifiedMember(env, victor, 'alice', 'emergency_medicine');
  carol = await createVerifiedMember(env, victor, 'carol', 'cardiology');
  bob = await createVerifiedMember(env, victor, 'bob', 'family_medicine');
  home = await personalAccountOf(alice, 'alice_home');
});

describe('verified credentials and personas', () => {
  it('stay with the account they were verified for: the personal account shows no badge', async () => {
    const pro = await ok(env, 'GET', `/api/v1/accounts/${alice.account.id}`, bob);
    expect(pro.rounds.credentials).toHaveLength(1);
    expect(pro.fields.some((f: { verified_at: string | null }) => f.verified_at !== null)).toBe(true);
    const personal = await ok(env, 'GET', `/api/v1/accounts/${home.account.id}`, bob);
    expect(personal.rounds.credentials).toEqual([]);
    expect(personal.fields).toEqual([]);
    const status = await post(env, home, 'Allotment update: the courgettes won');
    expect(status.account.rounds.credentials).toEqual([]);
    const me = await ok(env, 'GET', '/api/v1/accounts/verify_credentials', home);
    expect(me.rounds.credentials).toEqual([]);
  });

  it("a verifier cannot review their own persona's credential, from either account", async () => {
    const veraHome = await personalAccountOf(vera, 'vera_home');
    const personalCredential = await submitCredential(veraHome, 'cardiology', 'GMC-5550001');
    const queue = await ok(env, 'GET', '/api/rounds/v1/verification/queue', vera);
    expect(queue.map((i: any) => i.credential.id)).not.toContain(personalCredential);
    const a = approve(personalCredential);
    expect(await refused(403, 'POST', a.path, vera, a.body)).toContain('your own credential');
    const ownCredential = await submitCredential(vera, 'cardiology', 'GMC-5550002');
    const b = approve(ownCredential);
    expect(await refused(403, 'POST', b.path, veraHome, b.body)).toContain('your own credential');
    // Another verifier decides, as for anyone.
    expect((await ok(env, 'POST', a.path, victor, a.body)).status).toBe('verified');
  });
});

describe('correction notes and topic feeds: one person, one voice', () => {
  beforeAll(async () => {
    const id = await submitCredential(home, 'pathology', 'GMC-5550003');
    const a = approve(id);
    await ok(env, 'POST', a.path, victor, a.body);
  });

  it("the personal account cannot correct the professional account's post, nor rate its notes", async () => {
    const own = await post(env, alice, 'Lactate above 2 always means sepsis.');
    const path = `/api/rounds/v1/statuses/${own.id}/corrections`;
    const message = await refused(403, 'POST', path, home, { text: 'Not always', sources: [SOURCE] });
    expect(message).toContain('your own post');

    const bobs = await post(env, bob, 'Antibiotics shorten viral bronchitis.');
    const note = await ok(env, 'POST', `/api/rounds/v1/statuses/${bobs.id}/corrections`, alice, {
      text: 'They do not; bronchitis is mostly viral.',
      sources: [SOURCE],
    });
    const rating = `/api/rounds/v1/corrections/${note.id}/rating`;
    expect(await refused(403, 'POST', rating, home, { helpful: true })).toContain('your own correction note');
    // One note per person on a post.
    const second = await refused(409, 'POST', `/api/rounds/v1/statuses/${bobs.id}/corrections`, home, {
      text: 'Seconding this.',
      sources: [SOURCE],
    });
    expect(second).toContain('other account');
  });

  it('counts one rating per person', async () => {
    const bobs = await post(env, bob, 'Troponin is useless after 6 hours.');
    const note = await ok(env, 'POST', `/api/rounds/v1/statuses/${bobs.id}/corrections`, carol, {
      text: 'High-sensitivity troponin stays raised for days.',
      sources: [SOURCE],
    });
    const rating = `/api/rounds/v1/corrections/${note.id}/rating`;
    const once = await ok(env, 'POST', rating, alice, { helpful: true });
    expect(once.helpful_count).toBe(1);
    expect(await refused(409, 'POST', rating, home, { helpful: true })).toContain('other account');
    // Taking the first rating back frees the person to rate from the other account.
    await ok(env, 'DELETE', rating, alice);
    expect((await ok(env, 'POST', rating, home, { helpful: true })).helpful_count).toBe(1);
  });

  it("the personal account's favourite does not endorse the professional account's post", async () => {
    const cited = await post(env, alice, 'Early norepinephrine in #sepsis: doi:10.1164/rccm.201905-0968OC');
    await ok(env, 'POST', `/api/v1/statuses/${cited.id}/favourite`, home);
    const reasonsOf = async () => {
      const feed = await ok(env, 'GET', '/api/rounds/v1/feeds/top?tag=sepsis', null);
      const item = feed.items.find((i: any) => i.status.id === cited.id);
      return item.reasons.map((r: { factor: string }) => r.factor) as string[];
    };
    expect(await reasonsOf()).not.toContain('endorsements');
    await ok(env, 'POST', `/api/v1/statuses/${cited.id}/favourite`, carol);
    expect(await reasonsOf()).toContain('endorsements');
  });
});
