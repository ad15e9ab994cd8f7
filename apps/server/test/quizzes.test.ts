import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { learningRecordEntries, quizAttempts, quizzes } from '../src/db/schema/index.ts';
import {
  type CallOptions,
  call,
  createPersona,
  createTestEnv,
  type Persona,
  type TestEnv,
} from './harness.ts';
import { block, follow, post } from './statuses-fixtures.ts';

/**
 * Quizzes under /api/rounds/v1: attaching one to a status, what learners see before and after
 * answering, attempts and the learning record, visibility through every path, the PHI gate on
 * every field, bad input, and the author's item analysis checked against hand-computed values.
 */

let env: TestEnv;
let bob: Persona; // the author
let alice: Persona; // follows bob
let carol: Persona; // a stranger
let dan: Persona; // follows bob, blocked by him later in one test

/** Every call of this file; none may answer 5xx. */
async function api(method: string, path: string, opts: CallOptions = {}) {
  const res = await call(env, method, path, opts);
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
  return res;
}

async function ok(method: string, path: string, who: Persona | null, body?: unknown) {
  const res = await api(method, path, { token: who?.token, body });
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

/** The error answer: status, code, and the message (which names the field). */
async function refused(method: string, path: string, who: Persona | null, body?: unknown) {
  const res = await api(method, path, { token: who?.token, body });
  return {
    status: res.status,
    code: res.body?.error?.code,
    message: res.body?.error?.message,
    body: res.body,
  };
}

/** Q1 single (correct 1), Q2 multiple (correct 0 and 2), Q3 single (correct 0). */
function quizContent(overrides: Record<string, unknown> = {}) {
  return {
    title: 'DKA: the first hour',
    bloom_level: 'apply',
    questions: [
      {
        prompt: 'Glucose 28 mmol/L, pH 7.1, ketones 5. What comes first?',
        options: [
          {
            text: 'Insulin bolus',
            explanation: 'Fluids come first; insulin follows as a fixed-rate infusion.',
          },
          {
            text: 'IV fluids',
            explanation: 'Restoring circulating volume is the first step.',
            correct: true,
          },
          { text: 'Bicarbonate', explanation: 'Not routinely indicated at this pH.' },
          { text: 'Potassium bolus', explanation: 'Potassium is replaced in the fluids, never as a bolus.' },
        ],
      },
      {
        prompt: 'Which are resolution criteria?',
        type: 'multiple',
        bloom_level: 'analyze',
        options: [
          { text: 'Ketones below 0.6 mmol/L', explanation: 'One of the two criteria.', correct: true },
          { text: 'Glucose below 11 mmol/L', explanation: 'Glucose is not a resolution criterion.' },
          { text: 'Venous pH above 7.3', explanation: 'The other criterion.', correct: true },
          {
            text: 'Eating and drinking',
            explanation: 'Needed for switching to subcutaneous insulin, not resolution.',
          },
        ],
      },
      {
        prompt: 'When do you add glucose 10%?',
        options: [
          {
            text: 'Glucose below 14 mmol/L',
            explanation: 'Keeps the insulin running safely.',
            correct: true,
          },
          { text: 'Never', explanation: 'Insulin must continue to clear ketones.' },
          { text: 'Glucose below 4 mmol/L', explanation: 'Far too late: that is hypoglycaemia.' },
        ],
      },
    ],
    ...overrides,
  };
}

async function postStatus(who: Persona, visibility = 'public', status = 'Quiz time: DKA') {
  return post(env, who, { status, visibility });
}

async function attachQuiz(who: Persona, statusId: string, overrides: Record<string, unknown> = {}) {
  return ok('POST', '/api/rounds/v1/quizzes', who, { status_id: statusId, ...quizContent(overrides) });
}

function attempt(who: Persona, quizId: string, answers: unknown, extra: Record<string, unknown> = {}) {
  return ok('POST', `/api/rounds/v1/quizzes/${quizId}/attempts`, who, { answers, ...extra });
}

async function recordOf(who: Persona) {
  return env.ctx.db
    .select()
    .from(learningRecordEntries)
    .where(eq(learningRecordEntries.accountId, who.account.id))
    .orderBy(learningRecordEntries.id);
}

beforeAll(async () => {
  env = await createTestEnv();
  bob = await createPersona(env, 'bob');
  alice = await createPersona(env, 'alice');
  carol = await createPersona(env, 'carol');
  dan = await createPersona(env, 'dan');
  await follow(env, alice, bob);
  await follow(env, dan, bob);
});

describe('a quiz’s life cycle', () => {
  it('is attached by the status’s author, shows on the status, hides answers until attempted, records attempts, and is deleted', async () => {
    const status = await postStatus(bob);
    const created = await attachQuiz(bob, status.id);
    expect(created).toMatchObject({
      status_id: status.id,
      account_id: bob.account.id,
      title: 'DKA: the first hour',
      bloom_level: 'apply',
      questions_count: 3,
      answers_shown: true,
      editable: true,
    });
    expect(created.questions[1]).toMatchObject({
      type: 'multiple',
      bloom_level: 'analyze',
      correct_options: [0, 2],
    });
    expect(created.questions[0]).toMatchObject({ type: 'single', bloom_level: null, correct_options: [1] });

    // The status presents it, in both APIs.
    const shown = await ok('GET', `/api/v1/statuses/${status.id}`, alice);
    expect(shown.rounds.learning).toEqual([{ type: 'quiz', id: created.id, bloom_level: 'apply' }]);

    // A second quiz on the same status, or one on someone else's status, is refused.
    const again = await refused('POST', '/api/rounds/v1/quizzes', bob, {
      status_id: status.id,
      ...quizContent(),
    });
    expect(again).toMatchObject({ status: 409, code: 'conflict' });
    expect(again.message).toContain('already has a quiz');
    const foreign = await refused('POST', '/api/rounds/v1/quizzes', alice, {
      status_id: status.id,
      ...quizContent(),
    });
    expect(foreign).toMatchObject({ status: 403, code: 'forbidden' });
    expect(foreign.message).toContain('author');

    // Learners (and anonymous readers of a public post) see no answers before attempting.
    for (const viewer of [alice, null]) {
      const before = await ok('GET', `/api/rounds/v1/quizzes/${created.id}`, viewer);
      expect(before).toMatchObject({
        answers_shown: false,
        attempted: false,
        own_attempts_count: 0,
        editable: false,
      });
      for (const q of before.questions) {
        expect(q.correct_options).toBeNull();
        for (const o of q.options) expect(o).toMatchObject({ explanation: null, correct: null });
      }
      expect(before.questions[0].options.map((o: { text: string }) => o.text)).toEqual([
        'Insulin bolus',
        'IV fluids',
        'Bicarbonate',
        'Potassium bolus',
      ]);
      expect(await ok('GET', `/api/rounds/v1/statuses/${status.id}/quiz`, viewer)).toEqual(before);
    }

    // The author may still edit it: the new Bloom level reaches the status.
    const edited = await ok(
      'PUT',
      `/api/rounds/v1/quizzes/${created.id}`,
      bob,
      quizContent({ bloom_level: 'evaluate' }),
    );
    expect(edited).toMatchObject({ id: created.id, bloom_level: 'evaluate', editable: true });
    expect((await ok('GET', `/api/v1/statuses/${status.id}`, alice)).rounds.learning).toEqual([
      { type: 'quiz', id: created.id, bloom_level: 'evaluate' },
    ]);

    // Alice attempts: Q1 right, Q2 half right (so wrong), Q3 skipped.
    env.clock.advance(60_000);
    const first = await attempt(alice, created.id, [1, [0], null], { time_spent_seconds: 95 });
    expect(first).toMatchObject({
      quiz_id: created.id,
      correct_count: 1,
      questions_count: 3,
      score: 0.3333,
      first: true,
      time_spent_seconds: 95,
    });
    expect(first.questions.map((q: { correct: boolean }) => q.correct)).toEqual([true, false, false]);
    expect(first.questions.map((q: { answer: number[] }) => q.answer)).toEqual([[1], [0], []]);
    expect(first.questions.map((q: { correct_options: number[] }) => q.correct_options)).toEqual([
      [1],
      [0, 2],
      [0],
    ]);
    expect(first.questions[1].options[1]).toEqual({
      text: 'Glucose below 11 mmol/L',
      explanation: 'Glucose is not a resolution criterion.',
      correct: false,
    });

    // Now she sees every answer and explanation.
    const after = await ok('GET', `/api/rounds/v1/quizzes/${created.id}`, alice);
    expect(after).toMatchObject({ answers_shown: true, attempted: true, own_attempts_count: 1 });
    expect(after.questions[2].options[0]).toEqual({
      text: 'Glucose below 14 mmol/L',
      explanation: 'Keeps the insulin running safely.',
      correct: true,
    });

    // A second attempt is allowed; it is not her first.
    env.clock.advance(60_000);
    const second = await attempt(alice, created.id, [1, [2, 0], 0]);
    expect(second).toMatchObject({ correct_count: 3, score: 1, first: false, time_spent_seconds: null });
    const mine = await api('GET', `/api/rounds/v1/quizzes/${created.id}/attempts`, { token: alice.token });
    expect(mine.status).toBe(200);
    expect(mine.body.map((a: { id: string; first: boolean }) => [a.id, a.first])).toEqual([
      [second.id, false],
      [first.id, true],
    ]);
    expect(mine.headers.get('link')).toContain('max_id=');
    const older = await ok(
      'GET',
      `/api/rounds/v1/quizzes/${created.id}/attempts?limit=1&max_id=${second.id}`,
      alice,
    );
    expect(older.map((a: { id: string }) => a.id)).toEqual([first.id]);
    // Attempts are each learner's own.
    expect(await ok('GET', `/api/rounds/v1/quizzes/${created.id}/attempts`, dan)).toEqual([]);

    // Each attempt is an entry in her learning record.
    const record = await recordOf(alice);
    expect(record).toHaveLength(2);
    expect(record[0]).toMatchObject({
      kind: 'quiz_attempt',
      objectKind: 'quiz',
      objectId: created.id,
      statusId: status.id,
      title: 'DKA: the first hour',
      bloomLevel: 'evaluate',
      timeSpentSeconds: 95,
      details: { attempt_id: first.id, correct: 1, total: 3, score: 0.3333, first_attempt: true },
    });
    expect(record[1]!.details).toMatchObject({ correct: 3, total: 3, score: 1, first_attempt: false });

    // Once attempted, the quiz cannot change; its author cannot attempt it; others cannot delete it.
    const locked = await refused('PUT', `/api/rounds/v1/quizzes/${created.id}`, bob, quizContent());
    expect(locked).toMatchObject({ status: 409, code: 'conflict' });
    expect(locked.message).toContain('2 attempts and can no longer be edited');
    expect((await ok('GET', `/api/rounds/v1/quizzes/${created.id}`, bob)).editable).toBe(false);
    const own = await refused('POST', `/api/rounds/v1/quizzes/${created.id}/attempts`, bob, {
      answers: [1, [0, 2], 0],
    });
    expect(own).toMatchObject({ status: 403, code: 'forbidden' });
    expect((await refused('DELETE', `/api/rounds/v1/quizzes/${created.id}`, alice)).status).toBe(403);
    expect((await refused('PUT', `/api/rounds/v1/quizzes/${created.id}`, alice, quizContent())).status).toBe(
      403,
    );

    // The author deletes it: attempts go, the record stays (title kept, no status link), the post stays.
    const deleted = await ok('DELETE', `/api/rounds/v1/quizzes/${created.id}`, bob);
    expect(deleted.id).toBe(created.id);
    expect((await refused('GET', `/api/rounds/v1/quizzes/${created.id}`, alice)).status).toBe(404);
    expect((await refused('GET', `/api/rounds/v1/statuses/${status.id}/quiz`, alice)).status).toBe(404);
    expect(await env.ctx.db.select().from(quizAttempts).where(eq(quizAttempts.quizId, created.id))).toEqual(
      [],
    );
    const kept = await recordOf(alice);
    expect(kept).toHaveLength(2);
    for (const entry of kept) expect(entry).toMatchObject({ statusId: null, title: 'DKA: the first hour' });
    expect((await ok('GET', `/api/v1/statuses/${status.id}`, alice)).rounds.learning).toEqual([]);

    // The status is free for a new quiz; deleting the status takes the quiz with it.
    const replacement = await attachQuiz(bob, status.id, { title: null });
    expect(replacement.title).toBe('Glucose 28 mmol/L, pH 7.1, ketones 5. What comes first?');
    await attempt(alice, replacement.id, [0, [1], 1]);
    await ok('DELETE', `/api/v1/statuses/${status.id}`, bob);
    expect((await refused('GET', `/api/rounds/v1/quizzes/${replacement.id}`, bob)).status).toBe(404);
    const history = await recordOf(alice);
    expect(history).toHaveLength(3);
    expect(history[2]).toMatchObject({ objectId: replacement.id, statusId: null, details: { correct: 0 } });
  });

  it('accepts form-encoded quizzes and attempts, as Mastodon-style clients send them', async () => {
    const status = await postStatus(bob);
    const form: Record<string, string> = {
      status_id: status.id,
      bloom_level: 'remember',
      'questions[0][prompt]': 'First-line vasopressor in septic shock?',
      'questions[0][options][0][text]': 'Noradrenaline',
      'questions[0][options][0][explanation]': 'Recommended first line.',
      'questions[0][options][0][correct]': 'true',
      'questions[0][options][1][text]': 'Dopamine',
      'questions[0][options][1][explanation]': 'More arrhythmias.',
    };
    const res = await api('POST', '/api/rounds/v1/quizzes', { token: bob.token, form });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.questions[0].correct_options).toEqual([0]);
    const tried = await api('POST', `/api/rounds/v1/quizzes/${res.body.id}/attempts`, {
      token: alice.token,
      form: { 'answers[0][]': '0', time_spent_seconds: '12' },
    });
    expect(tried.status, JSON.stringify(tried.body)).toBe(200);
    expect(tried.body).toMatchObject({ correct_count: 1, time_spent_seconds: 12 });
  });
});

