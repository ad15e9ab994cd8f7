import { beforeAll, describe, expect, it } from 'vitest';
import { generateId } from '../src/db/ids.ts';
import { addRecordEntry, linkStatuses } from '../src/domain/learning/index.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { loadRoundsOpenApi } from './rounds-openapi.ts';

/**
 * The learner's portfolio (issue 6 point 6) and the Bloom level filter of feeds and search
 * (point 5). Entries are written here as the learning objects write them (addRecordEntry, in their
 * own transactions); the objects' tests check that each act makes its entry.
 */

describe('the learning record', () => {
  let env: TestEnv;
  let dan: Persona;
  let alice: Persona;
  let api: Awaited<ReturnType<typeof loadRoundsOpenApi>>;
  const ids: Record<string, string> = {};

  async function entry(
    name: string,
    who: Persona,
    at: string,
    extra: Partial<Parameters<typeof addRecordEntry>[1]>,
  ) {
    const row = await addRecordEntry(env.ctx.db, {
      accountId: who.account.id,
      kind: 'quiz_attempt',
      objectKind: 'quiz',
      objectId: generateId(),
      statusId: null,
      title: name,
      bloomLevel: null,
      occurredAt: new Date(at),
      ...extra,
    });
    ids[name] = row.id;
    return row;
  }

  beforeAll(async () => {
    env = await createTestEnv();
    env.clock.set(new Date('2026-11-20T12:00:00Z'));
    dan = await createPersona(env, 'dan');
    alice = await createPersona(env, 'alice');
    api = await loadRoundsOpenApi(env);
    const tweetorial = generateId();
    const quiz = generateId();
    await entry('DKA in 10 parts', dan, '2026-01-15T09:00:00Z', {
      kind: 'tweetorial_completed',
      objectKind: 'tweetorial',
      objectId: tweetorial,
      bloomLevel: 'understand',
      timeSpentSeconds: 600,
      reflection: 'Will check the anion gap before stopping insulin.',
    });
    await entry('Potassium quiz', dan, '2026-02-01T10:00:00Z', {
      objectId: quiz,
      bloomLevel: 'apply',
      timeSpentSeconds: 120,
      details: { correct: 3, total: 4 },
    });
    await entry('Potassium quiz', dan, '2026-02-02T10:00:00Z', {
      objectId: quiz,
      bloomLevel: 'apply',
      details: { correct: 4, total: 4 },
    });
    await entry('=HYPERLINK("http://evil.example")', dan, '2026-03-05T08:30:00Z', {
      kind: 'case_contribution',
      objectKind: 'case',
      bloomLevel: 'analyze',
      reflection: 'Said "check the lactate", then, on reflection,\nsepsis.',
    });
    await entry('Last year', dan, '2025-12-31T23:59:59Z', { bloomLevel: 'remember' });
    await entry('Alice only', alice, '2026-02-01T10:00:00Z', {});
  });

  it('lists the learner’s own entries, newest first, paged, filtered by kind and range', async () => {
    const all = await call(env, 'GET', '/api/rounds/v1/learning_record', { token: dan.token });
    expect(all.status).toBe(200);
    api.expectDocumented('get', '/api/rounds/v1/learning_record', 200, all.body);
    expect(all.body.map((e: { object: { title: string } }) => e.object.title)).toEqual([
      '=HYPERLINK("http://evil.example")',
      'Potassium quiz',
      'Potassium quiz',
      'DKA in 10 parts',
      'Last year',
    ]);
    expect(all.body[3]).toMatchObject({
      kind: 'tweetorial_completed',
      occurred_at: '2026-01-15T09:00:00.000Z',
      object: { type: 'tweetorial', bloom_level: 'understand', status_id: null },
      time_spent_seconds: 600,
      reflection: 'Will check the anion gap before stopping insulin.',
    });

    const first = await call(env, 'GET', '/api/rounds/v1/learning_record?limit=2', { token: dan.token });
    expect(first.body).toHaveLength(2);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toBeDefined();
    const second = await call(env, 'GET', next!.replace('https://rounds.test', ''), { token: dan.token });
    expect(second.body.map((e: { occurred_at: string }) => e.occurred_at)).toEqual([
      '2026-02-01T10:00:00.000Z',
      '2026-01-15T09:00:00.000Z',
    ]);

    const quizzes = await call(env, 'GET', '/api/rounds/v1/learning_record?kind=quiz_attempt', {
      token: dan.token,
    });
    expect(quizzes.body).toHaveLength(3);
    const year = await call(env, 'GET', '/api/rounds/v1/learning_record?from=2026-01-01&to=2026-02-01', {
      token: dan.token,
    });
    // `to` as a date covers that whole day.
    expect(year.body.map((e: { object: { title: string } }) => e.object.title)).toEqual([
      'Potassium quiz',
      'DKA in 10 parts',
    ]);
  });

  it('never shows one learner’s record to another', async () => {
    const theirs = await call(env, 'GET', '/api/rounds/v1/learning_record', { token: alice.token });
    expect(theirs.body.map((e: { object: { title: string } }) => e.object.title)).toEqual(['Alice only']);
    const edit = await call(env, 'PUT', `/api/rounds/v1/learning_record/${ids['DKA in 10 parts']}`, {
      token: alice.token,
      body: { reflection: 'mine now' },
    });
    expect(edit.status).toBe(404);
    const del = await call(env, 'DELETE', `/api/rounds/v1/learning_record/${ids['DKA in 10 parts']}`, {
      token: alice.token,
    });
    expect(del.status).toBe(404);
    expect((await call(env, 'GET', '/api/rounds/v1/learning_record')).status).toBe(401);
    const readOnly = await createPersona(env, 'reader', { scopes: 'read:statuses' });
    expect((await call(env, 'GET', '/api/rounds/v1/learning_record', { token: readOnly.token })).status).toBe(
      403,
    );
  });

  it('exports as CSV a spreadsheet opens safely, and as JSON', async () => {
    const csv = await call(env, 'GET', '/api/rounds/v1/learning_record/export?format=csv&from=2026-01-01', {
      token: dan.token,
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="rounds-learning-record-2026-11-20.csv"',
    );
    const lines = (csv.body as string).split('\r\n');
    expect(lines[0]).toBe(
      'date,kind,object_type,object_id,title,bloom_level,time_spent_minutes,reflection,details',
    );
    // Oldest first; the year before the range is left out.
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatch(
      /^2026-01-15T09:00:00\.000Z,tweetorial_completed,tweetorial,\d+,DKA in 10 parts,understand,10\.0,Will check the anion gap before stopping insulin\.,$/,
    );
    // (jsonb keeps keys shortest first.)
    // jsonb keeps keys shortest first.
    expect(lines[2]).toContain(',Potassium quiz,apply,2.0,,"{""total"":4,""correct"":3}"');
    // A title that a spreadsheet would run as a formula is defused; quotes and newlines are quoted.
    expect(lines[4]).toContain(',"\'=HYPERLINK(""http://evil.example"")",analyze,,');
    expect(csv.body).toContain('"Said ""check the lactate"", then, on reflection,\nsepsis."');
    expect(lines[5]).toBe('');

    const json = await call(env, 'GET', '/api/rounds/v1/learning_record/export?to=2026-01-31', {
      token: dan.token,
    });
    expect(json.status).toBe(200);
    api.expectDocumented('get', '/api/rounds/v1/learning_record/export', 200, json.body);
    expect(json.headers.get('content-disposition')).toContain('.json"');
    expect(json.body.map((e: { object: { title: string } }) => e.object.title)).toEqual([
      'Last year',
      'DKA in 10 parts',
    ]);
  });

  it('summarises a date range for a certificate', async () => {
    const res = await call(
      env,
      'GET',
      '/api/rounds/v1/learning_record/summary?from=2026-01-01&to=2026-12-31',
      {
        token: dan.token,
      },
    );
    expect(res.status).toBe(200);
    api.expectDocumented('get', '/api/rounds/v1/learning_record/summary', 200, res.body);
    expect(res.body).toMatchObject({
      learner: { id: dan.account.id, acct: 'dan', url: 'https://rounds.test/@dan' },
      from: '2026-01-01T00:00:00.000Z',
      to: '2027-01-01T00:00:00.000Z',
      generated_at: '2026-11-20T12:00:00.000Z',
      totals: {
        entries: 4,
        tweetorials_completed: 1,
        quiz_attempts: 2,
        quizzes: 1,
        case_contributions: 1,
        cases: 1,
        time_spent_seconds: 720,
        timed_entries: 2,
        reflections: 2,
      },
      by_bloom_level: { remember: 0, understand: 1, apply: 2, analyze: 1, evaluate: 0, create: 0 },
      truncated: false,
    });
    expect(res.body.entries.map((e: { object: { title: string } }) => e.object.title)).toEqual([
      'DKA in 10 parts',
      'Potassium quiz',
      'Potassium quiz',
      '=HYPERLINK("http://evil.example")',
    ]);
    // Without a range: everything up to now.
    const all = await call(env, 'GET', '/api/rounds/v1/learning_record/summary', { token: dan.token });
    expect(all.body).toMatchObject({ from: null, to: '2026-11-20T12:00:00.000Z', totals: { entries: 5 } });
  });

  it('takes a reflection through the PHI guard, and removes one', async () => {
    const path = `/api/rounds/v1/learning_record/${ids['Potassium quiz']}`;
    const phi = await call(env, 'PUT', path, {
      token: dan.token,
      body: { reflection: 'Saw this in Mrs Marguerite Okafor, MRN 4471-2290, last week' },
    });
    expect(phi.status).toBe(422);
    expect(phi.body.error.code).toBe('phi_detected');
    api.expectDocumented('put', '/api/rounds/v1/learning_record/{id}', 422, phi.body);
    const unchanged = await call(env, 'GET', '/api/rounds/v1/learning_record?kind=quiz_attempt&limit=1', {
      token: dan.token,
    });
    expect(unchanged.body[0].reflection).toBeNull();

    const ok = await call(env, 'PUT', path, {
      token: dan.token,
      body: { reflection: '  Hyperkalaemia: calcium first.  ', time_spent_seconds: 300 },
    });
    expect(ok.status).toBe(200);
    api.expectDocumented('put', '/api/rounds/v1/learning_record/{id}', 200, ok.body);
    expect(ok.body).toMatchObject({ reflection: 'Hyperkalaemia: calcium first.', time_spent_seconds: 300 });
    const cleared = await call(env, 'PUT', path, {
      token: dan.token,
      body: { reflection: '', time_spent_seconds: null },
    });
    expect(cleared.body).toMatchObject({ reflection: null, time_spent_seconds: null });
  });

  it('refuses bad input with a message naming the field', async () => {
    const cases: Array<[string, string, unknown, string]> = [
      ['GET', '/api/rounds/v1/learning_record?from=yesterday', undefined, 'from'],
      ['GET', '/api/rounds/v1/learning_record?kind=lecture', undefined, 'kind'],
      ['GET', '/api/rounds/v1/learning_record?to=9999-12-31', undefined, 'to'],
      ['GET', '/api/rounds/v1/learning_record/summary?from=-001000-01-01T00:00:00Z', undefined, 'from'],
      ['GET', '/api/rounds/v1/learning_record/summary?from=2026-05-01&to=2026-04-01', undefined, 'to'],
      ['GET', '/api/rounds/v1/learning_record/export?format=xlsx', undefined, 'format'],
      [
        'PUT',
        `/api/rounds/v1/learning_record/${ids['Last year']}`,
        { time_spent_seconds: -5 },
        'time_spent_seconds',
      ],
      [
        'PUT',
        `/api/rounds/v1/learning_record/${ids['Last year']}`,
        { reflection: 'x'.repeat(5001) },
        'reflection',
      ],
      ['PUT', `/api/rounds/v1/learning_record/${ids['Last year']}`, { reflection: 42 }, 'reflection'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await call(env, method, path, { token: dan.token, body });
      expect(res.status, `${method} ${path}`).toBe(422);
      expect(res.body.error.message, path).toMatch(new RegExp(`^${field}`));
    }
    expect(
      (await call(env, 'PUT', '/api/rounds/v1/learning_record/nope', { token: dan.token, body: {} })).status,
    ).toBe(422);
  });

  it('forgets an entry on request, and only that one', async () => {
    const id = ids['Last year'];
    const res = await call(env, 'DELETE', `/api/rounds/v1/learning_record/${id}`, { token: dan.token });
    expect(res.status).toBe(200);
    expect(
      (await call(env, 'DELETE', `/api/rounds/v1/learning_record/${id}`, { token: dan.token })).status,
    ).toBe(404);
    const left = await call(env, 'GET', '/api/rounds/v1/learning_record', { token: dan.token });
    expect(left.body).toHaveLength(4);
  });
});

describe('the Bloom level filter of feeds and search', () => {
  let env: TestEnv;
  let bob: Persona;
  let carol: Persona;
  const posts: Record<string, string> = {};

  beforeAll(async () => {
    env = await createTestEnv();
    bob = await createPersona(env, 'bob');
    carol = await createPersona(env, 'carol');
    for (const [name, text, visibility] of [
      ['apply', 'Hyperkalaemia case: what next? #ClinicalCase', 'public'],
      ['analyze', 'Hyperkalaemia ECG: read it #ClinicalCase', 'public'],
      ['plain', 'Hyperkalaemia chat #ClinicalCase', 'public'],
      ['private', 'Hyperkalaemia for followers #ClinicalCase', 'private'],
    ] as const) {
      const res = await call(env, 'POST', '/api/v1/statuses', {
        token: bob.token,
        body: { status: text, visibility },
      });
      expect(res.status).toBe(200);
      posts[name] = res.body.id;
    }
    await linkStatuses(env.ctx.db, { kind: 'case', objectId: generateId(), bloomLevel: 'apply' }, [
      posts.apply!,
    ]);
    await linkStatuses(env.ctx.db, { kind: 'quiz', objectId: generateId(), bloomLevel: 'analyze' }, [
      posts.analyze!,
    ]);
    await linkStatuses(env.ctx.db, { kind: 'case', objectId: generateId(), bloomLevel: 'apply' }, [
      posts.private!,
    ]);
  });

  const idsOf = (body: Array<{ id: string }>) => body.map((s) => s.id);

  it('shows the learning objects a status presents on the Status entity', async () => {
    const res = await call(env, 'GET', `/api/v1/statuses/${posts.analyze}`, { token: carol.token });
    expect(res.body.rounds.learning).toEqual([
      { type: 'quiz', id: expect.any(String), bloom_level: 'analyze' },
    ]);
    const plain = await call(env, 'GET', `/api/v1/statuses/${posts.plain}`, { token: carol.token });
    expect(plain.body.rounds.learning).toEqual([]);
  });

  it('filters the public and hashtag timelines, never widening what the reader may see', async () => {
    const pub = await call(env, 'GET', '/api/v1/timelines/public?bloom_level=apply', { token: carol.token });
    expect(idsOf(pub.body)).toEqual([posts.apply]);
    const tag = await call(env, 'GET', '/api/v1/timelines/tag/clinicalcase?bloom_level=analyze');
    expect(idsOf(tag.body)).toEqual([posts.analyze]);
    const all = await call(env, 'GET', '/api/v1/timelines/tag/clinicalcase');
    expect(all.body).toHaveLength(3);
    const bad = await call(env, 'GET', '/api/v1/timelines/public?bloom_level=memorise');
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatch(/^bloom_level: must be one of remember, understand/);
  });

  it('filters status search', async () => {
    const res = await call(env, 'GET', '/api/v2/search?q=hyperkalaemia&type=statuses&bloom_level=apply', {
      token: carol.token,
    });
    expect(res.status).toBe(200);
    expect(idsOf(res.body.statuses)).toEqual([posts.apply]);
    const own = await call(env, 'GET', '/api/v2/search?q=hyperkalaemia&type=statuses&bloom_level=apply', {
      token: bob.token,
    });
    expect(idsOf(own.body.statuses).sort()).toEqual([posts.apply, posts.private].sort());
  });
});
