import { beforeAll, describe, expect, it } from 'vitest';
import { publishDueStatuses } from '../src/jobs/publish-scheduled.ts';
import { ok, post } from './corrections-fixtures.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { expectMatchesSchema } from './openapi.ts';
import { loadRoundsOpenApi } from './rounds-openapi.ts';

/**
 * Competing interests (issue 7): declared on the profile (free text and structured entries), shown
 * on the Account entity and as a profile field other Mastodon apps show; and flagged on a post.
 */

const PATH = '/api/rounds/v1/disclosures';

let env: TestEnv;
let api: Awaited<ReturnType<typeof loadRoundsOpenApi>>;
let bob: Persona;
let dan: Persona;

async function declare(who: Persona, body: unknown) {
  const res = await call(env, 'PUT', PATH, { token: who.token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  api.expectDocumented('put', PATH, 200, res.body);
  return res.body;
}

/** bob's account as another member's Mastodon app reads it. */
async function bobSeenBy(viewer: Persona | null) {
  const account = await ok(env, 'GET', `/api/v1/accounts/${bob.account.id}`, viewer);
  expectMatchesSchema('Account', account);
  return account;
}

function fieldsOf(account: { fields: Array<{ name: string; value: string; verified_at: string | null }> }) {
  return account.fields.filter((f) => f.name === 'Disclosures' || f.name === 'Competing interests');
}

beforeAll(async () => {
  env = await createTestEnv();
  api = await loadRoundsOpenApi(env);
  bob = await createPersona(env, 'bob');
  dan = await createPersona(env, 'dan');
});

describe('disclosures on the profile', () => {
  it('starts undeclared, with no field', async () => {
    const mine = await ok(env, 'GET', PATH, bob);
    api.expectDocumented('get', PATH, 200, mine);
    expect(mine).toEqual({ declared: false, none: false, text: null, entries: [], updated_at: null });
    const account = await bobSeenBy(dan);
    expect(account.rounds.disclosures).toEqual(mine);
    expect(fieldsOf(account)).toEqual([]);
  });

  it('declares entries and free text, shown on the account everywhere and as a profile field', async () => {
    const declared = await declare(bob, {
      text: 'I chair the society’s sepsis guideline panel & review for <NEJM>.',
      entries: [
        { kind: 'speaker_fees', organisation: 'Novo Nordisk', from_year: 2021, to_year: 2023 },
        { kind: 'equity', organisation: 'Moderna', from_year: '2020' },
        { kind: 'industry_funding', organisation: 'Johnson & Johnson' },
      ],
    });
    expect(declared).toEqual({
      declared: true,
      none: false,
      text: 'I chair the society’s sepsis guideline panel & review for <NEJM>.',
      entries: [
        {
          kind: 'speaker_fees',
          label: 'Speaker fees',
          organisation: 'Novo Nordisk',
          from_year: 2021,
          to_year: 2023,
        },
        { kind: 'equity', label: 'Equity', organisation: 'Moderna', from_year: 2020, to_year: null },
        {
          kind: 'industry_funding',
          label: 'Industry funding',
          organisation: 'Johnson & Johnson',
          from_year: null,
          to_year: null,
        },
      ],
      updated_at: env.clock.now().toISOString(),
    });
    expect(await ok(env, 'GET', PATH, bob)).toEqual(declared);
    for (const viewer of [dan, null]) {
      const account = await bobSeenBy(viewer);
      expect(account.rounds.disclosures).toEqual(declared);
      expect(fieldsOf(account)).toEqual([
        {
          name: 'Disclosures',
          value:
            'Speaker fees: Novo Nordisk (2021–2023); Equity: Moderna (since 2020); Industry funding: Johnson &amp; Johnson. ' +
            'I chair the society’s sepsis guideline panel &amp; review for &lt;NEJM&gt;.',
          verified_at: null,
        },
      ]);
    }
    // Next to every post's author, too (statuses, timelines).
    const status = await post(env, bob, 'Early antibiotics in sepsis: the evidence.');
    expect(status.account.rounds.disclosures.entries).toHaveLength(3);
    const timeline = await ok(env, 'GET', '/api/v1/timelines/public', dan);
    const mine = timeline.find((s: { id: string }) => s.id === status.id);
    expect(fieldsOf(mine.account)).toHaveLength(1);
    const me = await ok(env, 'GET', '/api/v1/accounts/verify_credentials', bob);
    expect(me.rounds.disclosures.declared).toBe(true);
  });

  it('takes form bodies as Mastodon apps send them', async () => {
    const res = await call(env, 'PUT', PATH, {
      token: bob.token,
      form: {
        'entries[0][kind]': 'consulting',
        'entries[0][organisation]': 'Roche',
        'entries[0][from_year]': '2019',
        'entries[0][to_year]': '',
        text: '',
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      none: false,
      text: null,
      entries: [{ kind: 'consulting', organisation: 'Roche', from_year: 2019, to_year: null }],
    });
  });

  it('shows "none declared" only when the member says so, and nothing once withdrawn', async () => {
    const none = await declare(bob, { none: true });
    expect(none).toMatchObject({ declared: true, none: true, text: null, entries: [] });
    expect(fieldsOf(await bobSeenBy(dan))).toEqual([
      { name: 'Competing interests', value: 'None declared', verified_at: null },
    ]);
    const withdrawn = await declare(bob, {});
    expect(withdrawn).toMatchObject({ declared: false, none: false });
    expect(fieldsOf(await bobSeenBy(dan))).toEqual([]);
  });

  it('refuses bad input with a 422 naming the field, keeping what was declared', async () => {
    await declare(bob, { entries: [{ kind: 'advisory_board', organisation: 'Pfizer' }] });
    const cases: Array<[unknown, string, RegExp]> = [
      [
        { none: true, entries: [{ kind: 'equity', organisation: 'Moderna' }] },
        'none',
        /no competing interests and listed some/,
      ],
      [{ none: true, text: 'Some shares' }, 'none', /either none: true or your interests/],
      [
        { entries: [{ kind: 'shares', organisation: 'Moderna' }] },
        'entries.0.kind',
        /must be one of industry_funding/,
      ],
      [{ entries: [{ kind: 'equity' }] }, 'entries.0.organisation', /is required/],
      [{ entries: [{ kind: 'equity', organisation: '  ' }] }, 'entries.0.organisation', /is required/],
      [
        { entries: [{ kind: 'equity', organisation: 'X', from_year: 2022, to_year: 2020 }] },
        'entries.0.to_year',
        /before from_year/,
      ],
      [
        { entries: [{ kind: 'equity', organisation: 'X', from_year: 1800 }] },
        'entries.0.from_year',
        /1950 or later/,
      ],
      [
        { entries: [{ kind: 'equity', organisation: 'X', from_year: 'last year' }] },
        'entries.0.from_year',
        /a year such as 2021/,
      ],
      [
        { entries: Array.from({ length: 21 }, () => ({ kind: 'other', organisation: 'X' })) },
        'entries',
        /at most 20/,
      ],
      [{ text: 'x'.repeat(1001) }, 'text', /at most 1,000 characters/],
      [{ none: 'perhaps' }, 'none', /true or false/],
    ];
    for (const [body, field, message] of cases) {
      const res = await call(env, 'PUT', PATH, { token: bob.token, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.details.field).toBe(field);
      expect(res.body.error.message).toMatch(message);
      expect(res.body.error.message.startsWith(`${field}:`)).toBe(true);
      api.expectDocumented('put', PATH, 422, res.body);
    }
    // Patient identifiers are refused (company names are expected here and pass).
    const phi = await call(env, 'PUT', PATH, {
      token: bob.token,
      body: { text: 'Paid by the family of my patient, MRN 4471-2290, for a second opinion.' },
    });
    expect(phi.status).toBe(422);
    expect(phi.body.error.code).toBe('phi_detected');
    expect(phi.body.error.details.spans[0]).toMatchObject({ field: 'text', type: 'MEDICAL_RECORD_NUMBER' });
    expect((await ok(env, 'GET', PATH, bob)).entries).toEqual([
      {
        kind: 'advisory_board',
        label: 'Advisory board',
        organisation: 'Pfizer',
        from_year: null,
        to_year: null,
      },
    ]);
  });

  it('needs a signed-in member with the right scope', async () => {
    expect((await call(env, 'GET', PATH)).status).toBe(401);
    expect((await call(env, 'PUT', PATH, { body: { none: true } })).status).toBe(401);
    const reader = await createPersona(env, 'reader', { scopes: 'read' });
    const res = await call(env, 'PUT', PATH, { token: reader.token, body: { none: true } });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/write:accounts/);
  });
});

describe('the per-post disclosure flag', () => {
  beforeAll(async () => {
    // A post's disclosure text may name the organisations the member declared on their profile.
    const declared = await call(env, 'PUT', '/api/rounds/v1/disclosures', {
      token: bob.token,
      body: {
        entries: [
          { kind: 'speaker_fees', organisation: 'Novo Nordisk' },
          { kind: 'consulting', organisation: 'Eli Lilly' },
        ],
      },
    });
    expect(declared.status, JSON.stringify(declared.body)).toBe(200);
  });

  it('refuses a name in a post’s disclosure text unless it is a declared organisation', async () => {
    const res = await call(env, 'POST', '/api/rounds/v1/statuses', {
      token: bob.token,
      body: { status: 'Consult notes', disclosure: true, disclosure_text: 'Paid consult re John Smith' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('phi_detected');
  });

  async function roundsPost(body: Record<string, unknown>) {
    const res = await call(env, 'POST', '/api/rounds/v1/statuses', { token: bob.token, body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  function line(content: string): string | null {
    return content.match(/<p class="rounds-disclosure">.*?<\/p>/)?.[0] ?? null;
  }

  it('shows with the post: `rounds.disclosure` and a readable line', async () => {
    const flagged = await roundsPost({
      status: 'Semaglutide cut cardiovascular events by a fifth in SELECT. doi:10.1056/NEJMoa2307563',
      disclosure: true,
      disclosure_text: 'I take speaker fees from Novo Nordisk & sit on its board.',
    });
    api.expectDocumented('post', '/api/rounds/v1/statuses', 200, flagged);
    expect(flagged.rounds.disclosure).toEqual({
      text: 'I take speaker fees from Novo Nordisk & sit on its board.',
    });
    const seen = await ok(env, 'GET', `/api/v1/statuses/${flagged.id}`, dan);
    expect(seen.rounds.disclosure).toEqual(flagged.rounds.disclosure);
    expect(line(seen.content)).toBe(
      '<p class="rounds-disclosure">Disclosure: the author declares a competing interest related to this post: ' +
        'I take speaker fees from Novo Nordisk &amp; sit on its board.</p>',
    );
    // After the evidence line, which stays as it was.
    expect(seen.content).toMatch(
      /<p class="rounds-evidence">References: .*<\/p><p class="rounds-disclosure">/,
    );
    expectMatchesSchema('Status', seen);

    const plain = await roundsPost({
      status: 'GLP-1 agonists and pancreatitis: what we know.',
      disclosure: 'true',
    });
    expect(plain.rounds.disclosure).toEqual({ text: null });
    expect(line(plain.content)).toBe(
      '<p class="rounds-disclosure">Disclosure: the author declares a competing interest related to this post (see the competing interests on their profile)</p>',
    );
    const none = await roundsPost({ status: 'No interests here.', disclosure: false });
    expect(none.rounds.disclosure).toBeNull();
    expect(line(none.content)).toBeNull();
  });

  it('is changed with PUT; an edit that changes it marks the post edited, a Mastodon app’s edit keeps it', async () => {
    const posted = await roundsPost({ status: 'Tirzepatide vs semaglutide.' });
    expect(posted.rounds.disclosure).toBeNull();
    env.clock.advance(60_000);
    const flagged = await ok(env, 'PUT', `/api/rounds/v1/statuses/${posted.id}`, bob, {
      disclosure_text: 'I consult for Eli Lilly.',
    });
    expect(flagged.rounds.disclosure).toEqual({ text: 'I consult for Eli Lilly.' });
    expect(flagged.edited_at).toBe(env.clock.now().toISOString());
    const viaMastodon = await ok(env, 'PUT', `/api/v1/statuses/${posted.id}`, bob, {
      status: 'Tirzepatide vs semaglutide: SURMOUNT-5.',
    });
    expect(viaMastodon.rounds.disclosure).toEqual({ text: 'I consult for Eli Lilly.' });
    expect(line(viaMastodon.content)).toContain('I consult for Eli Lilly.');
    const unchanged = await ok(env, 'PUT', `/api/rounds/v1/statuses/${posted.id}`, bob, {
      disclosure: true,
      disclosure_text: 'I consult for Eli Lilly.',
    });
    expect(unchanged.rounds.disclosure).toEqual({ text: 'I consult for Eli Lilly.' });
    const removed = await ok(env, 'PUT', `/api/rounds/v1/statuses/${posted.id}`, bob, { disclosure: false });
    expect(removed.rounds.disclosure).toBeNull();
    expect(line(removed.content)).toBeNull();
    expect((await ok(env, 'GET', `/api/v1/statuses/${posted.id}`, dan)).rounds.disclosure).toBeNull();
  });

  it('refuses a bad flag with a 422 naming the field, posting nothing', async () => {
    const before = await ok(env, 'GET', `/api/v1/accounts/${bob.account.id}/statuses?limit=1`, bob);
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ disclosure: false, disclosure_text: 'I consult.' }, 'disclosure_text', /needs disclosure: true/],
      [{ disclosure: true, disclosure_text: 'x'.repeat(201) }, 'disclosure_text', /at most 200/],
      [{ disclosure: 'sometimes' }, 'disclosure', /true or false/],
    ];
    for (const [extra, field, message] of cases) {
      const res = await call(env, 'POST', '/api/rounds/v1/statuses', {
        token: bob.token,
        body: { status: 'A claim.', ...extra },
      });
      expect(res.status, JSON.stringify(extra)).toBe(422);
      expect(res.body.error.details.field).toBe(field);
      expect(res.body.error.message).toMatch(message);
    }
    const phi = await call(env, 'POST', '/api/rounds/v1/statuses', {
      token: bob.token,
      body: { status: 'A claim.', disclosure_text: 'My patient, MRN 4471-2290, pays me.' },
    });
    expect(phi.status).toBe(422);
    expect(phi.body.error.code).toBe('phi_detected');
    const after = await ok(env, 'GET', `/api/v1/accounts/${bob.account.id}/statuses?limit=1`, bob);
    expect(after[0].id).toBe(before[0].id);
  });

  it('carries the flag through a scheduled post', async () => {
    const at = new Date(env.clock.now().getTime() + 60 * 60 * 1000).toISOString();
    const scheduled = await roundsPost({
      status: 'Journal club: SELECT trial.',
      disclosure: true,
      disclosure_text: 'Novo Nordisk pays my travel.',
      scheduled_at: at,
    });
    expect(scheduled.scheduled_at).toBe(at);
    env.clock.set(new Date(new Date(at).getTime() + 60_000));
    expect(await publishDueStatuses(env.ctx)).toEqual({ published: 1, failed: 0 });
    await env.ctx.events.idle();
    const [latest] = await ok(env, 'GET', `/api/v1/accounts/${bob.account.id}/statuses?limit=1`, bob);
    expect(latest.rounds.disclosure).toEqual({ text: 'Novo Nordisk pays my travel.' });
  });
});