describe('visibility follows the status', () => {
  it('hides a quiz on a followers-only post from strangers and anonymous callers through every path', async () => {
    const status = await postStatus(bob, 'private', 'For followers: a DKA quiz');
    const quiz = await attachQuiz(bob, status.id);
    const paths: Array<[string, string, unknown?]> = [
      ['GET', `/api/rounds/v1/quizzes/${quiz.id}`],
      ['GET', `/api/rounds/v1/statuses/${status.id}/quiz`],
      ['POST', `/api/rounds/v1/quizzes/${quiz.id}/attempts`, { answers: [1, [0, 2], 0] }],
      ['GET', `/api/rounds/v1/quizzes/${quiz.id}/attempts`],
      ['GET', `/api/rounds/v1/quizzes/${quiz.id}/stats`],
      ['PUT', `/api/rounds/v1/quizzes/${quiz.id}`, quizContent()],
      ['DELETE', `/api/rounds/v1/quizzes/${quiz.id}`],
    ];
    const missing = await refused('GET', '/api/rounds/v1/quizzes/1', carol);
    for (const [method, path, body] of paths) {
      const stranger = await refused(method, path, carol, body);
      expect(stranger, `${method} ${path}`).toMatchObject({ status: 404, code: 'not_found' });
      // The same answer as for a quiz that does not exist.
      expect(stranger.body).toEqual(missing.body);
    }
    for (const [method, path] of paths.slice(0, 2)) {
      expect((await refused(method, path, null)).status, `anonymous ${method} ${path}`).toBe(404);
    }
    // A stranger cannot attach a quiz to it either.
    const other = await postStatus(carol);
    expect(
      (await refused('POST', '/api/rounds/v1/quizzes', carol, { status_id: status.id, ...quizContent() }))
        .status,
    ).toBe(404);
    expect((await attachQuiz(carol, other.id)).status_id).toBe(other.id);

    // A follower sees and attempts it; a block hides it again.
    expect((await ok('GET', `/api/rounds/v1/quizzes/${quiz.id}`, alice)).id).toBe(quiz.id);
    expect((await attempt(alice, quiz.id, [1, [0, 2], 0])).correct_count).toBe(3);
    expect((await attempt(dan, quiz.id, [0, [0, 2], 0])).correct_count).toBe(2);
    await block(env, bob, dan);
    for (const [method, path, body] of paths.slice(0, 4)) {
      expect((await refused(method, path, dan, body)).status, `blocked ${method} ${path}`).toBe(404);
    }
  });
});

