import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { mediaAttachments, phiAuditLog } from '../src/db/schema/index.ts';
import { CASES_PATH, publishCase, roundsDocument, stemiCase, storedCounts } from './cases-fixtures.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { png, upload } from './media-fixtures.ts';

const PHI = 'Pt Marguerite Okafor, MRN 4471-2290';

/**
 * What a case refuses, and that a refusal stores nothing: images without a consent attestation
 * or alt text, patient identifiers in any field, and malformed input — each a 4xx whose message
 * names the field, never a 5xx.
 */
describe('clinical case input', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  let documented: Awaited<ReturnType<typeof roundsDocument>>;

  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
    documented = await roundsDocument(env);
  });

  async function image(who: Persona, description?: string): Promise<string> {
    const res = await upload(env, who.token, await png(32, 24), {
      type: 'image/png',
      filename: 'ecg.png',
      ...(description !== undefined ? { description } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.id;
  }

  async function mediaRow(id: string) {
    const [row] = await env.ctx.db.select().from(mediaAttachments).where(eq(mediaAttachments.id, id));
    return row!;
  }

  async function refused(body: Record<string, unknown>, who = alice) {
    const before = await storedCounts(env);
    const res = await call(env, 'POST', CASES_PATH, { token: who.token, body });
    expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await storedCounts(env)).toEqual(before);
    return res;
  }

  it('needs a consent attestation for images, says what to attest, and records it with the case', async () => {
    const id = await image(alice, '12-lead ECG with ST elevation in V1 to V4');
    const res = await refused(stemiCase({ media_ids: [id], poll: undefined }));
    expect(res.status).toBe(422);
    expect(res.body.error.details.field).toBe('consent');
    expect(res.body.error.message).toContain('patient_consent_obtained');
    expect(res.body.error.message).toContain('no_identifiable_features');
    expect((await mediaRow(id)).statusId).toBeNull();

    const bad = await refused(stemiCase({ media_ids: [id], consent: 'verbal_ok' }));
    expect(bad.body.error.message).toMatch(/^consent: must be one of patient_consent_obtained/);

    const c = await publishCase(env, alice, { media_ids: [id], consent: 'no_identifiable_features' });
    documented('post', CASES_PATH, 200, c);
    expect(c.consent).toEqual({
      type: 'no_identifiable_features',
      attested_by: alice.account.id,
      attested_at: env.clock.now().toISOString(),
    });
    expect(c.status.media_attachments.map((m: { id: string }) => m.id)).toEqual([id]);
    expect(c.status.media_attachments[0].description).toBe('12-lead ECG with ST elevation in V1 to V4');
    // A Mastodon post has media or a poll: the differential rides on a self-reply.
    expect(c.status.poll).toBeNull();
    expect(c.poll_status.in_reply_to_id).toBe(c.status.id);
    expect(c.poll_status.poll.options).toHaveLength(3);
    expect(c.poll_status.content).toContain('Differential for');
    expect(c.poll_status.rounds.learning).toEqual([{ type: 'case', id: c.id, bloom_level: 'analyze' }]);
    // The attestation shows to readers too.
    expect((await call(env, 'GET', `${CASES_PATH}/${c.id}`, { token: bob.token })).body.consent.type).toBe(
      'no_identifiable_features',
    );
  });

  it('needs alt text on every image, taken from the upload or given with the case', async () => {
    const bare = await image(alice);
    const res = await refused(stemiCase({ media_ids: [bare], consent: 'patient_consent_obtained' }));
    expect(res.status).toBe(422);
    expect(res.body.error.details.field).toBe('media_ids.0');
    expect(res.body.error.message).toContain('alt text');
    const noDescription = await refused(
      stemiCase({ media: [{ id: bare }], consent: 'patient_consent_obtained' }),
    );
    expect(noDescription.body.error.details.field).toBe('media.0.description');

    const c = await publishCase(env, alice, {
      media: [{ id: bare, description: 'Chest X-ray: widened mediastinum' }],
      consent: 'patient_consent_obtained',
      poll: undefined,
    });
    expect(c.status.media_attachments[0].description).toBe('Chest X-ray: widened mediastinum');
    expect(c.poll_status).toBeNull();

    const elses = await image(bob, 'Not yours');
    const theirs = await refused(stemiCase({ media_ids: [elses], consent: 'patient_consent_obtained' }));
    expect(theirs.body.error.message).toMatch(/^media_ids\.0: media \d+ was not found among your uploads/);
    const used = await refused(stemiCase({ media_ids: [bare], consent: 'patient_consent_obtained' }));
    expect(used.body.error.message).toContain('already attached to another post');
    const both = await refused(
      stemiCase({ media_ids: [bare], media: [{ id: bare }], consent: 'patient_consent_obtained' }),
    );
    expect(both.body.error.details.field).toBe('media');
  });

  it('refuses patient identifiers in every field, naming the field, and stores nothing', async () => {
    const description = await image(alice, 'Plain ECG');
    const withPhi: Array<[string, Record<string, unknown>]> = [
      ['title', { title: PHI }],
      ['history', { history: `History: ${PHI} had chest pain.` }],
      ['examination', { examination: `${PHI}, diaphoretic` }],
      [
        'investigations',
        { investigations: `Troponin drawn at St Mary's Hospital in Springfield on 03/14/2026` },
      ],
      ['question', { question: `What does ${PHI} have?` }],
      ['poll.options.1', { poll: { options: ['Anterior STEMI', 'MRN 4471-2290'], expires_in: 3600 } }],
      [
        'media.0.description',
        {
          media: [{ id: description, description: `ECG of ${PHI}` }],
          consent: 'patient_consent_obtained',
          poll: undefined,
        },
      ],
      ['answer', { answer: `STEMI in ${PHI}` }],
      ['teaching_points.1', { teaching_points: ['Reciprocal change matters', `Call her at 555-867-5309`] }],
    ];
    const audits = async () => Number((await env.ctx.db.select({ n: count() }).from(phiAuditLog))[0]!.n);
    const auditsBefore = await audits();
    for (const [field, overrides] of withPhi) {
      const res = await refused(stemiCase(overrides));
      expect(res.status, field).toBe(422);
      expect(res.body.error.code).toBe('phi_detected');
      expect(res.body.error.details.spans.map((s: { field: string }) => s.field)).toContain(field);
      expect(res.body.error.message, field).toContain(`Found in ${field}`);
      expect(res.body.error.message).toContain('Possible patient identifiers');
    }
    expect((await mediaRow(description)).description).toBe('Plain ECG');
    expect(await audits()).toBe(auditsBefore);

    // At the reveal and the outcome: the answer, the teaching points and the outcome.
    const c = await publishCase(env, alice, { answer: undefined, teaching_points: undefined });
    for (const [field, body] of [
      ['answer', { answer: `STEMI in ${PHI}` }],
      ['teaching_points.0', { answer: 'STEMI', teaching_points: [`Seen by Dr Smith on 03/14/2026`] }],
    ] as const) {
      const before = await storedCounts(env);
      const res = await call(env, 'POST', `${CASES_PATH}/${c.id}/reveal`, { token: alice.token, body });
      expect(res.status, field).toBe(422);
      expect(res.body.error.details.spans[0].field).toBe(field);
      expect(await storedCounts(env)).toEqual(before);
    }
    expect((await call(env, 'GET', `${CASES_PATH}/${c.id}`, { token: alice.token })).body.revealed).toBe(
      false,
    );
    const revealed = await call(env, 'POST', `${CASES_PATH}/${c.id}/reveal`, {
      token: alice.token,
      body: { answer: 'Anterior STEMI' },
    });
    expect(revealed.status).toBe(200);
    const before = await storedCounts(env);
    const outcome = await call(env, 'POST', `${CASES_PATH}/${c.id}/outcome`, {
      token: alice.token,
      body: { outcome: `${PHI} went home on day 3` },
    });
    expect(outcome.status).toBe(422);
    expect(outcome.body.error.message).toContain('Found in outcome');
    expect(await storedCounts(env)).toEqual(before);
    expect((await call(env, 'GET', `${CASES_PATH}/${c.id}`, { token: alice.token })).body.outcome).toBeNull();
  });

  it('answers bad input with a 4xx whose message names the field', async () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [stemiCase({ bloom_level: undefined }), 'bloom_level', /^bloom_level: must be one of remember/],
      [stemiCase({ bloom_level: 'memorise' }), 'bloom_level', /^bloom_level: must be one of/],
      [stemiCase({ title: '' }), 'title', /^title: is required/],
      [stemiCase({ title: '   ' }), 'title', /^title: is required/],
      [stemiCase({ history: undefined }), 'history', /^history: is required/],
      [stemiCase({ history: 'x'.repeat(2001) }), 'history', /^history: is too long \(at most 2,000/],
      [stemiCase({ question: undefined }), 'question', /^question: is required/],
      [stemiCase({ examination: 42 }), 'examination', /^examination: must be text/],
      [
        stemiCase({ poll: { options: ['Only one'], expires_in: 3600 } }),
        'poll.options',
        /^poll\.options: a poll needs at least 2/,
      ],
      [
        stemiCase({ poll: { options: ['A', 'B', 'C', 'D', 'E'], expires_in: 3600 } }),
        'poll.options',
        /^poll\.options: a poll can have at most 4 options/,
      ],
      [
        stemiCase({ poll: { options: ['A', 'B'], expires_in: 10 } }),
        'poll.expires_in',
        /^poll\.expires_in: a poll must run for at least/,
      ],
      [
        stemiCase({ poll: { options: ['A', 'B'] } }),
        'poll.expires_in',
        /^poll\.expires_in: must be a number of seconds/,
      ],
      [stemiCase({ visibility: 'direct' }), 'visibility', /^visibility: must be public, unlisted or private/],
      [stemiCase({ tags: ['two words'] }), 'tags.0', /^tags\.0: must be a hashtag/],
      [stemiCase({ tags: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }), 'tags', /^tags: at most 6 hashtags/],
      [stemiCase({ reveal_at: 'tomorrow' }), 'reveal_at', /^reveal_at: must be an ISO 8601 date and time/],
      [
        stemiCase({ reveal_at: '2030-01-01T00:00:00Z' }),
        'reveal_at',
        /^reveal_at: can be at most a year ahead/,
      ],
      [
        stemiCase({ teaching_points: Array.from({ length: 11 }, (_, i) => `Point ${i}`) }),
        'teaching_points',
        /^teaching_points: at most 10 teaching points/,
      ],
      [
        stemiCase({ teaching_points: ['x'.repeat(301)] }),
        'teaching_points.0',
        /^teaching_points\.0: is too long/,
      ],
      [stemiCase({ answer: 'x'.repeat(1001) }), 'answer', /^answer: is too long/],
      [
        stemiCase({ media_ids: ['not-an-id'], consent: 'patient_consent_obtained' }),
        'media_ids.0',
        /^media_ids\.0: media not-an-id was not found/,
      ],
      [stemiCase({ language: 'klingon' }), 'language', /^language: must be an ISO 639-1/],
    ];
    for (const [body, field, message] of cases) {
      const res = await refused(body);
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(422);
      expect(res.body.error.details.field, JSON.stringify(res.body)).toBe(field);
      expect(res.body.error.message).toMatch(message);
    }

    // Form-encoded bodies as Mastodon apps send them work too.
    const form = await call(env, 'POST', CASES_PATH, {
      token: alice.token,
      form: {
        title: 'A form-encoded case',
        history: 'Fever and a new murmur after dental work.',
        question: 'Which organism is most likely?',
        'tags[]': 'infectiousdiseases',
        bloom_level: 'apply',
        'poll[options][]': 'Viridans streptococci',
        'poll[expires_in]': '3600',
      },
    });
    expect(form.status, JSON.stringify(form.body)).toBe(422); // a poll needs two options
    expect(form.body.error.details.field).toBe('poll.options');

    // Auth, unknown ids, malformed ids.
    expect((await call(env, 'POST', CASES_PATH, { body: stemiCase() })).status).toBe(401);
    const readOnly = await createPersona(env, 'erin', { scopes: 'read' });
    expect((await call(env, 'POST', CASES_PATH, { token: readOnly.token, body: stemiCase() })).status).toBe(
      403,
    );
    expect((await call(env, 'GET', `${CASES_PATH}/123456789`)).status).toBe(404);
    const malformed = await call(env, 'GET', `${CASES_PATH}/abc`);
    expect(malformed.status).toBe(422);
    expect(malformed.body.error.message).toMatch(/must be a numeric id/);
    const c = await publishCase(env, alice);
    const noStatus = await call(env, 'PUT', `${CASES_PATH}/${c.id}/accepted_answer`, {
      token: alice.token,
      body: {},
    });
    expect(noStatus.status).toBe(422);
    expect(noStatus.body.error.details.field).toBe('status_id');
    const emptyOutcome = await call(env, 'POST', `${CASES_PATH}/${c.id}/outcome`, {
      token: alice.token,
      body: {},
    });
    expect(emptyOutcome.status).toBe(422);
    expect(emptyOutcome.body.error.message).toMatch(/^outcome: is required/);
    const longAnswer = await call(env, 'POST', `${CASES_PATH}/${c.id}/reveal`, {
      token: alice.token,
      body: { answer: 'x'.repeat(1001) },
    });
    expect(longAnswer.status).toBe(422);
    expect(longAnswer.body.error.details.field).toBe('answer');
    const notJson = await env.app.request(`https://rounds.test${CASES_PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
      body: '{"title": ',
    });
    expect(notJson.status).toBeGreaterThanOrEqual(400);
    expect(notJson.status).toBeLessThan(500);
  });

  it('takes a form-encoded case with lists as Mastodon apps send them', async () => {
    const res = await call(env, 'POST', CASES_PATH, {
      token: alice.token,
      form: {
        title: 'A form-encoded case',
        history: 'Fever and a new murmur after dental work.',
        question: 'Which organism is most likely?',
        'tags[0]': 'infectiousdiseases',
        'tags[1]': 'cardiology',
        bloom_level: 'apply',
        visibility: 'unlisted',
        answer: 'Viridans streptococci',
        'teaching_points[0]': 'Take three sets of blood cultures before antibiotics',
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      tags: ['infectiousdiseases', 'cardiology'],
      bloom_level: 'apply',
      visibility: 'unlisted',
      teaching_points: ['Take three sets of blood cultures before antibiotics'],
    });
  });
});
