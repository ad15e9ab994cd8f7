import { beforeAll, describe, expect, it } from 'vitest';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { expectMatchesSchema } from './openapi.ts';
import { linkOf } from './timelines-helpers.ts';

const NEJM = '10.1056/nejmoa2034577';
const PAPER = `/api/rounds/v1/papers/${encodeURIComponent('10.1056/NEJMoa2034577')}`;
const DAY = 24 * 60 * 60 * 1000;

async function post(env: TestEnv, who: Persona, body: Record<string, unknown>, api = '/api/v1/statuses') {
  const res = await call(env, 'POST', api, { token: who.token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { id: string };
}

async function act(env: TestEnv, who: Persona, path: string) {
  const res = await call(env, 'POST', path, { token: who.token });
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
}

async function paper(env: TestEnv, path: string, who?: Persona) {
  const res = await call(env, 'GET', path, { token: who?.token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res;
}

const idsOf = (body: { statuses: Array<{ id: string }> }) => body.statuses.map((s) => s.id);

describe('the paper page', () => {
  let env: TestEnv;
  let alice: Persona; // cites the paper in every visibility
  let bob: Persona; // follows alice
  let carol: Persona; // a stranger
  let dan: Persona; // attaches the paper through the Rounds API
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
    carol = await createPersona(env, 'carol');
    dan = await createPersona(env, 'dan');
    await act(env, bob, `/api/v1/accounts/${alice.account.id}/follow`);
    ids.public = (await post(env, alice, { status: 'Tocilizumab trial: doi:10.1056/NEJMoa2034577' })).id;
    ids.other = (await post(env, alice, { status: 'Another paper: doi:10.1001/jama.2020.17023' })).id;
    ids.attached = (
      await post(
        env,
        dan,
        {
          status: 'Worth reading',
          references: [{ doi: 'https://doi.org/10.1056/nejmoa2034577' }],
          evidence_level: 'rct',
        },
        '/api/rounds/v1/statuses',
      )
    ).id;
    ids.private = (
      await post(env, alice, {
        status: 'For my followers: https://doi.org/10.1056/NEJMOA2034577',
        visibility: 'private',
      })
    ).id;
    ids.unlisted = (
      await post(env, alice, {
        status: 'Quietly: https://dx.doi.org/10.1056%2FNEJMoa2034577',
        visibility: 'unlisted',
      })
    ).id;
  });

  it('lists every visible citing post, newest first, whichever way the DOI was written', async () => {
    const res = await paper(env, PAPER);
    expect(res.body.doi).toBe(NEJM);
    expect(res.body.url).toBe(`https://doi.org/${NEJM}`);
    // Anonymous: public and unlisted posts, the one attached through the Rounds API included.
    expect(idsOf(res.body)).toEqual([ids.unlisted, ids.attached, ids.public]);
    expect(res.body.count).toBe(3);
    for (const s of res.body.statuses) {
      expectMatchesSchema('Status', s);
      expect(s.rounds.references.some((r: { value: string }) => r.value === NEJM)).toBe(true);
    }
    const attached = res.body.statuses.find((s: { id: string }) => s.id === ids.attached);
    expect(attached.rounds.evidence_level).toBe('rct');
  });

  it('shows a followers-only citation to followers only', async () => {
    const follower = await paper(env, PAPER, bob);
    expect(idsOf(follower.body)).toEqual([ids.unlisted, ids.private, ids.attached, ids.public]);
    expect(follower.body.count).toBe(4);
    const stranger = await paper(env, PAPER, carol);
    expect(idsOf(stranger.body)).not.toContain(ids.private);
    expect(stranger.body.count).toBe(3);
    const author = await paper(env, PAPER, alice);
    expect(idsOf(author.body)).toContain(ids.private);
  });

  it('accepts the DOI in any form, encoded or not, and answers the same page', async () => {
    const forms = [
      '/api/rounds/v1/papers/10.1056/NEJMoa2034577',
      `/api/rounds/v1/papers/${encodeURIComponent('doi:10.1056/NEJMoa2034577')}`,
      `/api/rounds/v1/papers/${encodeURIComponent('https://doi.org/10.1056/nejmoa2034577')}`,
    ];
    for (const path of forms) {
      const res = await paper(env, path);
      expect(res.body.doi, path).toBe(NEJM);
      expect(idsOf(res.body), path).toEqual([ids.unlisted, ids.attached, ids.public]);
    }
  });

  it('refuses what is not a DOI with a 422 naming the field', async () => {
    for (const bad of ['NEJMoa2034577', encodeURIComponent('PMID: 33301246'), '11.1056%2Fx']) {
      const res = await call(env, 'GET', `/api/rounds/v1/papers/${bad}`);
      expect(res.status, bad).toBe(422);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.field).toBe('doi');
      expect(res.body.error.message).toMatch(/^doi: /);
    }
  });

  it('answers a DOI nobody cited with an empty page, not an error', async () => {
    const res = await paper(env, `/api/rounds/v1/papers/${encodeURIComponent('10.1234/never-cited')}`);
    expect(res.body).toMatchObject({ doi: '10.1234/never-cited', count: 0, statuses: [] });
    expect(res.body.history).toHaveLength(7);
    expect(res.body.history.every((d: { uses: string }) => d.uses === '0')).toBe(true);
    expect(res.headers.get('link')).toBeNull();
  });

  it('hides posts by accounts the viewer blocks or mutes, and by accounts that block them', async () => {
    await act(env, carol, `/api/v1/accounts/${dan.account.id}/mute`);
    expect(idsOf((await paper(env, PAPER, carol)).body)).toEqual([ids.unlisted, ids.public]);
    await act(env, alice, `/api/v1/accounts/${carol.account.id}/block`);
    const blocked = await paper(env, PAPER, carol);
    expect(idsOf(blocked.body)).toEqual([]);
    expect(blocked.body.count).toBe(0);
    // Anonymous readers still see everything public.
    expect((await paper(env, PAPER)).body.count).toBe(3);
  });

  it('forgets a post that stops citing the paper or is deleted', async () => {
    const edited = await call(env, 'PUT', `/api/v1/statuses/${ids.unlisted}`, {
      token: alice.token,
      body: { status: 'Quietly: no reference any more' },
    });
    expect(edited.status).toBe(200);
    const deleted = await call(env, 'DELETE', `/api/v1/statuses/${ids.public}`, { token: alice.token });
    expect(deleted.status).toBe(200);
    const res = await paper(env, PAPER);
    expect(idsOf(res.body)).toEqual([ids.attached]);
    expect(res.body.count).toBe(1);
  });
});

describe('paging the paper page', () => {
  let env: TestEnv;
  let alice: Persona;
  let posted: string[]; // oldest first

  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    posted = [];
    for (let i = 0; i < 5; i++) {
      posted.push((await post(env, alice, { status: `Take ${i}: PMID 1 and doi:10.1056/NEJMoa2034577` })).id);
    }
  });

  it('pages with max_id, min_id and since_id and a Link header, like the Mastodon lists', async () => {
    const newestFirst = [...posted].reverse();
    const first = await paper(env, `${PAPER}?limit=2`);
    expect(idsOf(first.body)).toEqual(newestFirst.slice(0, 2));
    expect(first.body.count).toBe(5);
    const seen = [...idsOf(first.body)];
    let next = linkOf(first.headers, 'next');
    expect(next).toContain('limit=2');
    expect(next).toContain(`max_id=${newestFirst[1]}`);
    for (let guard = 0; next && guard < 10; guard++) {
      const page = await paper(env, next);
      if (page.body.statuses.length === 0) break;
      seen.push(...idsOf(page.body));
      next = linkOf(page.headers, 'next');
    }
    expect(seen).toEqual(newestFirst);

    const prev = linkOf(first.headers, 'prev');
    expect(prev).toContain(`min_id=${newestFirst[0]}`);
    expect(idsOf((await paper(env, prev!)).body)).toEqual([]);

    // min_id: the page just after a point, newest first; since_id: the newest after it.
    expect(idsOf((await paper(env, `${PAPER}?min_id=${posted[0]}&limit=2`)).body)).toEqual([
      posted[2],
      posted[1],
    ]);
    expect(idsOf((await paper(env, `${PAPER}?since_id=${posted[0]}&limit=2`)).body)).toEqual([
      posted[4],
      posted[3],
    ]);
    expect(idsOf((await paper(env, `${PAPER}?max_id=${posted[2]}`)).body)).toEqual([posted[1], posted[0]]);
  });

  it('refuses a bad page window with a 422 naming the parameter', async () => {
    const res = await call(env, 'GET', `${PAPER}?limit=0`);
    expect(res.status).toBe(422);
    expect(res.body.error.details.field).toBe('limit');
    const caps = await paper(env, `${PAPER}?limit=200`);
    expect(caps.body.statuses).toHaveLength(5);
  });
});