describe('the PHI gate', () => {
  const LEAK = 'Ask Marguerite Okafor, MRN 4471-2290';

  /** The quiz content with `leak` written into the field at `path`. */
  function withLeak(path: string) {
    const content = structuredClone(quizContent()) as any;
    const keys = path.split('.');
    let node = content;
    for (const k of keys.slice(0, -1)) node = node[k];
    node[keys.at(-1)!] = `${node[keys.at(-1)!] ?? ''} ${LEAK}`.trim();
    return content;
  }

  const FIELDS = [
    'title',
    'questions.0.prompt',
    'questions.1.prompt',
    'questions.0.options.3.text',
    'questions.1.options.2.explanation',
    'questions.2.options.0.text',
    'questions.2.options.2.explanation',
  ];

  it('refuses identifiers in every field of a new quiz, naming the field, and stores nothing', async () => {
    const status = await postStatus(bob);
    for (const field of FIELDS) {
      const res = await refused('POST', '/api/rounds/v1/quizzes', bob, {
        status_id: status.id,
        ...withLeak(field),
      });
      expect(res, field).toMatchObject({ status: 422, code: 'phi_detected' });
      expect(res.message).toContain(`Found in ${field}.`);
      expect(res.message).toContain("MRN '4471-2290'");
      expect(new Set(res.body.error.details.spans.map((s: { field: string }) => s.field))).toEqual(
        new Set([field]),
      );
    }
    expect((await refused('GET', `/api/rounds/v1/statuses/${status.id}/quiz`, bob)).status).toBe(404);
    expect(await env.ctx.db.select().from(quizzes).where(eq(quizzes.statusId, status.id))).toEqual([]);
  });

  it('refuses identifiers in an edit and keeps the quiz as it was', async () => {
    const status = await postStatus(bob);
    const quiz = await attachQuiz(bob, status.id);
    for (const field of FIELDS) {
      const res = await refused('PUT', `/api/rounds/v1/quizzes/${quiz.id}`, bob, withLeak(field));
      expect(res, field).toMatchObject({ status: 422, code: 'phi_detected' });
      expect(res.message).toContain(`Found in ${field}.`);
    }
    expect(await ok('GET', `/api/rounds/v1/quizzes/${quiz.id}`, bob)).toEqual(quiz);
  });
});

