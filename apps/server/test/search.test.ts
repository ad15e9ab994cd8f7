import { beforeAll, describe, expect, it } from 'vitest';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { expectMatchesSchema } from './openapi.ts';
import { block, follow, mute, post } from './statuses-fixtures.ts';

const ids = (body: { statuses: Array<{ id: string }> }) => body.statuses.map((s) => s.id);

/** GET /api/v2/search?type=statuses as `who` (anonymous without), failing on anything but 200. */
async function findStatuses(env: TestEnv, q: string, who?: Persona, extra = ''): Promise<string[]> {
  const res = await call(env, 'GET', `/api/v2/search?type=statuses&q=${encodeURIComponent(q)}${extra}`, {
    token: who?.token,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return ids(res.body);
}

describe('GET /api/v2/search — statuses', () => {
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

  it('finds a post by a word stemmed differently, both ways, and answers the Search schema', async () => {
    const plural = await post(env, bob, {
      status: 'Three ultrasounds before lunch: B-lines everywhere',
      language: 'en',
    });
    const singular = await post(env, bob, {
      status: 'Cardiac ultrasound views for the new interns',
      language: 'en',
    });
    const res = await call(env, 'GET', '/api/v2/search?q=ultrasound', { token: alice.token });
    expect(res.status).toBe(200);
    expectMatchesSchema('Search', res.body);
    expect(ids(res.body)).toEqual(expect.arrayContaining([plural.id, singular.id]));
    expect(await findStatuses(env, 'ULTRASOUNDS', alice)).toEqual(
      expect.arrayContaining([plural.id, singular.id]),
    );
    expect(await findStatuses(env, 'interns teaching', alice)).toEqual([]);
  });

  it('does not find a followers-only post of a stranger, but its author and followers do', async () => {
    const secret = await post(env, bob, {
      status: 'Pericardiocentesis debrief for my followers',
      visibility: 'private',
    });
    expect(await findStatuses(env, 'pericardiocentesis', alice)).toEqual([]);
    expect(await findStatuses(env, 'pericardiocentesis')).toEqual([]);
    expect(await findStatuses(env, 'pericardiocentesis', bob)).toEqual([secret.id]);
    await follow(env, carol, bob);
    expect(await findStatuses(env, 'pericardiocentesis', carol)).toEqual([secret.id]);
  });

  it('searches the content warning too', async () => {
    const cw = await post(env, carol, {
      status: 'Answer: tension pneumothorax',
      spoiler_text: 'Quiz spoiler: hypotension',
    });
    expect(await findStatuses(env, 'hypotension', alice)).toEqual([cw.id]);
  });

  it('stems in the post language and still matches the exact word across languages', async () => {
    const es = await post(env, carol, { status: 'Ecografías pulmonares en urgencias', language: 'es' });
    const fr = await post(env, carol, {
      status: 'échographies cardiaques au lit du malade',
      language: 'fr',
    });
    // Spanish stemming: the searcher writes Spanish (singular), the post is plural.
    const { updatePostingDefaults } = await import('../src/domain/accounts/preferences.ts');
    await updatePostingDefaults(env.ctx, dan.account.id, { language: 'es' });
    expect(await findStatuses(env, 'ecografía urgencia', dan)).toEqual([es.id]);
    // An English searcher finds the French post by its exact words.
    expect(await findStatuses(env, 'échographies', alice)).toEqual([fr.id]);
    expect(await findStatuses(env, 'cardiaques', alice)).toEqual([fr.id]);
  });

  it('ranks better matches first, and newer first among equal matches', async () => {
    const once = await post(env, alice, { status: 'Capnography note: waveform shape matters' });
    env.clock.advance(60_000);
    const often = await post(env, alice, {
      status: 'Capnography capnography capnography: waveform capnography on every sedation',
    });
    env.clock.advance(60_000);
    const newer = await post(env, alice, { status: 'Capnography note: waveform shape matters (again)' });
    const found = await findStatuses(env, 'capnography waveform', dan);
    expect(found[0]).toBe(often.id);
    expect(found.indexOf(newer.id)).toBeLessThan(found.indexOf(once.id));
    // A year-old match gives way to a fresh one of the same relevance.
    env.clock.advance(365 * 24 * 3600_000);
    const fresh = await post(env, alice, {
      status: 'Capnography capnography capnography: waveform capnography, fresh',
    });
    expect((await findStatuses(env, 'capnography waveform', dan))[0]).toBe(fresh.id);
  });

  it('restricts to one author with account_id and pages with limit, offset, max_id and min_id', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      env.clock.advance(1000);
      made.push((await post(env, dan, { status: `Sepsis bundle reminder number ${i}` })).id);
    }
    await post(env, carol, { status: 'Sepsis bundle from the nurses' });
    const byDan = await findStatuses(env, 'sepsis', alice, `&account_id=${dan.account.id}`);
    expect(byDan).toEqual([...made].reverse());
    const page1 = await findStatuses(env, 'sepsis', alice, `&account_id=${dan.account.id}&limit=2`);
    const page2 = await findStatuses(env, 'sepsis', alice, `&account_id=${dan.account.id}&limit=2&offset=2`);
    expect([...page1, ...page2]).toEqual(byDan.slice(0, 4));
    expect(
      await findStatuses(env, 'sepsis', alice, `&account_id=${dan.account.id}&max_id=${made[2]}`),
    ).toEqual([made[1], made[0]]);
    expect(
      await findStatuses(env, 'sepsis', alice, `&account_id=${dan.account.id}&min_id=${made[2]}`),
    ).toEqual([made[4], made[3]]);
  });

  it('leaves out reblogs, muted and blocked authors, and authors who opted out of search', async () => {
    const original = await post(env, carol, { status: 'Vasopressor titration chart' });
    expect(
      (await call(env, 'POST', `/api/v1/statuses/${original.id}/reblog`, { token: bob.token })).status,
    ).toBe(200);
    expect(await findStatuses(env, 'vasopressor', alice)).toEqual([original.id]);

    const muted = await post(env, bob, { status: 'Bronchiolitis season is here' });
    await mute(env, alice, bob);
    expect(await findStatuses(env, 'bronchiolitis', alice)).toEqual([]);
    expect(await findStatuses(env, 'bronchiolitis', dan)).toEqual([muted.id]);
    await block(env, bob, dan);
    expect(await findStatuses(env, 'bronchiolitis', dan)).toEqual([]);

    const hidden = await post(env, carol, { status: 'Tourniquet drill notes' });
    const optOut = await call(env, 'PATCH', '/api/v1/accounts/update_credentials', {
      token: carol.token,
      body: { indexable: false },
    });
    expect(optOut.status).toBe(200);
    expect(await findStatuses(env, 'tourniquet', alice)).toEqual([]);
    expect(await findStatuses(env, 'tourniquet')).toEqual([]);
    // ...but her own posts, and posts a searcher favourited, stay findable for them.
    expect(await findStatuses(env, 'tourniquet', carol)).toEqual([hidden.id]);
    await call(env, 'POST', `/api/v1/statuses/${hidden.id}/favourite`, { token: alice.token });
    expect(await findStatuses(env, 'tourniquet', alice)).toEqual([hidden.id]);
    await call(env, 'PATCH', '/api/v1/accounts/update_credentials', {
      token: carol.token,
      body: { indexable: true },
    });
  });

  it('finds the edited text, not the old one', async () => {
    const s = await post(env, dan, { status: 'Hyperkalemia ECG changes' });
    const edited = await call(env, 'PUT', `/api/v1/statuses/${s.id}`, {
      token: dan.token,
      body: { status: 'Hypokalemia ECG changes' },
    });
    expect(edited.status).toBe(200);
    expect(await findStatuses(env, 'hyperkalemia', alice)).toEqual([]);
    expect(await findStatuses(env, 'hypokalemia', alice)).toEqual([s.id]);
  });

  it('understands web-search syntax and survives hostile input', async () => {
    const a = await post(env, alice, { status: 'Lung point sign rules in haemothorax teaching' });
    const b = await post(env, alice, { status: 'Haemothorax needle decompression' });
    expect(await findStatuses(env, '"lung point" haemothorax', dan)).toEqual([a.id]);
    expect(await findStatuses(env, '"point lung" haemothorax', dan)).toEqual([]);
    expect(await findStatuses(env, 'haemothorax -needle', dan)).toEqual([a.id]);
    expect((await findStatuses(env, 'decompression or "point sign"', dan)).sort()).toEqual(
      [a.id, b.id].sort(),
    );
    for (const q of [
      "'); drop table statuses; --",
      '"unclosed',
      '-',
      'or',
      '!!!',
      '& | :*',
      'the',
      '-needle',
      'a:* | b',
    ]) {
      await findStatuses(env, q, dan);
    }
  });

  it('searches statuses only for words: #tags and @addresses go to hashtags and accounts', async () => {
    await post(env, alice, { status: 'Morning #Intubation checklist' });
    const tag = await call(env, 'GET', '/api/v2/search?q=%23intubation', { token: dan.token });
    expect(tag.body.statuses).toEqual([]);
    expect(tag.body.hashtags.map((h: { name: string }) => h.name)).toEqual(['Intubation']);
    const words = await findStatuses(env, 'intubation', dan);
    expect(words).toHaveLength(1);
  });
});

