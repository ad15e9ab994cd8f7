import { beforeAll, describe, expect, it } from 'vitest';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { expectMatchesSchema } from './openapi.ts';
import { block, mute, post } from './statuses-fixtures.ts';

describe('GET /api/v1/statuses/:id/context', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  let carol: Persona;
  let dan: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
    carol = await createPersona(env, 'carol');
    dan = await createPersona(env, 'dan');
  });

  const ids = (list: Array<{ id: string }>) => list.map((s) => s.id);

  it('returns ancestors oldest first and descendants in thread order', async () => {
    const parts: string[] = [];
    let parent: string | undefined;
    for (let i = 1; i <= 5; i++) {
      const s = await post(env, bob, { status: `${i}/5 Lung ultrasound basics`, in_reply_to_id: parent });
      parts.push(s.id);
      parent = s.id;
    }
    const aliceOn2 = await post(env, alice, { status: 'Great point on B-lines', in_reply_to_id: parts[1] });
    const bobToAlice = await post(env, bob, { status: 'Thanks!', in_reply_to_id: aliceOn2.id });
    const danOn2 = await post(env, dan, { status: 'What probe do you use?', in_reply_to_id: parts[1] });

    const res = await call(env, 'GET', `/api/v1/statuses/${parts[2]}/context`);
    expect(res.status).toBe(200);
    expectMatchesSchema('Context', res.body);
    expect(ids(res.body.ancestors)).toEqual([parts[0], parts[1]]);
    expect(ids(res.body.descendants)).toEqual([parts[3], parts[4]]);

    const fromRoot = await call(env, 'GET', `/api/v1/statuses/${parts[0]}/context`, { token: carol.token });
    expect(fromRoot.body.ancestors).toEqual([]);
    expect(ids(fromRoot.body.descendants)).toEqual([
      parts[1],
      parts[2],
      parts[3],
      parts[4],
      aliceOn2.id,
      bobToAlice.id,
      danOn2.id,
    ]);

    await mute(env, carol, dan);
    await block(env, carol, alice);
    const filtered = await call(env, 'GET', `/api/v1/statuses/${parts[0]}/context`, { token: carol.token });
    // Muted and blocked authors drop out; replies below them stay.
    expect(ids(filtered.body.descendants)).toEqual([parts[1], parts[2], parts[3], parts[4], bobToAlice.id]);
  });

  it('answers 404 for unknown statuses', async () => {
    expect((await call(env, 'GET', '/api/v1/statuses/5555555/context')).status).toBe(404);
  });
});