describe('bad input', () => {
  let statusId: string;
  let quizId: string;

  beforeAll(async () => {
    statusId = (await postStatus(bob)).id;
    const other = await postStatus(bob);
    quizId = (await attachQuiz(bob, other.id)).id;
  });

  function question(overrides: Record<string, unknown> = {}) {
    return {
      prompt: 'Pick one',
      options: [
        { text: 'A', explanation: 'Because A.', correct: true },
        { text: 'B', explanation: 'Because B.' },
      ],
      ...overrides,
    };
  }

  const CASES: Array<[string, Record<string, unknown>, string]> = [
    [
      'no correct option',
      {
        questions: [
          question({
            options: [
              { text: 'A', explanation: 'a' },
              { text: 'B', explanation: 'b' },
            ],
          }),
        ],
      },
      'questions.0.options: mark at least one option correct',
    ],
    [
      'two correct options on a single-answer question',
      {
        questions: [
          question(),
          question({
            options: [
              { text: 'A', explanation: 'a', correct: true },
              { text: 'B', explanation: 'b', correct: true },
            ],
          }),
        ],
      },
      'questions.1.options: a single-answer question has exactly one correct option (2 are marked)',
    ],
    ['no questions', { questions: [] }, 'questions: a quiz needs at least one question'],
    [
      '21 questions',
      { questions: Array.from({ length: 21 }, () => question()) },
      'questions: a quiz can have at most 20 questions',
    ],
    [
      'one option',
      { questions: [question({ options: [{ text: 'A', explanation: 'a', correct: true }] })] },
      'questions.0.options: a question needs at least 2 options',
    ],
    [
      'nine options',
      {
        questions: [
          question({
            options: Array.from({ length: 9 }, (_, i) => ({
              text: `O${i}`,
              explanation: 'x',
              correct: i === 0,
            })),
          }),
        ],
      },
      'questions.0.options: a question can have at most 8 options',
    ],
    [
      'an option without an explanation',
      { questions: [question({ options: [{ text: 'A', explanation: 'a', correct: true }, { text: 'B' }] })] },
      'questions.0.options.1.explanation: is required',
    ],
    ['a blank prompt', { questions: [question({ prompt: '   ' })] }, 'questions.0.prompt: is required'],
    [
      'repeated options',
      {
        questions: [
          question({
            options: [
              { text: 'Aspirin', explanation: 'a', correct: true },
              { text: 'aspirin ', explanation: 'b' },
            ],
          }),
        ],
      },
      'questions.0.options.1.text: repeats option 0',
    ],
    [
      'an unknown Bloom level',
      { bloom_level: 'memorise' },
      'bloom_level: must be one of remember, understand',
    ],
    ['a missing Bloom level', { bloom_level: undefined }, 'bloom_level: must be one of'],
    [
      'an unknown question type',
      { questions: [question({ type: 'essay' })] },
      'questions.0.type: must be single or multiple',
    ],
    [
      'a title over 200 characters',
      { title: 'x'.repeat(201) },
      'title: is too long (at most 200 characters)',
    ],
  ];

  it.each(CASES)('refuses a quiz with %s (422 naming the field)', async (_name, overrides, message) => {
    const body = { status_id: statusId, bloom_level: 'apply', questions: [question()], ...overrides };
    const res = await refused('POST', '/api/rounds/v1/quizzes', bob, body);
    expect(res).toMatchObject({ status: 422, code: 'validation_failed' });
    expect(res.message).toContain(message);
    const edit = await refused('PUT', `/api/rounds/v1/quizzes/${quizId}`, bob, {
      ...body,
      status_id: undefined,
    });
    expect(edit).toMatchObject({ status: 422 });
    expect(edit.message).toContain(message);
  });

  it('refuses attaching to a status that does not exist, a malformed id or a boost', async () => {
    const content = { bloom_level: 'apply', questions: [question()] };
    expect(
      await refused('POST', '/api/rounds/v1/quizzes', bob, { status_id: '12345', ...content }),
    ).toMatchObject({
      status: 404,
    });
    const malformed = await refused('POST', '/api/rounds/v1/quizzes', bob, { status_id: 'abc', ...content });
    expect(malformed).toMatchObject({ status: 422 });
    expect(malformed.message).toContain('status_id: must be a numeric id');
    const boost = await ok('POST', `/api/v1/statuses/${statusId}/reblog`, bob);
    const refusedBoost = await refused('POST', '/api/rounds/v1/quizzes', bob, {
      status_id: boost.id,
      ...content,
    });
    expect(refusedBoost).toMatchObject({ status: 422 });
    expect(refusedBoost.message).toContain('status_id: a boost cannot carry a quiz');
    expect((await refused('GET', '/api/rounds/v1/quizzes/quiz-1', alice)).status).toBe(422);
    expect((await refused('GET', '/api/rounds/v1/quizzes/99999999999999999999', alice)).status).toBe(422);
  });

  const ATTEMPTS: Array<[string, Record<string, unknown>, string]> = [
    [
      'too few answers',
      { answers: [1, [0, 2]] },
      'answers: this quiz has 3 questions; send one answer per question',
    ],
    ['too many answers', { answers: [1, [0, 2], 0, 1] }, 'answers: this quiz has 3 questions'],
    [
      'a choice out of range',
      { answers: [7, [0, 2], 0] },
      'answers.0: question 1 has no option 7; choose from 0 to 3 (0 is the first option)',
    ],
    ['a negative choice', { answers: [1, [-1], 0] }, 'answers.1.0: must be an option index'],
    [
      'a choice that is not a number',
      { answers: [1, [0, 2], 'first'] },
      'answers.2: must be an option index',
    ],
    ['a fractional choice', { answers: [1.5, [0, 2], 0] }, 'answers.0: must be an option index'],
    [
      'two choices on a single-answer question',
      { answers: [[0, 1], [0, 2], 0] },
      'answers.0: question 1 takes a single answer (2 given)',
    ],
    ['a repeated choice', { answers: [1, [0, 0], 0] }, 'answers.1: each option can be chosen only once'],
    ['no answers', {}, 'answers: must be a list with one answer per question'],
    [
      'a negative time spent',
      { answers: [1, [0, 2], 0], time_spent_seconds: -5 },
      'time_spent_seconds: must be 0 or more',
    ],
    [
      'a time spent over a day',
      { answers: [1, [0, 2], 0], time_spent_seconds: 90_000 },
      'time_spent_seconds: must be at most 86400',
    ],
  ];

  it.each(
    ATTEMPTS,
  )('refuses an attempt with %s (422 naming the field), recording nothing', async (_n, body, message) => {
    const res = await refused('POST', `/api/rounds/v1/quizzes/${quizId}/attempts`, carol, body);
    expect(res).toMatchObject({ status: 422, code: 'validation_failed' });
    expect(res.message).toContain(message);
    expect(
      await env.ctx.db
        .select()
        .from(quizAttempts)
        .where(and(eq(quizAttempts.quizId, quizId), eq(quizAttempts.accountId, carol.account.id))),
    ).toEqual([]);
  });

  it('refuses reading someone else’s statistics, and unauthenticated writes', async () => {
    const stats = await refused('GET', `/api/rounds/v1/quizzes/${quizId}/stats`, alice);
    expect(stats).toMatchObject({ status: 403, code: 'forbidden' });
    expect(stats.message).toContain('Only the quiz’s author');
    expect(
      (await refused('POST', `/api/rounds/v1/quizzes/${quizId}/attempts`, null, { answers: [] })).status,
    ).toBe(401);
    expect((await refused('GET', `/api/rounds/v1/quizzes/${quizId}/attempts`, null)).status).toBe(401);
    expect((await refused('POST', '/api/rounds/v1/quizzes', null, {})).status).toBe(401);
    const readOnly = await createPersona(env, 'reader', { scopes: 'read' });
    expect(
      (await refused('POST', `/api/rounds/v1/quizzes/${quizId}/attempts`, readOnly, { answers: [] })).status,
    ).toBe(403);
  });
});

