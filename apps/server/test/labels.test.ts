import { beforeAll, describe, expect, it } from 'vitest';
import { setUserRole } from '../src/domain/credentials/index.ts';
import { issueToken } from '../src/domain/oauth/index.ts';
import { ok, post } from './corrections-fixtures.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { expectMatchesSchema } from './openapi.ts';
import { loadRoundsOpenApi } from './rounds-openapi.ts';

/** Moderator labels on posts (issue 7): misleading, outdated guidance, retracted paper. */

let env: TestEnv;
let api: Awaited<ReturnType<typeof loadRoundsOpenApi>>;
let alice: Persona;
let bob: Persona;
let dan: Persona;
let mo: Persona; // role moderator (the personas' moderator)
let ada: Persona; // role admin

const labelsPath = (id: string) => `/api/rounds/v1/statuses/${id}/labels`;

function labelLine(content: string): string | null {
  return content.match(/<p class="rounds-labels">.*?<\/p>/)?.[0] ?? null;
}

beforeAll(async () => {
  env = await createTestEnv();
  api = await loadRoundsOpenApi(env);
  alice = await createPersona(env, 'alice');
  bob = await createPersona(env, 'bob');
  dan = await createPersona(env, 'dan');
  mo = await createPersona(env, 'mo', { scopes: 'read write follow push admin:write:reports' });
  ada = await createPersona(env, 'ada', { scopes: 'read write follow push admin:write:reports' });
  await setUserRole(env.ctx, ada.user.id, 'admin');
});

describe('moderator labels', () => {
  let statusId: string;

  it('a moderator labels a post; everyone sees the label and a readable line', async () => {
    statusId = (
      await post(env, alice, 'Hydroxychloroquine prevents COVID-19. doi:10.1016/j.ijantimicag.2020.105949')
    ).id;
    const labelled = await ok(env, 'POST', labelsPath(statusId), mo, { label: 'retracted_paper' });
    api.expectDocumented('post', '/api/rounds/v1/statuses/{id}/labels', 200, labelled);
    expect(labelled.rounds.labels).toEqual([
      {
        label: 'retracted_paper',
        name: 'Cites a retracted paper',
        created_at: env.clock.now().toISOString(),
      },
    ]);
    expect(labelLine(labelled.content)).toBe(
      '<p class="rounds-labels">Moderator label: Cites a retracted paper</p>',
    );
    for (const viewer of [dan, null]) {
      const seen = await ok(env, 'GET', `/api/v1/statuses/${statusId}`, viewer);
      expectMatchesSchema('Status', seen);
      expect(seen.rounds.labels.map((l: { label: string }) => l.label)).toEqual(['retracted_paper']);
      expect(labelLine(seen.content)).not.toBeNull();
    }
    const timeline = await ok(env, 'GET', '/api/v1/timelines/public', dan);
    const item = timeline.find((s: { id: string }) => s.id === statusId);
    expect(item.rounds.labels).toHaveLength(1);
  });

  it('adds more labels in order, once each; admins may label too', async () => {
    env.clock.advance(1000);
    await ok(env, 'POST', labelsPath(statusId), ada, { label: 'misleading' });
    const again = await ok(env, 'POST', labelsPath(statusId), mo, { label: 'misleading' });
    expect(again.rounds.labels.map((l: { label: string }) => l.label)).toEqual([
      'retracted_paper',
      'misleading',
    ]);
    expect(labelLine(again.content)).toBe(
      '<p class="rounds-labels">Moderator labels: Cites a retracted paper · Misleading</p>',
    );
  });

  it('travels with reblogs, and a reblog id labels the reblogged post', async () => {
    const reblog = await ok(env, 'POST', `/api/v1/statuses/${statusId}/reblog`, bob);
    expect(reblog.content).toBe('');
    expect(reblog.rounds.labels).toHaveLength(2);
    expect(labelLine(reblog.reblog.content)).toContain('Misleading');
    const viaReblog = await ok(env, 'POST', labelsPath(reblog.id), mo, { label: 'outdated_guidance' });
    expect(viaReblog.id).toBe(statusId);
    expect(viaReblog.rounds.labels.map((l: { label: string }) => l.label)).toEqual([
      'retracted_paper',
      'misleading',
      'outdated_guidance',
    ]);
  });

  it('takes labels off (query or body), down to none', async () => {
    const one = await ok(env, 'DELETE', `${labelsPath(statusId)}?label=misleading`, mo);
    api.expectDocumented('delete', '/api/rounds/v1/statuses/{id}/labels', 200, one);
    expect(one.rounds.labels.map((l: { label: string }) => l.label)).toEqual([
      'retracted_paper',
      'outdated_guidance',
    ]);
    await ok(env, 'DELETE', labelsPath(statusId), mo, { label: 'retracted_paper' });
    const none = await ok(env, 'DELETE', labelsPath(statusId), mo, { label: 'outdated_guidance' });
    expect(none.rounds.labels).toEqual([]);
    expect(labelLine(none.content)).toBeNull();
    // Removing a label that is not there is fine.
    expect(
      (await ok(env, 'DELETE', labelsPath(statusId), mo, { label: 'misleading' })).rounds.labels,
    ).toEqual([]);
  });

  it('refuses non-moderators, unknown labels and posts the moderator cannot see, with a message', async () => {
    // A member whose app holds the admin scope is still not a moderator.
    const member = await createPersona(env, 'bobby', { scopes: 'read write admin:write:reports' });
    const notMod = await call(env, 'POST', labelsPath(statusId), {
      token: member.token,
      body: { label: 'misleading' },
    });
    expect(notMod.status).toBe(403);
    expect(notMod.body.error.message).toMatch(/^Only moderators can label posts/);
    // A moderator's ordinary app (no admin scope) cannot use moderator powers.
    const modPlain = await call(env, 'POST', labelsPath(statusId), {
      token: (await issueToken(env.ctx, null, mo.user.id, 'read write')).accessToken,
      body: { label: 'misleading' },
    });
    expect(modPlain.status).toBe(403);
    const bobLabel = await call(env, 'POST', labelsPath(statusId), {
      token: bob.token,
      body: { label: 'misleading' },
    });
    expect(bobLabel.status).toBe(403);
    const unlabel = await call(env, 'DELETE', `${labelsPath(statusId)}?label=misleading`, {
      token: member.token,
    });
    expect(unlabel.status).toBe(403);
    expect(unlabel.body.error.message).toMatch(/^Only moderators can remove labels/);
    const unknown = await call(env, 'POST', labelsPath(statusId), {
      token: mo.token,
      body: { label: 'fake_news' },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.message).toBe(
      'label: must be one of misleading, outdated_guidance, retracted_paper',
    );
    api.expectDocumented('post', '/api/rounds/v1/statuses/{id}/labels', 422, unknown.body);
    const missing = await call(env, 'POST', labelsPath(statusId), { token: mo.token, body: {} });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details.field).toBe('label');
    const secret = (await post(env, alice, 'Only for my followers.', { visibility: 'private' })).id;
    const hidden = await call(env, 'POST', labelsPath(secret), {
      token: mo.token,
      body: { label: 'misleading' },
    });
    expect(hidden.status).toBe(404);
    const nothing = await call(env, 'POST', labelsPath('123456789'), {
      token: mo.token,
      body: { label: 'misleading' },
    });
    expect(nothing.status).toBe(404);
    expect((await ok(env, 'GET', `/api/v1/statuses/${statusId}`, dan)).rounds.labels).toEqual([]);
  });
});
