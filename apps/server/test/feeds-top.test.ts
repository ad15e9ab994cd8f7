import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { specialtiesOfTag, tagsOfSpecialty } from '../src/domain/feeds/index.ts';
import { createVerifiedMember, createVerifier, ok, post } from './corrections-fixtures.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { loadRoundsOpenApi } from './rounds-openapi.ts';

/**
 * Merit-ranked topic feeds (issue 7 point 5): evidence, endorsements by verified members of the
 * topic's specialty, helpful correction notes and labels (downward), time decay; never follower
 * counts or raw likes.
 */

type Item = {
  status: { id: string; content: string };
  score: number;
  reasons: Array<{ factor: string; value: number; detail: string }>;
};

describe('the merit-ranked topic feed', () => {
  let env: TestEnv;
  let famous: Persona; // 500 followers, posts an uncited claim
  let newcomer: Persona; // no followers, posts a cited one
  let cardio1: Persona;
  let cardio2: Persona;
  let pharmacist: Persona;
  let vera: Persona;
  let api: Awaited<ReturnType<typeof loadRoundsOpenApi>>;
  const ids: Record<string, string> = {};

  async function feed(query: string, who: Persona | null = null) {
    const res = await call(env, 'GET', `/api/rounds/v1/feeds/top?${query}`, { token: who?.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    api.expectDocumented('get', '/api/rounds/v1/feeds/top', 200, res.body);
    return res.body as { specialties: string[]; not_counted: string[]; items: Item[] };
  }

  beforeAll(async () => {
    env = await createTestEnv();
    env.clock.set(new Date('2026-11-20T12:00:00Z'));
    api = await loadRoundsOpenApi(env);
    vera = await createVerifier(env);
    famous = await createPersona(env, 'famous');
    newcomer = await createPersona(env, 'newcomer');
    cardio1 = await createVerifiedMember(env, vera, 'cardio1', 'cardiology');
    cardio2 = await createVerifiedMember(env, vera, 'cardio2', 'cardiology');
    pharmacist = await createVerifiedMember(env, vera, 'pharma', null);

    // 500 followers for `famous`: accounts made in bulk, each following them.
    await env.ctx.db.execute(sql`
      insert into accounts (id, username, display_name, note, created_at, updated_at)
      select (1700000000000::bigint + g) << 16, 'fan' || g, 'Fan ' || g, '', now(), now()
      from generate_series(1, 500) g`);
    await env.ctx.db.execute(sql`
      insert into follows (id, account_id, target_account_id, created_at)
      select ((1700000000000::bigint + g) << 16) + 1, (1700000000000::bigint + g) << 16, ${famous.account.id}, now()
      from generate_series(1, 500) g`);
    await env.ctx.db.execute(sql`update accounts set followers_count = 500 where id = ${famous.account.id}`);

    ids.claim = (await post(env, famous, 'Beta blockers are useless after MI now. #Cardiology')).id;
    env.clock.advance(60_000);
    ids.cited = (
      await ok(env, 'POST', '/api/rounds/v1/statuses', newcomer, {
        status:
          'REDUCE-AMI: no benefit of beta blockers after MI with preserved EF. doi:10.1056/NEJMoa2401479 #Cardiology',
        evidence_level: 'rct',
      })
    ).id;
    env.clock.advance(60_000);
    ids.corrected = (
      await ok(env, 'POST', '/api/rounds/v1/statuses', newcomer, {
        status:
          'Same trial, overstated: no beta blockers for anyone after MI. doi:10.1056/NEJMoa2401479 #Cardiology',
        evidence_level: 'rct',
      })
    ).id;
    env.clock.advance(60_000);
    ids.ecg = (await post(env, newcomer, 'Wellens pattern, read it twice. #ECG')).id;

    // Many unverified likes on the famous claim; the two cardiologists endorse the cited posts.
    for (let i = 0; i < 12; i++) {
      const fan = await createPersona(env, `liker${i}`);
      await ok(env, 'POST', `/api/v1/statuses/${ids.claim}/favourite`, fan);
    }
    for (const who of [cardio1, cardio2]) {
      await ok(env, 'POST', `/api/v1/statuses/${ids.cited}/favourite`, who);
      await ok(env, 'POST', `/api/v1/statuses/${ids.corrected}/favourite`, who);
    }
    await ok(env, 'POST', `/api/v1/statuses/${ids.ecg}/favourite`, cardio1);
    await ok(env, 'POST', `/api/v1/statuses/${ids.ecg}/favourite`, pharmacist);

    // A correction note on the overstated post, rated helpful across two specialties: shown.
    const emDoc = await createVerifiedMember(env, vera, 'emdoc', 'emergency_medicine');
    const note = await ok(env, 'POST', `/api/rounds/v1/statuses/${ids.corrected}/corrections`, cardio1, {
      text: 'The trial enrolled patients with preserved ejection fraction only; reduced EF still benefits.',
      sources: ['doi:10.1056/NEJMoa2401479'],
    });
    for (const who of [cardio2, emDoc, pharmacist]) {
      await ok(env, 'POST', `/api/rounds/v1/corrections/${note.id}/rating`, who, { helpful: true });
    }
    const shown = await ok(env, 'GET', `/api/v1/statuses/${ids.corrected}`, cardio2);
    expect(shown.rounds.correction).not.toBeNull();
    env.clock.advance(3_600_000);
  });

  it('ranks a cited post endorsed by two cardiologists above a famous uncited claim many people liked', async () => {
    const body = await feed('tag=cardiology');
    expect(body.specialties).toEqual(['cardiology']);
    expect(body.not_counted).toContain('follower counts');
    const order = body.items.map((i) => i.status.id);
    expect(order.indexOf(ids.cited!)).toBeLessThan(order.indexOf(ids.claim!));
    const cited = body.items.find((i) => i.status.id === ids.cited)!;
    const claim = body.items.find((i) => i.status.id === ids.claim)!;
    expect(cited.score).toBeGreaterThan(claim.score);
    // The explanation names the factors.
    expect(cited.reasons.map((r) => r.factor)).toEqual(['base', 'evidence', 'endorsements', 'recency']);
    expect(cited.reasons.find((r) => r.factor === 'evidence')!.detail).toBe(
      'Cites 1 reference; evidence level: RCT',
    );
    expect(cited.reasons.find((r) => r.factor === 'endorsements')!.detail).toBe(
      'Endorsed (favourited) by 2 verified members in Cardiology',
    );
    // Twelve likes and 500 followers count for nothing: only the base and recency.
    expect(claim.reasons.map((r) => r.factor)).toEqual(['base', 'recency']);
  });

  it('drops a post with a helpful correction note, and says why', async () => {
    const body = await feed('tag=cardiology');
    const order = body.items.map((i) => i.status.id);
    expect(order.indexOf(ids.corrected!)).toBeGreaterThan(order.indexOf(ids.cited!));
    const corrected = body.items.find((i) => i.status.id === ids.corrected)!;
    const cited = body.items.find((i) => i.status.id === ids.cited)!;
    expect(corrected.score).toBeLessThan(cited.score);
    expect(corrected.reasons.find((r) => r.factor === 'correction')).toMatchObject({
      value: -6,
      detail: 'Verified members rated a correction note on it helpful',
    });
  });

  it('counts other verified members a little, and decays with time', async () => {
    const ecg = (await feed('tag=ecg')).items.find((i) => i.status.id === ids.ecg)!;
    expect(ecg.reasons.find((r) => r.factor === 'endorsements')).toMatchObject({
      value: 2.5,
      detail:
        'Endorsed (favourited) by 1 verified member in Cardiology and 1 verified member of other specialties',
    });
    const before = ecg.score;
    env.clock.advance(72 * 3_600_000);
    const later = (await feed('tag=ecg')).items.find((i) => i.status.id === ids.ecg)!;
    expect(later.score).toBeCloseTo(before / 2, 2);
    expect(later.reasons.at(-1)!.detail).toMatch(/^Posted 3 days ago; points halve every 72 hours$/);
    env.clock.advance(-72 * 3_600_000);
  });

  it('serves a specialty’s feed from its hashtags, and pages', async () => {
    expect(tagsOfSpecialty('cardiology')).toEqual(expect.arrayContaining(['cardiology', 'ecg']));
    expect(specialtiesOfTag('#POCUS')).toEqual(
      expect.arrayContaining(['emergency_medicine', 'critical_care']),
    );
    const body = await feed('specialty=cardiology');
    expect(body.items.map((i) => i.status.id)).toEqual(
      expect.arrayContaining([ids.ecg, ids.cited, ids.claim]),
    );
    const first = await call(env, 'GET', '/api/rounds/v1/feeds/top?specialty=cardiology&limit=2');
    expect(first.body.items).toHaveLength(2);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toContain('offset=2');
    const second = await call(env, 'GET', next!.replace('https://rounds.test', ''));
    expect(second.body.items.map((i: Item) => i.status.id)).toEqual(
      body.items.slice(2, 4).map((i) => i.status.id),
    );
  });

  it('filters by Bloom level', async () => {
    const { linkStatuses } = await import('../src/domain/learning/index.ts');
    await linkStatuses(env.ctx.db, { kind: 'quiz', objectId: '1', bloomLevel: 'analyze' }, [ids.ecg!]);
    const body = await feed('specialty=cardiology&bloom_level=analyze');
    expect(body.items.map((i) => i.status.id)).toEqual([ids.ecg]);
    expect((await feed('tag=cardiology&bloom_level=analyze')).items).toEqual([]);
  });

  it('shows only what the reader may see', async () => {
    const hidden = await post(env, cardio1, 'Followers only #Cardiology', { visibility: 'private' });
    const body = await feed('tag=cardiology', cardio2);
    expect(body.items.map((i) => i.status.id)).not.toContain(hidden.id);
    await ok(env, 'POST', `/api/v1/accounts/${famous.account.id}/block`, cardio2);
    const blocked = await feed('tag=cardiology', cardio2);
    expect(blocked.items.map((i) => i.status.id)).not.toContain(ids.claim);
  });

  it('refuses a feed without exactly one topic, or with an unknown specialty', async () => {
    for (const [query, pattern] of [
      ['', /^tag: give either a hashtag/],
      ['tag=ecg&specialty=cardiology', /^tag: give either/],
      ['specialty=astrology', /^specialty: astrology is not a specialty code/],
      ['tag=no-dashes', /^tag: must be a hashtag name/],
      ['tag=ecg&limit=500', /^limit/],
    ] as const) {
      const res = await call(env, 'GET', `/api/rounds/v1/feeds/top?${query}`);
      expect(res.status, query).toBe(422);
      expect(res.body.error.message, query).toMatch(pattern);
    }
  });
});