describe('item analysis', () => {
  /*
   * Twelve learners answer a quiz whose correct answers are Q1: 1, Q2: {0, 2} (multiple), Q3: 0.
   * Their first attempts, scored all-or-nothing (1 = correct):
   *
   *   learner  answers                Q1 Q2 Q3  total
   *   L1       1, [0,2], 0             1  1  1    3
   *   L2       1, [2,0], 0             1  1  1    3
   *   L3       1, [0,2], 1             1  1  0    2
   *   L4       1, [0],   0             1  0  1    2   (Q2 one correct option missing)
   *   L5       0, [0,2], 0             0  1  1    2
   *   L6       1, [0,1,2], 0           1  0  1    2   (Q2 one wrong option added)
   *   L7       1, [1,3], 2             1  0  0    1
   *   L8       2, [],    0             0  0  1    1   (Q2 skipped)
   *   L9       1, [2],   skip          1  0  0    1
   *   L10      3, [1],   0             0  0  1    1
   *   L11      skip, [3], 1            0  0  0    0
   *   L12      1, [0,3], 2             1  0  0    1
   *
   * n = 12. Difficulty p = correct / n:
   *   Q1 = 8/12 = 0.6667, Q2 = 4/12 = 0.3333, Q3 = 7/12 = 0.5833.
   *
   * Groups: g = round(0.27 × 12) = round(3.24) = 3.
   *   Upper: totals descending 3,3,2,2,2,2,…; the 3rd best is 2 (the cut). L1 and L2 are above it;
   *   L3–L6 are tied at it and share the 1 place left: weight 1/4 each.
   *   Lower: totals ascending 0,1,1,1,1,1,…; the 3rd worst is 1. L11 is below; L7, L8, L9, L10, L12
   *   are tied and share the 2 places left: weight 2/5 each.
   *
   *   p_upper(Q1) = (1 + 1 + ¼(1 + 1 + 0 + 1)) / 3 = 2.75 / 3 = 0.9167
   *   p_upper(Q2) = (1 + 1 + ¼(1 + 0 + 1 + 0)) / 3 = 2.5 / 3  = 0.8333
   *   p_upper(Q3) = (1 + 1 + ¼(0 + 1 + 1 + 1)) / 3 = 2.75 / 3 = 0.9167
   *   p_lower(Q1) = (0 + ⅖(1 + 0 + 1 + 0 + 1)) / 3 = 1.2 / 3 = 0.4
   *   p_lower(Q2) = (0 + ⅖(0 + 0 + 0 + 0 + 0)) / 3 = 0
   *   p_lower(Q3) = (0 + ⅖(0 + 1 + 0 + 1 + 0)) / 3 = 0.8 / 3 = 0.2667
   *
   * Discrimination D = p_upper − p_lower (from the unrounded values):
   *   Q1 = 1.55 / 3 = 0.5167, Q2 = 2.5 / 3 = 0.8333, Q3 = 1.95 / 3 = 0.65.
   *
   * Mean score = 19 correct answers / (12 × 3) = 0.5278.
   * Option counts — Q1: [1, 8, 1, 1], 1 skipped; Q2: [7, 3, 6, 3], 1 skipped; Q3: [7, 2, 2], 1 skipped.
   *
   * Second attempts (L1 all wrong, L11 all right) must change none of this.
   */
  const FIRST: unknown[][] = [
    [1, [0, 2], 0],
    [1, [2, 0], 0],
    [1, [0, 2], 1],
    [1, [0], 0],
    [0, [0, 2], 0],
    [1, [0, 1, 2], 0],
    [1, [1, 3], 2],
    [2, [], 0],
    [1, [2], null],
    [3, [1], 0],
    [null, [3], 1],
    [1, [0, 3], 2],
  ];
  const EXPECTED_TOTALS = [3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 0, 1];

  it('is hidden below 10 learners, counts only first attempts, and matches the hand-computed indexes', async () => {
    const status = await postStatus(bob, 'public', 'Twelve learners, one quiz');
    const quiz = await attachQuiz(bob, status.id);
    const learners: Persona[] = [];
    for (let i = 1; i <= 12; i++) learners.push(await createPersona(env, `learner${i}`));
    const stats = () => ok('GET', `/api/rounds/v1/quizzes/${quiz.id}/stats`, bob);

    expect(await stats()).toMatchObject({
      available: false,
      learners_count: 0,
      attempts_count: 0,
      questions: null,
    });

    for (let i = 0; i < 9; i++) {
      env.clock.advance(1000);
      const a = await attempt(learners[i]!, quiz.id, FIRST[i]);
      expect(a.correct_count, `L${i + 1}`).toBe(EXPECTED_TOTALS[i]);
    }
    // A repeat does not make a tenth learner.
    env.clock.advance(1000);
    expect((await attempt(learners[0]!, quiz.id, [0, [1], 2])).first).toBe(false);
    expect(await stats()).toEqual({
      quiz_id: quiz.id,
      available: false,
      learners_count: 9,
      attempts_count: 10,
      min_learners: 10,
      message:
        'Item analysis is shown once at least 10 learners have attempted this quiz; 9 have so far (10 attempts in all)',
      group_size: null,
      mean_score: null,
      questions: null,
    });

    env.clock.advance(1000);
    await attempt(learners[9]!, quiz.id, FIRST[9]);
    const ten = await stats();
    expect(ten).toMatchObject({ available: true, learners_count: 10, group_size: 3, message: null });

    for (const i of [10, 11]) {
      env.clock.advance(1000);
      expect((await attempt(learners[i]!, quiz.id, FIRST[i])).correct_count).toBe(EXPECTED_TOTALS[i]);
    }
    env.clock.advance(1000);
    expect((await attempt(learners[10]!, quiz.id, [1, [0, 2], 0])).correct_count).toBe(3);

    expect(await stats()).toEqual({
      quiz_id: quiz.id,
      available: true,
      learners_count: 12,
      attempts_count: 14,
      min_learners: 10,
      message: null,
      group_size: 3,
      mean_score: 0.5278,
      questions: [
        {
          index: 0,
          correct_count: 8,
          difficulty: 0.6667,
          discrimination: 0.5167,
          p_upper: 0.9167,
          p_lower: 0.4,
          option_counts: [1, 8, 1, 1],
          skipped_count: 1,
        },
        {
          index: 1,
          correct_count: 4,
          difficulty: 0.3333,
          discrimination: 0.8333,
          p_upper: 0.8333,
          p_lower: 0,
          option_counts: [7, 3, 6, 3],
          skipped_count: 1,
        },
        {
          index: 2,
          correct_count: 7,
          difficulty: 0.5833,
          discrimination: 0.65,
          p_upper: 0.9167,
          p_lower: 0.2667,
          option_counts: [7, 2, 2],
          skipped_count: 1,
        },
      ],
    });
    // Only the author reads it.
    expect((await refused('GET', `/api/rounds/v1/quizzes/${quiz.id}/stats`, learners[0]!)).status).toBe(403);
  });
});

