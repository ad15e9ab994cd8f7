import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { learningRecordEntries, statusLearning } from '../src/db/schema/index.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { loadRoundsOpenApi } from './rounds-openapi.ts';
import { follow, mute } from './statuses-fixtures.ts';
import { plain, publish, storedCounts, TWEETORIALS, tweetorialBody } from './tweetorials-fixtures.ts';

/**
 * Tweetorials through the Rounds API: publishing a numbered self-reply thread, the reading view,
 * versions, completion into the learning record, deletion, lists, and every refusal (bad input,
 * PHI in any field) storing nothing.
 */
describe('tweetorials', () => {
  let env: TestEnv;
  let alice: Persona; // the author, a resident
  let bob: Persona; // follows alice
  let dan: Persona; // a student, the learner

  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
    dan = await createPersona(env, 'dan');
    await follow(env, bob, alice);
  });

  async function entriesOf(who: Persona, tweetorialId: string) {
    return env.ctx.db
      .select()
      .from(learningRecordEntries)
      .where(
        and(
          eq(learningRecordEntries.accountId, who.account.id),
          eq(learningRecordEntries.objectId, tweetorialId),
        ),
      );
  }

  describe('publishing', () => {
    let t: any;
    beforeAll(async () => {
      t = await publish(env, alice, {
        parts: [
          { text: 'Sepsis is organ dysfunction from a dysregulated response to infection.' },
          { text: 'Measure lactate; @dan remeasure if above 2 mmol/L.' },
          { text: 'Give 30 mL/kg crystalloid for hypotension or lactate of 4 or more.' },
        ],
        audience: ['residents', 'students', 'residents'],
      });
      await env.ctx.events.idle();
    });

    it('posts a self-reply thread numbered 1/3 … 3/3, the title and hashtags on part 1', async () => {
      expect(t).toMatchObject({
        version: 1,
        title: 'Sepsis: the first hour',
        objectives: ['Recognise septic shock at the bedside', 'Start the hour-1 bundle'],
        audience: ['residents', 'students'],
        bloom_level: 'apply',
        tags: ['sepsis', 'EmergencyMedicine'],
        language: 'en',
        visibility: 'public',
        evidence_level: 'rct',
        parts_count: 3,
        edited_at: null,
        completion: null,
      });
      expect(t.account.id).toBe(alice.account.id);
      const [p1, p2, p3] = t.parts;
      expect(plain(p1.content)).toBe(
        '1/3 Sepsis: the first hour\n\nSepsis is organ dysfunction from a dysregulated response to infection.\n\n#sepsis #EmergencyMedicine',
      );
      expect(plain(p2.content)).toBe('2/3 Measure lactate; @dan remeasure if above 2 mmol/L.');
      expect(plain(p3.content)).toMatch(/^3\/3 Give 30 mL\/kg/);
      expect(p1.in_reply_to_id).toBeNull();
      expect(p2.in_reply_to_id).toBe(p1.id);
      expect(p3.in_reply_to_id).toBe(p2.id);
      expect(p1.tags.map((x: any) => x.name).sort()).toEqual(['emergencymedicine', 'sepsis']);
      expect(t.parts.every((p: any) => p.language === 'en' && p.visibility === 'public')).toBe(true);
    });

    it('has one permalink: part 1’s URL, plus the reading view', () => {
      expect(t.status_id).toBe(t.parts[0].id);
      expect(t.url).toBe(t.parts[0].url);
      expect(t.reading_url).toBe(`https://rounds.test/tweetorials/${t.id}`);
    });

    it('shows the tweetorial on every part (rounds.learning) and the references on part 1', async () => {
      for (const p of t.parts) {
        expect(p.rounds.learning).toEqual([{ type: 'tweetorial', id: t.id, bloom_level: 'apply' }]);
      }
      expect(t.references).toEqual([
        {
          type: 'doi',
          value: '10.1056/nejmoa2034577',
          url: 'https://doi.org/10.1056/nejmoa2034577',
          source: 'attached',
        },
        {
          type: 'pmid',
          value: '33301246',
          url: 'https://pubmed.ncbi.nlm.nih.gov/33301246/',
          source: 'attached',
        },
      ]);
      expect(t.parts[0].rounds.references).toEqual(t.references);
      expect(t.parts[0].rounds.evidence_level).toBe('rct');
      expect(t.parts[0].content).toContain('<p class="rounds-evidence">Evidence: RCT · ');
      expect(t.parts[1].rounds.references).toEqual([]);
      // The paper page finds the tweetorial once, by its permalink.
      const paper = await call(env, 'GET', '/api/rounds/v1/papers/10.1056%2Fnejmoa2034577');
      expect(paper.body.statuses.map((s: any) => s.id)).toEqual([t.parts[0].id]);
    });

    it('is made of ordinary statuses: home timeline, thread context, notifications', async () => {
      const home = await call(env, 'GET', '/api/v1/timelines/home', { token: bob.token });
      const ids = t.parts.map((p: any) => p.id);
      expect(home.body.map((s: any) => s.id).filter((id: string) => ids.includes(id))).toEqual(
        [...ids].reverse(),
      );
      const context = await call(env, 'GET', `/api/v1/statuses/${ids[0]}/context`);
      expect(context.body.ancestors).toEqual([]);
      expect(context.body.descendants.map((s: any) => s.id)).toEqual(ids.slice(1));
      const notes = await call(env, 'GET', '/api/v1/notifications?types[]=mention', { token: dan.token });
      expect(notes.body.map((n: any) => n.status.id)).toContain(ids[1]);
    });

    it('reads the same for anyone who may see it, anonymous included', async () => {
      const seen = await call(env, 'GET', `${TWEETORIALS}/${t.id}`);
      expect(seen.status).toBe(200);
      expect(seen.body.parts.map((p: any) => p.id)).toEqual(t.parts.map((p: any) => p.id));
      expect(seen.body.title).toBe(t.title);
      expect(seen.body.completion).toBeNull();
    });

    it('accepts form-encoded bodies (Rails-style keys) and returns the first tweetorial for a repeated Idempotency-Key', async () => {
      const form = await call(env, 'POST', TWEETORIALS, {
        token: alice.token,
        headers: { 'idempotency-key': 'form-once' },
        form: {
          title: 'Lung ultrasound in 2 parts',
          'parts[0][text]': 'A-lines mean air.',
          'parts[1][text]': 'B-lines mean fluid.',
          'tags[]': 'POCUS',
          'audience[]': 'nurses',
          bloom_level: 'understand',
          visibility: 'unlisted',
        },
      });
      expect(form.status, JSON.stringify(form.body)).toBe(200);
      expect(form.body).toMatchObject({ parts_count: 2, visibility: 'unlisted', audience: ['nurses'] });
      expect(plain(form.body.parts[1].content)).toBe('2/2 B-lines mean fluid.');
      const again = await call(env, 'POST', TWEETORIALS, {
        token: alice.token,
        headers: { 'idempotency-key': 'form-once' },
        form: {
          title: 'Lung ultrasound in 2 parts',
          'parts[0][text]': 'A-lines mean air.',
          'parts[1][text]': 'B-lines mean fluid.',
          bloom_level: 'understand',
        },
      });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(form.body.id);
    });
  });

  describe('refusing bad input (422 naming the field; nothing stored)', () => {
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      ['no parts', { parts: [] }, 'parts', /^parts: a tweetorial has at least 2 parts/],
      ['one part', { parts: [{ text: 'Only one' }] }, 'parts', /at least 2 parts/],
      [
        '26 parts',
        { parts: Array.from({ length: 26 }, (_, i) => ({ text: `Part ${i}` })) },
        'parts',
        /at most 25 parts/,
      ],
      [
        'a part over 500 characters',
        { parts: [{ text: 'Short.' }, { text: 'x'.repeat(501) }] },
        'parts.1.text',
        /^parts\.1\.text: is too long \(501 characters; at most 500/,
      ],
      ['a blank part', { parts: [{ text: 'One' }, { text: '   ' }] }, 'parts.1.text', /can't be blank/],
      [
        'an unknown Bloom level',
        { bloom_level: 'memorise' },
        'bloom_level',
        /^bloom_level: must be one of remember/,
      ],
      ['no Bloom level', { bloom_level: undefined }, 'bloom_level', /^bloom_level: /],
      ['no title', { title: '  ' }, 'title', /^title: is required/],
      ['a long title', { title: 't'.repeat(201) }, 'title', /^title: is too long/],
      [
        'an unknown audience',
        { audience: ['surgeons'] },
        'audience.0',
        /^audience\.0: must be one of students/,
      ],
      [
        'a direct tweetorial',
        { visibility: 'direct' },
        'visibility',
        /^visibility: must be public, unlisted or private/,
      ],
      [
        'an unknown DOI form',
        { references: [{ doi: '10.12/x' }] },
        'references.0.doi',
        /^references\.0\.doi: is not a DOI/,
      ],
      ['a bad hashtag', { tags: ['two words'] }, 'tags.0', /^tags\.0: must be a hashtag/],
      ['an unknown language', { language: 'klingon' }, 'language', /^language: must be an ISO 639-1/],
      [
        'eleven objectives',
        { objectives: Array.from({ length: 11 }, (_, i) => `Objective ${i}`) },
        'objectives',
        /at most 10 objectives/,
      ],
      [
        'an upload that is not the author’s',
        { parts: [{ text: 'One' }, { text: 'Two', media_ids: ['424242424242'] }] },
        'parts.1.media_ids',
        /^parts\.1\.media_ids: /,
      ],
      ['parts that are not a list', { parts: 'one, two' }, 'parts.0', /^parts\.0: /],
    ];

    it.each(cases)('refuses %s', async (_name, overrides, field, message) => {
      const before = await storedCounts(env, alice);
      const res = await call(env, 'POST', TWEETORIALS, {
        token: alice.token,
        body: tweetorialBody(overrides),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.field).toBe(field);
      expect(res.body.error.message).toMatch(message);
      expect(await storedCounts(env, alice)).toEqual(before);
    });

    it('answers every malformed body with a 4xx, never a 5xx', async () => {
      const bodies: unknown[] = [
        {},
        { title: 5, parts: [1, 2], bloom_level: 'apply' },
        { ...tweetorialBody(), parts: [{ text: 'a' }, null] },
        { ...tweetorialBody(), references: { doi: 7 } },
        { ...tweetorialBody(), objectives: { first: 5 } },
        { ...tweetorialBody(), tags: [['nested']] },
        { ...tweetorialBody(), parts: [{ text: 'a', media_ids: [{}] }, { text: 'b' }] },
      ];
      for (const body of bodies) {
        const res = await call(env, 'POST', TWEETORIALS, { token: alice.token, body });
        expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
        expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
      }
      expect((await call(env, 'GET', `${TWEETORIALS}/not-an-id`)).status).toBe(422);
      expect((await call(env, 'GET', `${TWEETORIALS}/424242424242`)).status).toBe(404);
      expect((await call(env, 'GET', `${TWEETORIALS}?bloom_level=memorise`)).status).toBe(422);
      expect((await call(env, 'POST', TWEETORIALS, { body: tweetorialBody() })).status).toBe(401);
    });
  });

  describe('the PHI guard on every field', () => {
    const leak = 'Mr Okafor (MRN 4471-2290) arrived';
    const cases: Array<[string, Record<string, unknown>]> = [
      ['title', { title: `Lessons from ${leak}` }],
      ['objectives.1', { objectives: ['Recognise shock', `Manage ${leak}`] }],
      ['parts.2.text', { parts: [{ text: 'One' }, { text: 'Two' }, { text: leak }] }],
      ['tags.1', { tags: ['sepsis', 'Marguerite_Okafor'] }],
      [
        'references.0',
        { references: [{ url: 'https://ehr.example.org/chart?name=Marguerite+Okafor&mrn=4471-2290' }] },
      ],
    ];

    it.each(cases)('refuses identifiers in %s, naming it, storing nothing', async (field, overrides) => {
      const before = await storedCounts(env, alice);
      const res = await call(env, 'POST', TWEETORIALS, {
        token: alice.token,
        body: tweetorialBody(overrides),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.error.code).toBe('phi_detected');
      expect(res.body.error.details.spans.length).toBeGreaterThan(0);
      expect(res.body.error.details.spans.every((s: any) => s.field === field)).toBe(true);
      if (field !== 'references.0') expect(res.body.error.message).toContain(`Found in ${field}`);
      expect(await storedCounts(env, alice)).toEqual(before);
    });

    it('refuses identifiers on an edit, keeping the version and the statuses as they were', async () => {
      const t = await publish(env, alice);
      const res = await call(env, 'PUT', `${TWEETORIALS}/${t.id}`, {
        token: alice.token,
        body: tweetorialBody({ parts: [{ text: 'Fine' }, { text: leak }] }),
      });
      expect(res.status).toBe(422);
      expect(res.body.error.details.spans[0].field).toBe('parts.1.text');
      const after = await call(env, 'GET', `${TWEETORIALS}/${t.id}`);
      expect(after.body.version).toBe(1);
      expect(after.body.parts.map((p: any) => p.content)).toEqual(t.parts.map((p: any) => p.content));
      expect(after.body.parts.every((p: any) => p.edited_at === null)).toBe(true);
    });
  });

  describe('versions', () => {
    let t: any;
    let v2: any;
    beforeAll(async () => {
      t = await publish(env, alice);
      env.clock.advance(60_000);
      const res = await call(env, 'PUT', `${TWEETORIALS}/${t.id}`, {
        token: alice.token,
        body: tweetorialBody({
          title: 'Sepsis: the first hour (2026 update)',
          parts: [
            { text: 'Sepsis is organ dysfunction from a dysregulated response to infection.' },
            { text: 'Measure lactate; remeasure within 2 to 4 hours if above 2 mmol/L.' },
            { text: 'Give 30 mL/kg crystalloid for hypotension or lactate of 4 or more.' },
            { text: 'Start vasopressors for a MAP under 65 despite fluids.' },
          ],
          bloom_level: 'analyze',
          references: ['doi:10.1001/jama.2016.0287'],
          evidence_level: null,
        }),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      v2 = res.body;
    });

    it('edits the part statuses in place, renumbers them and adds a part at the end', async () => {
      expect(v2).toMatchObject({ id: t.id, version: 2, parts_count: 4, bloom_level: 'analyze' });
      expect(v2.edited_at).not.toBeNull();
      const ids = v2.parts.map((p: any) => p.id);
      expect(ids.slice(0, 3)).toEqual(t.parts.map((p: any) => p.id));
      expect(v2.parts[3].in_reply_to_id).toBe(ids[2]);
      expect(v2.parts.map((p: any) => plain(p.content).split(' ')[0])).toEqual(['1/4', '2/4', '3/4', '4/4']);
      expect(plain(v2.parts[0].content)).toMatch(/^1\/4 Sepsis: the first hour \(2026 update\)/);
      for (const p of v2.parts) {
        expect(p.rounds.learning).toEqual([{ type: 'tweetorial', id: t.id, bloom_level: 'analyze' }]);
      }
      // The references and evidence level on part 1 follow the new version.
      expect(v2.parts[0].rounds.evidence_level).toBeNull();
      expect(v2.parts[0].rounds.references.map((r: any) => r.value)).toEqual(['10.1001/jama.2016.0287']);
      expect(v2.parts[0].content).toContain('References: ');
      // Mastodon apps see an ordinary edit, with the earlier text in the history.
      const history = await call(env, 'GET', `/api/v1/statuses/${ids[1]}/history`);
      expect(history.body.map((h: any) => plain(h.content))).toEqual([
        '2/3 Measure lactate; remeasure if above 2 mmol/L.',
        '2/4 Measure lactate; remeasure within 2 to 4 hours if above 2 mmol/L.',
      ]);
    });

    it('keeps every version viewable', async () => {
      const list = await call(env, 'GET', `${TWEETORIALS}/${t.id}/versions`);
      expect(list.status).toBe(200);
      expect(list.body.map((v: any) => v.version)).toEqual([1, 2]);
      const [first, second] = list.body;
      expect(first).toMatchObject({
        tweetorial_id: t.id,
        title: 'Sepsis: the first hour',
        bloom_level: 'apply',
        evidence_level: 'rct',
      });
      expect(first.parts.map((p: any) => p.position)).toEqual([1, 2, 3]);
      expect(first.parts[1]).toMatchObject({
        text: 'Measure lactate; remeasure if above 2 mmol/L.',
        status_id: t.parts[1].id,
        media_ids: [],
      });
      expect(plain(first.parts[1].content)).toBe('2/3 Measure lactate; remeasure if above 2 mmol/L.');
      expect(second.parts).toHaveLength(4);
      const one = await call(env, 'GET', `${TWEETORIALS}/${t.id}/versions/1`);
      expect(one.body).toEqual(first);
      expect((await call(env, 'GET', `${TWEETORIALS}/${t.id}/versions/3`)).status).toBe(404);
      expect((await call(env, 'GET', `${TWEETORIALS}/${t.id}/versions/zero`)).status).toBe(422);
    });

    it('deletes the statuses of parts removed from the end', async () => {
      const res = await call(env, 'PUT', `${TWEETORIALS}/${t.id}`, {
        token: alice.token,
        body: tweetorialBody({ parts: [{ text: 'Sepsis kills.' }, { text: 'Treat it early.' }] }),
      });
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(3);
      expect(res.body.parts.map((p: any) => plain(p.content).split('\n')[0])).toEqual([
        '1/2 Sepsis: the first hour',
        '2/2 Treat it early.',
      ]);
      for (const gone of v2.parts.slice(2)) {
        expect((await call(env, 'GET', `/api/v1/statuses/${gone.id}`)).status).toBe(404);
      }
      const rows = await env.ctx.db.select().from(statusLearning).where(eq(statusLearning.objectId, t.id));
      expect(rows.map((r) => r.statusId).sort()).toEqual(res.body.parts.map((p: any) => p.id).sort());
    });

    it('lets only the author edit: 403 for others who can see it, 404 for what they cannot', async () => {
      const other = await call(env, 'PUT', `${TWEETORIALS}/${t.id}`, {
        token: bob.token,
        body: tweetorialBody(),
      });
      expect(other.status).toBe(403);
      expect(other.body.error.code).toBe('forbidden');
      const missing = await call(env, 'PUT', `${TWEETORIALS}/424242424242`, {
        token: alice.token,
        body: tweetorialBody(),
      });
      expect(missing.status).toBe(404);
      const visibility = await call(env, 'PUT', `${TWEETORIALS}/${t.id}`, {
        token: alice.token,
        body: tweetorialBody({ visibility: 'private' }),
      });
      expect(visibility.status).toBe(422);
      expect(visibility.body.error.details.field).toBe('visibility');
      expect((await call(env, 'GET', `${TWEETORIALS}/${t.id}`)).body.version).toBe(3);
    });
  });

  describe('completion', () => {
    let t: any;
    beforeAll(async () => {
      t = await publish(env, alice, { title: 'Hyperkalaemia in 3 steps' });
    });

    it('records a completion once per version in the learner’s record, updating it when repeated', async () => {
      const first = await call(env, 'POST', `${TWEETORIALS}/${t.id}/complete`, {
        token: dan.token,
        body: { reflection: 'I will check for peaked T waves first.', time_spent_seconds: 240 },
      });
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.body).toMatchObject({
        tweetorial_id: t.id,
        version: 1,
        reflection: 'I will check for peaked T waves first.',
        time_spent_seconds: 240,
      });
      const [entry] = await entriesOf(dan, t.id);
      expect(entry).toMatchObject({
        id: first.body.record_entry_id,
        kind: 'tweetorial_completed',
        objectKind: 'tweetorial',
        statusId: t.status_id,
        title: 'Hyperkalaemia in 3 steps',
        bloomLevel: 'apply',
        timeSpentSeconds: 240,
        reflection: 'I will check for peaked T waves first.',
        details: { version: 1, parts: 3 },
      });

      const again = await call(env, 'POST', `${TWEETORIALS}/${t.id}/complete`, {
        token: dan.token,
        body: { reflection: 'Calcium first when the ECG changes.' },
      });
      expect(again.body).toMatchObject({
        version: 1,
        record_entry_id: first.body.record_entry_id,
        reflection: 'Calcium first when the ECG changes.',
        time_spent_seconds: 240,
        completed_at: first.body.completed_at,
      });
      const entries = await entriesOf(dan, t.id);
      expect(entries).toHaveLength(1);
      expect(entries[0]!.reflection).toBe('Calcium first when the ECG changes.');

      const reading = await call(env, 'GET', `${TWEETORIALS}/${t.id}`, { token: dan.token });
      expect(reading.body.completion).toEqual(again.body);
    });

    it('refuses a reflection with identifiers, a long one, or a bad time, changing nothing', async () => {
      const before = await entriesOf(dan, t.id);
      const phi = await call(env, 'POST', `${TWEETORIALS}/${t.id}/complete`, {
        token: dan.token,
        body: { reflection: 'Like Mr Okafor (MRN 4471-2290) last week' },
      });
      expect(phi.status).toBe(422);
      expect(phi.body.error.code).toBe('phi_detected');
      expect(phi.body.error.details.spans[0].field).toBe('reflection');
      const long = await call(env, 'POST', `${TWEETORIALS}/${t.id}/complete`, {
        token: dan.token,
        body: { reflection: 'r'.repeat(5001) },
      });
      expect(long.status).toBe(422);
      expect(long.body.error.message).toMatch(/^reflection: is too long \(at most 5,000 characters\)/);
      const time = await call(env, 'POST', `${TWEETORIALS}/${t.id}/complete`, {
        token: dan.token,
        body: { time_spent_seconds: -5 },
      });
      expect(time.status).toBe(422);
      expect(time.body.error.details.field).toBe('time_spent_seconds');
      expect(await entriesOf(dan, t.id)).toEqual(before);
    });

    it('is for learners: the author gets 403', async () => {
      const res = await call(env, 'POST', `${TWEETORIALS}/${t.id}/complete`, {
        token: alice.token,
        body: {},
      });
      expect(res.status).toBe(403);
    });

    it('counts a new version as a new completion, and undoes one version at a time', async () => {
      const edit = await call(env, 'PUT', `${TWEETORIALS}/${t.id}`, {
        token: alice.token,
        body: tweetorialBody({ title: 'Hyperkalaemia in 3 steps, revised' }),
      });
      expect(edit.body.version).toBe(2);
      const v2 = await call(env, 'POST', `${TWEETORIALS}/${t.id}/complete`, { token: dan.token, body: {} });
      expect(v2.body).toMatchObject({ version: 2, reflection: null, time_spent_seconds: null });
      const entries = await entriesOf(dan, t.id);
      expect(entries.map((e) => e.title).sort()).toEqual([
        'Hyperkalaemia in 3 steps',
        'Hyperkalaemia in 3 steps, revised',
      ]);

      const undo = await call(env, 'DELETE', `${TWEETORIALS}/${t.id}/complete`, { token: dan.token });
      expect(undo.status).toBe(200);
      expect(undo.body).toEqual({});
      expect((await entriesOf(dan, t.id)).map((e) => e.title)).toEqual(['Hyperkalaemia in 3 steps']);
      const reading = await call(env, 'GET', `${TWEETORIALS}/${t.id}`, { token: dan.token });
      expect(reading.body.completion.version).toBe(1);

      const undoV1 = await call(env, 'DELETE', `${TWEETORIALS}/${t.id}/complete?version=1`, {
        token: dan.token,
      });
      expect(undoV1.status).toBe(200);
      expect(await entriesOf(dan, t.id)).toEqual([]);
      expect(
        (await call(env, 'GET', `${TWEETORIALS}/${t.id}`, { token: dan.token })).body.completion,
      ).toBeNull();
      // Idempotent.
      expect(
        (await call(env, 'DELETE', `${TWEETORIALS}/${t.id}/complete`, { token: dan.token })).status,
      ).toBe(200);
    });
  });

  describe('deleting', () => {
    it('deletes every part’s status (author only) and keeps the learners’ record', async () => {
      const t = await publish(env, alice, { title: 'Anaphylaxis: adrenaline first' });
      await call(env, 'POST', `${TWEETORIALS}/${t.id}/complete`, { token: dan.token, body: {} });
      const other = await call(env, 'DELETE', `${TWEETORIALS}/${t.id}`, { token: bob.token });
      expect(other.status).toBe(403);
      const before = await storedCounts(env, alice);
      const res = await call(env, 'DELETE', `${TWEETORIALS}/${t.id}`, { token: alice.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        tweetorial_id: t.id,
        version: 1,
        title: 'Anaphylaxis: adrenaline first',
      });
      expect(res.body.parts.map((p: any) => p.status_id)).toEqual(t.parts.map((p: any) => p.id));
      for (const p of t.parts) expect((await call(env, 'GET', `/api/v1/statuses/${p.id}`)).status).toBe(404);
      expect((await call(env, 'GET', `${TWEETORIALS}/${t.id}`)).status).toBe(404);
      expect((await call(env, 'GET', `${TWEETORIALS}/${t.id}/versions`)).status).toBe(404);
      const after = await storedCounts(env, alice);
      expect(after.statuses).toBe(before.statuses - 3);
      expect(after.tweetorials).toBe(before.tweetorials - 1);
      const [entry] = await entriesOf(dan, t.id);
      expect(entry).toMatchObject({ title: 'Anaphylaxis: adrenaline first', statusId: null });
      expect((await call(env, 'DELETE', `${TWEETORIALS}/${t.id}`, { token: alice.token })).status).toBe(404);
    });

    it('is gone when its part 1 is deleted through the Mastodon API', async () => {
      const t = await publish(env, alice, { title: 'Delirium: think drugs' });
      const res = await call(env, 'DELETE', `/api/v1/statuses/${t.parts[0].id}`, { token: alice.token });
      expect(res.status).toBe(200);
      expect((await call(env, 'GET', `${TWEETORIALS}/${t.id}`)).status).toBe(404);
      // The other parts stay, as ordinary posts that no longer point at it.
      const part2 = await call(env, 'GET', `/api/v1/statuses/${t.parts[1].id}`);
      expect(part2.status).toBe(200);
      expect(part2.body.rounds?.learning ?? []).toEqual([]);
    });
  });

  describe('lists', () => {
    let carol: Persona;
    let made: any[];
    beforeAll(async () => {
      carol = await createPersona(env, 'carol');
      made = [
        await publish(env, carol, { title: 'ECG axis', tags: ['ECG'], bloom_level: 'understand' }),
        await publish(env, carol, {
          title: 'STEMI mimics',
          tags: ['ecg', 'cardiology'],
          bloom_level: 'analyze',
        }),
        await publish(env, carol, {
          title: 'QT and drugs',
          tags: [],
          parts: [{ text: 'Many drugs prolong QT. #ECG' }, { text: 'Check before prescribing.' }],
          bloom_level: 'apply',
        }),
        await publish(env, carol, { title: 'Unlisted: heart blocks', tags: ['ECG'], visibility: 'unlisted' }),
      ];
    });

    it('filters by author, Bloom level and hashtag (given or written in a part, any case)', async () => {
      const byCarol = await call(env, 'GET', `${TWEETORIALS}?account_id=${carol.account.id}`);
      expect(byCarol.status).toBe(200);
      expect(byCarol.body.map((x: any) => x.title)).toEqual([
        'Unlisted: heart blocks',
        'QT and drugs',
        'STEMI mimics',
        'ECG axis',
      ]);
      expect(byCarol.body[0]).toMatchObject({ parts_count: 3, completion: null });
      expect(byCarol.body[0].parts).toBeUndefined();
      expect(byCarol.body[0].account.id).toBe(carol.account.id);

      const tagged = await call(env, 'GET', `${TWEETORIALS}?tag=%23ECG`);
      expect(tagged.body.map((x: any) => x.title)).toEqual(['QT and drugs', 'STEMI mimics', 'ECG axis']);
      const analyze = await call(env, 'GET', `${TWEETORIALS}?bloom_level=analyze&tag=ecg`);
      expect(analyze.body.map((x: any) => x.title)).toEqual(['STEMI mimics']);
    });

    it('pages with Mastodon Link headers', async () => {
      const first = await call(env, 'GET', `${TWEETORIALS}?account_id=${carol.account.id}&limit=2`);
      expect(first.body.map((x: any) => x.id)).toEqual([made[3].id, made[2].id]);
      const link = first.headers.get('link')!;
      expect(link).toContain(`max_id=${made[2].id}`);
      expect(link).toContain(`min_id=${made[3].id}`);
      const next = new URL(/<([^>]+)>; rel="next"/.exec(link)![1]!);
      expect(next.searchParams.get('account_id')).toBe(carol.account.id);
      const second = await call(env, 'GET', `${next.pathname}${next.search}`);
      expect(second.body.map((x: any) => x.id)).toEqual([made[1].id, made[0].id]);
      const prev = await call(
        env,
        'GET',
        `${TWEETORIALS}?account_id=${carol.account.id}&min_id=${made[1].id}`,
      );
      expect(prev.body.map((x: any) => x.id)).toEqual([made[3].id, made[2].id]);
    });

    it('leaves out authors the caller mutes, except on their own list', async () => {
      const eve = await createPersona(env, 'eve');
      await mute(env, eve, carol);
      const general = await call(env, 'GET', `${TWEETORIALS}?tag=ecg`, { token: eve.token });
      expect(general.body).toEqual([]);
      const own = await call(env, 'GET', `${TWEETORIALS}?account_id=${carol.account.id}`, {
        token: eve.token,
      });
      expect(own.body).toHaveLength(4);
    });

    it('shows the caller’s completion in lists', async () => {
      await call(env, 'POST', `${TWEETORIALS}/${made[0].id}/complete`, { token: dan.token, body: {} });
      const list = await call(env, 'GET', `${TWEETORIALS}?tag=ecg`, { token: dan.token });
      const axis = list.body.find((x: any) => x.id === made[0].id);
      expect(axis.completion).toMatchObject({ version: 1 });
      expect(list.body.find((x: any) => x.id === made[1].id).completion).toBeNull();
    });
  });

  it('answers as the OpenAPI document describes, errors included', async () => {
    const { expectDocumented } = await loadRoundsOpenApi(env);
    const item = `${TWEETORIALS}/{id}`;
    const published = await call(env, 'POST', TWEETORIALS, { token: alice.token, body: tweetorialBody() });
    expectDocumented('post', TWEETORIALS, 200, published.body);
    const id = published.body.id;
    const bad = await call(env, 'POST', TWEETORIALS, {
      token: alice.token,
      body: tweetorialBody({ parts: [] }),
    });
    expectDocumented('post', TWEETORIALS, 422, bad.body);
    expectDocumented(
      'get',
      TWEETORIALS,
      200,
      (await call(env, 'GET', `${TWEETORIALS}?limit=2`, { token: dan.token })).body,
    );
    expectDocumented('get', item, 200, (await call(env, 'GET', `${TWEETORIALS}/${id}`)).body);
    expectDocumented('get', item, 404, (await call(env, 'GET', `${TWEETORIALS}/424242424242`)).body);
    const edited = await call(env, 'PUT', `${TWEETORIALS}/${id}`, {
      token: alice.token,
      body: tweetorialBody(),
    });
    expectDocumented('put', item, 200, edited.body);
    expectDocumented(
      'get',
      `${item}/versions`,
      200,
      (await call(env, 'GET', `${TWEETORIALS}/${id}/versions`)).body,
    );
    expectDocumented(
      'get',
      `${item}/versions/{version}`,
      200,
      (await call(env, 'GET', `${TWEETORIALS}/${id}/versions/1`)).body,
    );
    const done = await call(env, 'POST', `${TWEETORIALS}/${id}/complete`, {
      token: dan.token,
      body: { reflection: 'Useful', time_spent_seconds: 60 },
    });
    expectDocumented('post', `${item}/complete`, 200, done.body);
    expectDocumented(
      'delete',
      `${item}/complete`,
      200,
      (await call(env, 'DELETE', `${TWEETORIALS}/${id}/complete`, { token: dan.token })).body,
    );
    expectDocumented(
      'delete',
      item,
      200,
      (await call(env, 'DELETE', `${TWEETORIALS}/${id}`, { token: alice.token })).body,
    );
  });
});
