import { beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedMember, createVerifier, ok, post } from './corrections-fixtures.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { expectMatchesSchema } from './openapi.ts';
import { loadRoundsOpenApi } from './rounds-openapi.ts';

/**
 * Peer correction notes (issue 7): verified members write notes with sources on other people's
 * posts and rate them; a note raters of two specialties found helpful shows on the post, on every
 * reblog and on quotes of it, and its author hears about it.
 */

const RECOVERY = '10.1056/nejmoa2021436';
const NOTE =
  'Dexamethasone lowered 28-day mortality only in patients on oxygen or ventilation; it did not help those without oxygen.';

let env: TestEnv;
let api: Awaited<ReturnType<typeof loadRoundsOpenApi>>;
let alice: Persona; // the post's author, not verified
let dan: Persona; // a student without a verified credential
let mo: Persona; // moderator
let bob: Persona; // emergency medicine: writes the note
let erin: Persona; // emergency medicine
let gina: Persona; // emergency medicine
let frank: Persona; // a pharmacist with no specialty: counts as "pharmacist"
let carol: Persona; // critical care nursing
let hank: Persona; // infectious diseases

const notesPath = (statusId: string) => `/api/rounds/v1/statuses/${statusId}/corrections`;

async function write(who: Persona, statusId: string, body: Record<string, unknown>) {
  const res = await call(env, 'POST', notesPath(statusId), { token: who.token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  api.expectDocumented('post', '/api/rounds/v1/statuses/{id}/corrections', 200, res.body);
  return res.body;
}

async function rate(who: Persona, noteId: string, helpful: boolean) {
  const res = await call(env, 'POST', `/api/rounds/v1/corrections/${noteId}/rating`, {
    token: who.token,
    body: { helpful },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  api.expectDocumented('post', '/api/rounds/v1/corrections/{id}/rating', 200, res.body);
  return res.body;
}

async function list(who: Persona | null, statusId: string) {
  const body = await ok(env, 'GET', notesPath(statusId), who);
  api.expectDocumented('get', '/api/rounds/v1/statuses/{id}/corrections', 200, body);
  return body as Array<Record<string, any>>;
}

async function read(who: Persona | null, statusId: string) {
  return ok(env, 'GET', `/api/v1/statuses/${statusId}`, who);
}

function correctionLine(content: string): string | null {
  return content.match(/<p class="rounds-correction">.*?<\/p>/)?.[0] ?? null;
}

beforeAll(async () => {
  env = await createTestEnv();
  api = await loadRoundsOpenApi(env);
  const vera = await createVerifier(env);
  alice = await createPersona(env, 'alice');
  dan = await createPersona(env, 'dan');
  mo = await createPersona(env, 'mo');
  bob = await createVerifiedMember(env, vera, 'bob', 'emergency_medicine');
  erin = await createVerifiedMember(env, vera, 'erin', 'emergency_medicine');
  gina = await createVerifiedMember(env, vera, 'gina', 'emergency_medicine');
  frank = await createVerifiedMember(env, vera, 'frank', null, 'pharmacist');
  carol = await createVerifiedMember(env, vera, 'carol', 'critical_care_nursing', 'nurse');
  hank = await createVerifiedMember(env, vera, 'hank', 'infectious_diseases');
});

describe('correction notes: the life cycle and the show rule', () => {
  let statusId: string;
  let noteId: string;

  it('a verified member writes a note with sources; until it is shown only members who rate see it', async () => {
    statusId = (await post(env, alice, 'Dexamethasone helps every COVID-19 patient, oxygen or not.')).id;
    const note = await write(bob, statusId, {
      text: NOTE,
      sources: [{ doi: `https://doi.org/${RECOVERY.toUpperCase()}` }, 'PMID: 32678530'],
    });
    noteId = note.id;
    expect(note).toMatchObject({
      status_id: statusId,
      text: NOTE,
      sources: [
        { type: 'doi', value: RECOVERY, url: `https://doi.org/${RECOVERY}` },
        { type: 'pmid', value: '32678530', url: 'https://pubmed.ncbi.nlm.nih.gov/32678530/' },
      ],
      helpful_count: 0,
      not_helpful_count: 0,
      specialties: [],
      shown: false,
      mine: true,
      my_rating: null,
      post_edited_since: false,
    });
    // Not shown yet: nothing on the post, and only verified members (and the post's author) see it.
    const seen = await read(dan, statusId);
    expect(seen.rounds.correction).toBeNull();
    expect(correctionLine(seen.content)).toBeNull();
    expect(await list(null, statusId)).toEqual([]);
    expect(await list(dan, statusId)).toEqual([]);
    expect((await list(erin, statusId)).map((n) => [n.id, n.mine, n.shown])).toEqual([
      [noteId, false, false],
    ]);
    expect((await list(alice, statusId)).map((n) => n.id)).toEqual([noteId]);
  });

  it('two raters of one specialty are not enough; a second specialty shows it', async () => {
    expect((await rate(erin, noteId, true)).shown).toBe(false);
    const two = await rate(gina, noteId, true);
    expect(two).toMatchObject({ helpful_count: 2, specialties: ['emergency_medicine'], shown: false });
    expect((await read(dan, statusId)).rounds.correction).toBeNull();

    const shown = await rate(frank, noteId, true);
    expect(shown).toMatchObject({
      helpful_count: 3,
      specialties: ['emergency_medicine', 'pharmacist'],
      shown: true,
      my_rating: 'helpful',
    });
    const seen = await read(dan, statusId);
    expectMatchesSchema('Status', seen);
    expect(seen.rounds.correction).toEqual({
      id: noteId,
      text: NOTE,
      sources: [
        { type: 'doi', value: RECOVERY, url: `https://doi.org/${RECOVERY}` },
        { type: 'pmid', value: '32678530', url: 'https://pubmed.ncbi.nlm.nih.gov/32678530/' },
      ],
      helpful_count: 3,
      specialties: ['emergency_medicine', 'pharmacist'],
    });
    expect(correctionLine(seen.content)).toBe(
      `<p class="rounds-correction">Correction note: ${NOTE} — Sources: ` +
        `<a href="https://doi.org/${RECOVERY}" target="_blank" rel="nofollow noopener noreferrer" translate="no">doi:${RECOVERY}</a> · ` +
        '<a href="https://pubmed.ncbi.nlm.nih.gov/32678530/" target="_blank" rel="nofollow noopener noreferrer" translate="no">PMID 32678530</a>' +
        ' (rated helpful by verified members in Emergency medicine and Pharmacist)</p>',
    );
    // Now everyone who may see the post sees the shown note listed, too.
    expect((await list(null, statusId)).map((n) => [n.id, n.shown])).toEqual([[noteId, true]]);
  });

  it('hides it again when not-helpful ratings catch up, and shows it when a rater changes their mind', async () => {
    await rate(carol, noteId, false);
    await rate(hank, noteId, false);
    const tied = await rate(erin, noteId, false);
    expect(tied).toMatchObject({
      helpful_count: 2,
      not_helpful_count: 3,
      shown: false,
      my_rating: 'not_helpful',
    });
    expect((await read(dan, statusId)).rounds.correction).toBeNull();
    const back = await rate(erin, noteId, true);
    expect(back).toMatchObject({ helpful_count: 3, not_helpful_count: 2, shown: true });
    await rate(carol, noteId, true);
    const seen = await read(dan, statusId);
    expect(seen.rounds.correction).toMatchObject({
      helpful_count: 4,
      specialties: ['critical_care_nursing', 'emergency_medicine', 'pharmacist'],
    });
    const untaken = await call(env, 'DELETE', `/api/rounds/v1/corrections/${noteId}/rating`, {
      token: carol.token,
    });
    expect(untaken.status).toBe(200);
    expect(untaken.body).toMatchObject({ helpful_count: 3, my_rating: null, shown: true });
  });

  it('tells the post’s author once, in a notification only Rounds clients ask for', async () => {
    await env.ctx.events.idle();
    const mastodon = await ok(env, 'GET', '/api/v1/notifications', alice);
    expect(mastodon.map((n: { type: string }) => n.type)).not.toContain('correction_note');
    const grouped = await ok(env, 'GET', '/api/v2/notifications', alice);
    expect(grouped.notification_groups.map((g: { type: string }) => g.type)).not.toContain('correction_note');
    const rounds = await ok(env, 'GET', '/api/v1/notifications?types[]=correction_note', alice);
    expect(rounds).toHaveLength(1);
    expect(rounds[0]).toMatchObject({ type: 'correction_note', account: { id: alice.account.id } });
    expect(rounds[0].status.id).toBe(statusId);
    expect(rounds[0].status.rounds.correction.id).toBe(noteId);
  });

  it('the author may edit the post; the note says so and stays', async () => {
    env.clock.advance(60_000);
    await ok(env, 'PUT', `/api/v1/statuses/${statusId}`, alice, {
      status: 'Dexamethasone helps COVID-19 patients who need oxygen.',
    });
    const [note] = await list(erin, statusId);
    expect(note).toMatchObject({ id: noteId, shown: true, post_edited_since: true });
    expect((await read(dan, statusId)).rounds.correction.id).toBe(noteId);
  });
});

describe('a shown note travels with the post', () => {
  let statusId: string;
  let noteId: string;

  beforeAll(async () => {
    statusId = (await post(env, alice, 'Tranexamic acid is useless in GI bleeding, and safe.')).id;
    noteId = (
      await write(hank, statusId, {
        text: 'HALT-IT found no mortality benefit but more venous thromboembolic events: doi:10.1016/S0140-6736(20)30848-5',
      })
    ).id;
    await rate(bob, noteId, true);
    await rate(carol, noteId, true);
  });

  it('on every reblog: the reblog carries it and apps show it in the reblogged content', async () => {
    const reblog = await ok(env, 'POST', `/api/v1/statuses/${statusId}/reblog`, dan);
    expect(reblog.content).toBe('');
    expect(reblog.rounds.correction.id).toBe(noteId);
    expect(reblog.reblog.rounds.correction.id).toBe(noteId);
    expect(correctionLine(reblog.reblog.content)).toContain('HALT-IT found no mortality benefit');
    expect(correctionLine(reblog.reblog.content)).toContain('doi:10.1016/s0140-6736(20)30848-5');
    expectMatchesSchema('Status', reblog);
    // On a follower's home timeline, where the reblog arrives.
    await ok(env, 'POST', `/api/v1/accounts/${dan.account.id}/follow`, gina);
    const home = await ok(env, 'GET', '/api/v1/timelines/home', gina);
    const item = home.find((s: { id: string }) => s.id === reblog.id);
    expect(item.rounds.correction.id).toBe(noteId);
    expect(correctionLine(item.reblog.content)).toContain('HALT-IT');
    // On the reblogger's profile.
    const profile = await ok(env, 'GET', `/api/v1/accounts/${dan.account.id}/statuses`, null);
    expect(profile.find((s: { id: string }) => s.id === reblog.id).reblog.rounds.correction.id).toBe(noteId);
  });

  it('on quotes: the quoted post carries it, and older apps read it in the quoting post', async () => {
    const quote = await post(env, dan, 'Worth reading before the next GI bleed.', {
      quoted_status_id: statusId,
    });
    expect(quote.rounds.correction).toBeNull();
    expect(quote.quote.quoted_status.rounds.correction.id).toBe(noteId);
    expect(correctionLine(quote.quote.quoted_status.content)).toContain('HALT-IT');
    expect(quote.content).toContain(
      '<p class="quote-inline rounds-correction">Correction note on the quoted post: HALT-IT found',
    );
    expectMatchesSchema('Status', quote);
  });

  it('deleting the note takes it off the post and its reblogs', async () => {
    const stranger = await call(env, 'DELETE', `/api/rounds/v1/corrections/${noteId}`, { token: erin.token });
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.message).toMatch(/wrote this note, or a moderator/);
    await ok(env, 'DELETE', `/api/rounds/v1/corrections/${noteId}`, mo);
    const seen = await read(dan, statusId);
    expect(seen.rounds.correction).toBeNull();
    expect(correctionLine(seen.content)).toBeNull();
    expect(await list(erin, statusId)).toEqual([]);
  });
});

describe('editing a note', () => {
  it('clears its ratings: raters rated the old words', async () => {
    const statusId = (await post(env, alice, 'Aspirin for every adult over 70, as primary prevention.')).id;
    const note = await write(erin, statusId, {
      text: 'ASPREE: no benefit in healthy older adults and more major bleeding. PMID: 30221596',
    });
    expect(note.sources).toEqual([
      { type: 'pmid', value: '30221596', url: 'https://pubmed.ncbi.nlm.nih.gov/30221596/' },
    ]);
    await rate(bob, note.id, true);
    await rate(frank, note.id, true);
    expect((await read(null, statusId)).rounds.correction.id).toBe(note.id);

    const notMine = await call(env, 'PUT', `/api/rounds/v1/corrections/${note.id}`, {
      token: bob.token,
      body: { text: 'Mine now', sources: ['PMID: 1'] },
    });
    expect(notMine.status).toBe(403);
    const edited = await call(env, 'PUT', `/api/rounds/v1/corrections/${note.id}`, {
      token: erin.token,
      body: { text: 'ASPREE (2018): no benefit, more major haemorrhage.', sources: ['PMID: 30221596'] },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    api.expectDocumented('put', '/api/rounds/v1/corrections/{id}', 200, edited.body);
    expect(edited.body).toMatchObject({
      helpful_count: 0,
      shown: false,
      text: 'ASPREE (2018): no benefit, more major haemorrhage.',
    });
    expect((await read(null, statusId)).rounds.correction).toBeNull();
  });
});

describe('who sees notes: visibility is law', () => {
  it('a note on a followers-only post is as visible as the post', async () => {
    const secret = (
      await post(env, alice, 'Followers only: vitamin C cures sepsis.', { visibility: 'private' })
    ).id;
    // Not a follower: the post, its notes and writing one are all "not found".
    const blind = await call(env, 'POST', notesPath(secret), {
      token: bob.token,
      body: { text: 'VICTAS and LOVIT found no benefit.', sources: ['PMID: 35704292'] },
    });
    expect(blind.status).toBe(404);
    expect((await call(env, 'GET', notesPath(secret), { token: bob.token })).status).toBe(404);

    for (const who of [carol, hank, frank]) {
      await ok(env, 'POST', `/api/v1/accounts/${alice.account.id}/follow`, who);
    }
    const note = await write(carol, secret, {
      text: 'LOVIT (2022): higher risk of death or organ dysfunction.',
      sources: ['PMID: 35704292'],
    });
    await rate(hank, note.id, true);
    await rate(frank, note.id, true);
    expect((await read(hank, secret)).rounds.correction.id).toBe(note.id);
    // Still invisible to those who may not see the post, however they ask.
    expect((await call(env, 'GET', notesPath(secret), { token: bob.token })).status).toBe(404);
    expect((await call(env, 'GET', notesPath(secret))).status).toBe(404);
    const rating = await call(env, 'POST', `/api/rounds/v1/corrections/${note.id}/rating`, {
      token: bob.token,
      body: { helpful: true },
    });
    expect(rating.status).toBe(404);
    const timeline = await ok(env, 'GET', `/api/v1/accounts/${alice.account.id}/statuses`, bob);
    expect(timeline.map((s: { id: string }) => s.id)).not.toContain(secret);
  });
});

describe('bad input: a 4xx a person can act on, never a 5xx', () => {
  let statusId: string;
  let noteId: string;

  beforeAll(async () => {
    statusId = (await post(env, alice, 'Steroids shorten every viral illness.')).id;
    noteId = (await write(gina, statusId, { text: 'Not in RSV bronchiolitis.', sources: ['PMID: 19458362'] }))
      .id;
  });

  async function expectError(
    who: Persona | null,
    method: string,
    path: string,
    body: unknown,
    status: number,
    message: RegExp,
  ) {
    const res = await call(env, method, path, { token: who?.token, body });
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error.message).toMatch(message);
    return res.body.error;
  }

  it('a rating by an unverified account is a 403 saying how to get verified', async () => {
    const error = await expectError(
      dan,
      'POST',
      `/api/rounds/v1/corrections/${noteId}/rating`,
      { helpful: true },
      403,
      /verified credential can rate correction notes.*POST \/api\/rounds\/v1\/credentials/,
    );
    expect(error.code).toBe('forbidden');
    api.expectDocumented('post', '/api/rounds/v1/corrections/{id}/rating', 403, { error });
    expect((await list(erin, statusId))[0]?.helpful_count).toBe(0);
  });

  it('a correction note with no source is a 422 naming `sources`', async () => {
    const error = await expectError(
      bob,
      'POST',
      notesPath(statusId),
      { text: 'This is simply wrong; every paediatrician knows it.' },
      422,
      /^sources: a correction note needs at least one source/,
    );
    expect(error.details.field).toBe('sources');
    api.expectDocumented('post', '/api/rounds/v1/statuses/{id}/corrections', 422, { error });
    await expectError(bob, 'POST', notesPath(statusId), { text: 'Wrong.', sources: [] }, 422, /^sources:/);
  });

  it('refuses what a note may not be, each with a message', async () => {
    const cases: Array<[Persona, unknown, number, RegExp]> = [
      [dan, { text: 'Wrong.', sources: ['PMID: 1'] }, 403, /verified credential can write correction notes/],
      [alice, { text: 'Wrong.', sources: ['PMID: 1'] }, 403, /verified credential/],
      [
        gina,
        { text: 'Again.', sources: ['PMID: 1'] },
        409,
        /already wrote a correction note on this post; edit it/,
      ],
      [bob, { sources: ['PMID: 1'] }, 422, /^text: is required/],
      [bob, { text: '   ', sources: ['PMID: 1'] }, 422, /^text: is required/],
      [bob, { text: 'x'.repeat(1001), sources: ['PMID: 1'] }, 422, /^text: is too long \(at most 1,000/],
      [bob, { text: 'Wrong.', sources: ['the Lancet one'] }, 422, /^sources\.0: is not a source/],
      [bob, { text: 'Wrong.', sources: [{ doi: 'NEJM' }] }, 422, /^sources\.0\.doi: is not a DOI/],
      [
        bob,
        { text: 'Wrong.', sources: [{ url: 'ftp://x.org/a.pdf' }] },
        422,
        /^sources\.0\.url: is not a web address/,
      ],
      [
        bob,
        { text: 'Wrong.', sources: Array.from({ length: 11 }, (_, i) => `PMID: ${i + 1}`) },
        422,
        /^sources: at most 10/,
      ],
      [bob, { text: 'Wrong.', sources: 'PMID: 1' }, 422, /^sources: must be a list/],
      [
        bob,
        { text: 'My patient Marguerite Okafor, MRN 4471-2290, got worse on it.', sources: ['PMID: 1'] },
        422,
        /MRN|medical record/i,
      ],
    ];
    for (const [who, body, status, message] of cases) {
      await expectError(who, 'POST', notesPath(statusId), body, status, message);
    }
    const own = (await post(env, bob, 'My own claim, doi:10.1000/xyz123')).id;
    await expectError(
      bob,
      'POST',
      notesPath(own),
      { text: 'Wrong.', sources: ['PMID: 1'] },
      403,
      /own post: edit the post, or reply/,
    );
    await expectError(
      bob,
      'POST',
      notesPath('999999999999'),
      { text: 'Wrong.', sources: ['PMID: 1'] },
      404,
      /not found/i,
    );
    await expectError(
      bob,
      'POST',
      notesPath('not-an-id'),
      { text: 'Wrong.', sources: ['PMID: 1'] },
      422,
      /^id:/,
    );
    await expectError(
      null,
      'POST',
      notesPath(statusId),
      { text: 'Wrong.', sources: ['PMID: 1'] },
      401,
      /token/i,
    );
    // Nothing of that was stored.
    expect((await list(erin, statusId)).map((n) => n.id)).toEqual([noteId]);
  });

  it('refuses ratings that are not for the caller to give', async () => {
    const path = `/api/rounds/v1/corrections/${noteId}/rating`;
    await expectError(gina, 'POST', path, { helpful: true }, 403, /cannot rate your own correction note/);
    await expectError(bob, 'POST', path, {}, 422, /^helpful: must be true or false/);
    await expectError(bob, 'POST', path, { helpful: 'maybe' }, 422, /^helpful: must be true or false/);
    await expectError(
      bob,
      'POST',
      '/api/rounds/v1/corrections/123456789/rating',
      { helpful: true },
      404,
      /No such correction note/,
    );
    // A verified author may not rate notes on their own post.
    const bobs = (await post(env, bob, 'Ketamine is contraindicated in head injury.')).id;
    const note = await write(hank, bobs, {
      text: 'Not supported by current evidence.',
      sources: ['PMID: 24513446'],
    });
    await expectError(
      bob,
      'POST',
      `/api/rounds/v1/corrections/${note.id}/rating`,
      { helpful: false },
      403,
      /notes on your own post/,
    );
    // A credential past its valid-until no longer counts, even before the expiry sweep runs.
    env.clock.set(new Date('2027-07-01T00:00:00Z'));
    try {
      await expectError(
        erin,
        'POST',
        `/api/rounds/v1/corrections/${note.id}/rating`,
        { helpful: true },
        403,
        /verified credential/,
      );
    } finally {
      env.clock.set(new Date('2026-11-23T10:00:00Z'));
    }
  });
});
