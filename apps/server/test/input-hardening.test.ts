import { beforeAll, describe, expect, it } from 'vitest';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';

/** Odd input that once reached the database unchecked: each is a 4xx or cleaned, never a 500. */
describe('input hardening', () => {
  let env: TestEnv;
  let alice: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
  });

  it('drops NUL characters from JSON, form and query parameters instead of failing', async () => {
    const list = await call(env, 'POST', '/api/v1/lists', {
      token: alice.token,
      body: { title: 'Cardio\u0000 journal club' },
    });
    expect(list.status).toBe(200);
    expect(list.body.title).toBe('Cardio journal club');
    const filter = await call(env, 'POST', '/api/v2/filters', {
      token: alice.token,
      body: {
        title: 'spoilers\u0000',
        context: ['home'],
        keywords_attributes: [{ keyword: 'quiz\u0000answer' }],
      },
    });
    expect(filter.status).toBe(200);
    expect(filter.body.title).toBe('spoilers');
    expect(filter.body.keywords[0].keyword).toBe('quizanswer');
    const form = await call(env, 'POST', '/api/v1/lists', {
      token: alice.token,
      form: { title: 'Night\u0000 shift' },
    });
    expect(form.status).toBe(200);
    expect(form.body.title).toBe('Night shift');
  });

  it('refuses a DOI with control characters on the paper page and in attached references', async () => {
    const page = await call(env, 'GET', '/api/rounds/v1/papers/10.1000%2Fa%00b', { token: alice.token });
    expect(page.status).toBe(422);
    const post = await call(env, 'POST', '/api/rounds/v1/statuses', {
      token: alice.token,
      body: { status: 'Worth reading', references: [{ doi: '10.1000/a\u0001b' }] },
    });
    expect(post.status).toBe(422);
    expect(JSON.stringify(post.body)).toContain('references');
  });

  it('answers a scheduled post with malformed media ids with a 422 naming the field', async () => {
    const at = new Date(env.clock.now().getTime() + 60 * 60 * 1000).toISOString();
    const res = await call(env, 'POST', '/api/v1/statuses', {
      token: alice.token,
      body: { status: 'Later', scheduled_at: at, media_ids: ['abc'] },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatch(/media_ids/);
  });

  it('caps keywords per filter', async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ keyword: `word${i}` }));
    const tooMany = await call(env, 'POST', '/api/v2/filters', {
      token: alice.token,
      body: { title: 'Too many', context: ['home'], keywords_attributes: many },
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error).toMatch(/at most 100 keywords/);
    const full = await call(env, 'POST', '/api/v2/filters', {
      token: alice.token,
      body: { title: 'Full', context: ['home'], keywords_attributes: many.slice(0, 100) },
    });
    expect(full.status).toBe(200);
    const extra = await call(env, 'POST', `/api/v2/filters/${full.body.id}/keywords`, {
      token: alice.token,
      body: { keyword: 'one more' },
    });
    expect(extra.status).toBe(422);
    expect(extra.body.error).toMatch(/at most 100 keywords/);
    const kept = await call(env, 'GET', `/api/v2/filters/${full.body.id}`, { token: alice.token });
    expect(kept.body.keywords).toHaveLength(100);
  });
});