describe('citations over time (altmetrics)', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await createTestEnv();
  });

  it('counts citing posts and their authors per day and per week', async () => {
    const alice = await createPersona(env, 'alice');
    const bob = await createPersona(env, 'bob');
    const carol = await createPersona(env, 'carol');
    const now = env.clock.now(); // Monday 2026-11-23, 09:00 UTC
    const cite = async (who: Persona, daysAgo: number, visibility = 'public') => {
      env.clock.set(new Date(now.getTime() - daysAgo * DAY));
      await post(env, who, { status: `doi:10.1056/NEJMoa2034577 (${daysAgo})`, visibility });
    };
    await cite(alice, 0);
    await cite(alice, 0);
    await cite(bob, 0);
    await cite(bob, 2);
    await cite(carol, 6); // Tuesday of the week before
    await cite(carol, 20);
    await cite(alice, 200); // long ago: in the count, in no history
    await cite(carol, 1, 'private'); // invisible to anonymous readers: counted nowhere for them
    env.clock.set(now);

    const res = await paper(env, PAPER);
    expect(res.body.count).toBe(7);
    const midnight = Date.UTC(2026, 10, 23) / 1000;
    expect(res.body.history).toEqual([
      { day: String(midnight), uses: '3', accounts: '2' },
      { day: String(midnight - 86400), uses: '0', accounts: '0' },
      { day: String(midnight - 2 * 86400), uses: '1', accounts: '1' },
      { day: String(midnight - 3 * 86400), uses: '0', accounts: '0' },
      { day: String(midnight - 4 * 86400), uses: '0', accounts: '0' },
      { day: String(midnight - 5 * 86400), uses: '0', accounts: '0' },
      { day: String(midnight - 6 * 86400), uses: '1', accounts: '1' },
    ]);
    expect(res.body.weekly_history).toHaveLength(12);
    expect(res.body.weekly_history.slice(0, 4)).toEqual([
      { day: String(midnight), uses: '3', accounts: '2' },
      { day: String(midnight - 7 * 86400), uses: '2', accounts: '2' },
      { day: String(midnight - 14 * 86400), uses: '0', accounts: '0' },
      { day: String(midnight - 21 * 86400), uses: '1', accounts: '1' },
    ]);

    // Carol follows nobody; her own followers-only post counts for her.
    const mine = await paper(env, PAPER, carol);
    expect(mine.body.count).toBe(8);
    expect(mine.body.history[1]).toEqual({ day: String(midnight - 86400), uses: '1', accounts: '1' });
  });
});
