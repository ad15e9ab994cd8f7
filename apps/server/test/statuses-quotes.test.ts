import { beforeAll, describe, expect, it } from 'vitest';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { expectMatchesSchema } from './openapi.ts';
import { block, follow, post, unblock, view } from './statuses-fixtures.ts';

function quote(env: TestEnv, who: Persona, quotedId: string, extra: Record<string, unknown> = {}) {
  return call(env, 'POST', '/api/v1/statuses', {
    token: who.token,
    body: { status: 'Worth reading for anyone on nights', quoted_status_id: quotedId, ...extra },
  });
}

describe('quote posts', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona; // follows alice
  let carol: Persona;
  let dan: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
    carol = await createPersona(env, 'carol');
    dan = await createPersona(env, 'dan');
    await follow(env, bob, alice);
  });

  it('quotes a public post: Quote entity, quotes_count, StatusQuoted event', async () => {
    const events: unknown[] = [];
    env.ctx.events.on('StatusQuoted', (e) => {
      events.push(e);
    });
    const original = await post(env, alice, { status: 'Five signs of fluid overload on bedside ultrasound' });
    const res = await quote(env, carol, original.id);
    expect(res.status).toBe(200);
    expectMatchesSchema('Status', res.body);
    expect(res.body.quote.state).toBe('accepted');
    expect(res.body.quote.quoted_status.id).toBe(original.id);
    expect(res.body.content).toContain('class="quote-inline"');
    expect((await view(env, original.id)).body.quotes_count).toBe(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(events).toEqual([{ statusId: original.id, quoteId: res.body.id, accountId: carol.account.id }]);
  });

  it("respects the quoted post's policy: followers", async () => {
    const s = await post(env, alice, {
      status: 'For my followers to quote',
      quote_approval_policy: 'followers',
    });
    expect(s.quote_approval).toEqual({ automatic: ['followers'], manual: [], current_user: 'automatic' });
    expect((await view(env, s.id, carol)).body.quote_approval.current_user).toBe('denied');
    expect((await view(env, s.id, bob)).body.quote_approval.current_user).toBe('automatic');
    expect((await view(env, s.id)).body.quote_approval.current_user).toBe('unknown');
    const denied = await quote(env, carol, s.id);
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatch(/followers/);
    expect((await quote(env, bob, s.id)).status).toBe(200);
  });

  it("respects the quoted post's policy: nobody but the author", async () => {
    const s = await post(env, alice, { status: 'Not for quoting', quote_approval_policy: 'nobody' });
    expect(s.quote_approval.automatic).toEqual([]);
    expect((await quote(env, bob, s.id)).status).toBe(403);
    const own = await quote(env, alice, s.id);
    expect(own.status).toBe(200);
    expect(own.body.quote.quoted_status.id).toBe(s.id);
  });

  it('can change the policy by editing', async () => {
    const s = await post(env, alice, { status: 'Policy changes later' });
    const edited = await call(env, 'PUT', `/api/v1/statuses/${s.id}`, {
      token: alice.token,
      body: { quote_approval_policy: 'nobody' },
    });
    expect(edited.body.quote_approval.automatic).toEqual([]);
    expect((await quote(env, carol, s.id)).status).toBe(403);
  });

  it('shows a quote inside a quote as a shallow quote', async () => {
    const original = await post(env, alice, { status: 'Original teaching point' });
    const first = (await quote(env, bob, original.id)).body;
    const second = await quote(env, dan, first.id);
    expect(second.status).toBe(200);
    expectMatchesSchema('Status', second.body);
    expect(second.body.quote.quoted_status.id).toBe(first.id);
    expect(second.body.quote.quoted_status.quote).toEqual({
      state: 'accepted',
      quoted_status_id: original.id,
    });
  });

  it('a quote of a deleted post reads as deleted; deleting a quote lowers quotes_count', async () => {
    const original = await post(env, alice, { status: 'Soon deleted' });
    const q = (await quote(env, carol, original.id)).body;
    const other = (await quote(env, dan, original.id)).body;
    expect((await view(env, original.id)).body.quotes_count).toBe(2);
    await call(env, 'DELETE', `/api/v1/statuses/${other.id}`, { token: dan.token });
    expect((await view(env, original.id)).body.quotes_count).toBe(1);
    await call(env, 'DELETE', `/api/v1/statuses/${original.id}`, { token: alice.token });
    const after = await view(env, q.id);
    expect(after.status).toBe(200);
    expectMatchesSchema('Status', after.body);
    expect(after.body.quote).toEqual({ state: 'deleted', quoted_status: null });
  });

  it('shows an invisible quoted post as unauthorized, and one from a blocked account as blocked_account', async () => {
    const original = await post(env, alice, { status: 'Quoted, then the author blocks' });
    const q = (await quote(env, bob, original.id)).body;
    await block(env, alice, carol);
    const asCarol = await view(env, q.id, carol);
    expect(asCarol.body.quote).toEqual({ state: 'unauthorized', quoted_status: null });
    await unblock(env, alice, carol);
    await block(env, carol, alice);
    expect((await view(env, q.id, carol)).body.quote).toEqual({
      state: 'blocked_account',
      quoted_status: null,
    });
    await unblock(env, carol, alice);
    expect((await view(env, q.id, carol)).body.quote.state).toBe('accepted');
  });

  it("quoting one's own followers-only post keeps the quote followers-only", async () => {
    const priv = await post(env, alice, { status: 'Followers-only case discussion', visibility: 'private' });
    const own = await quote(env, alice, priv.id, { visibility: 'public' });
    expect(own.status).toBe(200);
    expect(own.body.visibility).toBe('private');
    expect((await view(env, own.body.id, carol)).status).toBe(404);
  });

  it('a direct quote must mention the quoted author', async () => {
    const s = await post(env, alice, { status: 'DM-quotable' });
    const missing = await quote(env, bob, s.id, { visibility: 'direct', status: 'look at this' });
    expect(missing.status).toBe(422);
    expect(missing.body.details.field).toBe('quoted_status_id');
    const ok = await quote(env, bob, s.id, { visibility: 'direct', status: '@alice look at this' });
    expect(ok.status).toBe(200);
  });

  it('404 for unknown quoted ids; lists quotes of a status for a signed-in viewer', async () => {
    expect((await quote(env, bob, '1234567')).status).toBe(404);
    const s = await post(env, alice, { status: 'Quote list target' });
    const q1 = (await quote(env, bob, s.id)).body;
    const q2 = (await quote(env, carol, s.id)).body;
    const list = await call(env, 'GET', `/api/v1/statuses/${s.id}/quotes`, { token: alice.token });
    expect(list.status).toBe(200);
    expect(list.body.map((x: any) => x.id)).toEqual([q2.id, q1.id]);
    expect((await call(env, 'GET', `/api/v1/statuses/${s.id}/quotes`)).status).toBe(401);
  });
});