describe('the OpenAPI document', () => {
  const DOC_ID = 'https://rounds.test/rounds-openapi.json';
  const pointer = (p: string) => p.replaceAll('~', '~0').replaceAll('/', '~1');
  let ajv: Ajv2020;

  /** The schema of `method path`'s answer with `status` (or its JSON request body: `body`). */
  function validator(method: string, path: string, part: string): ValidateFunction {
    const where =
      part === 'body'
        ? `requestBody/content/${pointer('application/json')}/schema`
        : `responses/${part}/content/${pointer('application/json')}/schema`;
    return ajv.compile({ $ref: `${DOC_ID}#/paths/${pointer(path)}/${method}/${where}` });
  }

  function expectDocumented(method: string, path: string, res: { status: number; body: unknown }) {
    const fn = validator(method, path, String(res.status));
    expect(fn(res.body), `${method} ${path} ${res.status}: ${JSON.stringify(fn.errors)}`).toBe(true);
  }

  beforeAll(async () => {
    const doc = await ok('GET', '/api/rounds/v1/openapi.json', null);
    ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema({ ...doc, $id: DOC_ID });
  });

  it('describes every quiz answer, and the bodies clients send', async () => {
    const status = await postStatus(bob);
    const body = { status_id: status.id, ...quizContent() };
    expect(validator('post', '/api/rounds/v1/quizzes', 'body')(body)).toBe(true);
    expect(validator('post', '/api/rounds/v1/quizzes', 'body')({ ...body, bloom_level: 'x' })).toBe(false);
    const created = await api('POST', '/api/rounds/v1/quizzes', { token: bob.token, body });
    expectDocumented('post', '/api/rounds/v1/quizzes', created);
    const id = created.body.id;
    const one = '/api/rounds/v1/quizzes/{id}';
    expectDocumented('get', one, await api('GET', `/api/rounds/v1/quizzes/${id}`, { token: alice.token }));
    expectDocumented('get', one, await api('GET', '/api/rounds/v1/quizzes/1', { token: alice.token }));
    expectDocumented(
      'get',
      '/api/rounds/v1/statuses/{id}/quiz',
      await api('GET', `/api/rounds/v1/statuses/${status.id}/quiz`),
    );
    const stats = '/api/rounds/v1/quizzes/{id}/stats';
    expectDocumented(
      'get',
      stats,
      await api('GET', `/api/rounds/v1/quizzes/${id}/stats`, { token: bob.token }),
    );
    expectDocumented(
      'get',
      stats,
      await api('GET', `/api/rounds/v1/quizzes/${id}/stats`, { token: alice.token }),
    );

    const attempts = '/api/rounds/v1/quizzes/{id}/attempts';
    const answers = { answers: [1, [0, 2], null], time_spent_seconds: 30 };
    expect(validator('post', attempts, 'body')(answers)).toBe(true);
    expectDocumented(
      'post',
      attempts,
      await api('POST', `/api/rounds/v1/quizzes/${id}/attempts`, { token: alice.token, body: answers }),
    );
    const bad = await api('POST', `/api/rounds/v1/quizzes/${id}/attempts`, {
      token: alice.token,
      body: { answers: [9, [], 0] },
    });
    expect(bad.status).toBe(422);
    expectDocumented('post', attempts, bad);
    expectDocumented(
      'get',
      attempts,
      await api('GET', `/api/rounds/v1/quizzes/${id}/attempts`, { token: alice.token }),
    );

    const conflict = await api('PUT', `/api/rounds/v1/quizzes/${id}`, {
      token: bob.token,
      body: quizContent(),
    });
    expect(conflict.status).toBe(409);
    expectDocumented('put', one, conflict);
    expectDocumented(
      'delete',
      one,
      await api('DELETE', `/api/rounds/v1/quizzes/${id}`, { token: bob.token }),
    );
  });
});