describe('GET /api/v2/search — who finds what (visibility × relation)', () => {
  type Vis = 'public' | 'unlisted' | 'private' | 'direct';
  type Relation = 'self' | 'follower' | 'mentioned' | 'stranger' | 'blocked' | 'anonymous';
  /** Search is narrower than "may see": unlisted stays out of strangers' searches, as in Mastodon. */
  const FINDS: Record<Vis, Record<Relation, boolean>> = {
    public: { self: true, follower: true, mentioned: true, stranger: true, blocked: false, anonymous: true },
    unlisted: {
      self: true,
      follower: true,
      mentioned: true,
      stranger: false,
      blocked: false,
      anonymous: false,
    },
    private: {
      self: true,
      follower: true,
      mentioned: true,
      stranger: false,
      blocked: false,
      anonymous: false,
    },
    direct: {
      self: true,
      follower: false,
      mentioned: true,
      stranger: false,
      blocked: false,
      anonymous: false,
    },
  };
  let env: TestEnv;
  let viewers: Record<Exclude<Relation, 'anonymous'>, Persona>;
  const target = {} as Record<Vis, string>;

  beforeAll(async () => {
    env = await createTestEnv();
    const bob = await createPersona(env, 'bob');
    const carol = await createPersona(env, 'carol');
    const dan = await createPersona(env, 'dan');
    const alice = await createPersona(env, 'alice');
    const mo = await createPersona(env, 'mo');
    viewers = { self: bob, follower: carol, mentioned: dan, stranger: alice, blocked: mo };
    await follow(env, carol, bob);
    await block(env, bob, mo);
    for (const vis of ['public', 'unlisted', 'private', 'direct'] as Vis[]) {
      target[vis] = (
        await post(env, bob, { status: `@dan ${vis}ward rounds thrombolysis`, visibility: vis })
      ).id;
    }
  });

  for (const vis of ['public', 'unlisted', 'private', 'direct'] as Vis[]) {
    for (const rel of ['self', 'follower', 'mentioned', 'stranger', 'blocked', 'anonymous'] as Relation[]) {
      it(`${vis} status, ${rel} viewer: ${FINDS[vis][rel] ? 'found' : 'not found'}`, async () => {
        const who = rel === 'anonymous' ? undefined : viewers[rel];
        const found = await findStatuses(env, `${vis}ward thrombolysis`, who);
        expect(found.includes(target[vis])).toBe(FINDS[vis][rel]);
      });
    }
  }
});
