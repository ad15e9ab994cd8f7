import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema/index.ts';
import { POLL_LIMITS } from '../src/domain/polls/limits.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { expectMatchesSchema } from './openapi.ts';
import { say } from './timelines-helpers.ts';

const DAY = 24 * 60 * 60 * 1000;
const WEEK = 7 * DAY;

describe('what the instance says about itself', () => {
  let env: TestEnv;
  let alice: Persona;

  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    await say(env, alice, 'Morning handover done');
  });

  it('/api/v2/instance matches Mastodon’s Instance entity completely', async () => {
    const res = await call(env, 'GET', '/api/v2/instance');
    expect(res.status).toBe(200);
    expectMatchesSchema('Instance', res.body);
    expect(res.body.contact).toEqual({ email: 'admin@rounds.test', account: null });
    expect(res.body.configuration.polls).toEqual({
      max_options: POLL_LIMITS.maxOptions,
      max_characters_per_option: POLL_LIMITS.maxCharactersPerOption,
      min_expiration: POLL_LIMITS.minExpiration,
      max_expiration: POLL_LIMITS.maxExpiration,
    });
    expect(res.body.configuration).toMatchObject({
      urls: { streaming: 'wss://rounds.test' },
      accounts: { max_pinned_statuses: 5, max_display_name_length: 30, max_profile_fields: 4 },
      translation: { enabled: false },
      vapid: { public_key: '' },
    });
    expect(res.body.rules[0]).toMatchObject({ id: '1', text: 'No patient-identifiable information, ever.' });
  });

  it('offers an icon in Mastodon’s sizes, each a real PNG of that size', async () => {
    const res = await call(env, 'GET', '/api/v2/instance');
    expect(res.body.icon.map((i: { size: string }) => i.size)).toEqual([
      '36x36',
      '72x72',
      '192x192',
      '512x512',
    ]);
    for (const icon of res.body.icon as Array<{ src: string; size: string }>) {
      expect(icon.src.startsWith('https://rounds.test/')).toBe(true);
      const file = await env.app.request(icon.src);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/png');
      const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
      expect(`${meta.width}x${meta.height}`).toBe(icon.size);
    }
    expect((await env.app.request(res.body.thumbnail.url)).status).toBe(200);
  });

  it('/api/v1/instance matches the V1 entity, with real counts and the contact email', async () => {
    const res = await call(env, 'GET', '/api/v1/instance');
    expect(res.status).toBe(200);
    expectMatchesSchema('V1Instance', res.body);
    expect(res.body.email).toBe('admin@rounds.test');
    expect(res.body.stats).toEqual({ user_count: 1, status_count: 1, domain_count: 0 });
    expect(res.body.rules).toEqual((await call(env, 'GET', '/api/v1/instance/rules')).body);
  });

  it('takes the contact email from CONTACT_EMAIL', async () => {
    const other = await createTestEnv({ CONTACT_EMAIL: 'moderators@hospital.example' });
    expect((await call(other, 'GET', '/api/v2/instance')).body.contact.email).toBe(
      'moderators@hospital.example',
    );
    expect((await call(other, 'GET', '/api/v1/instance')).body.email).toBe('moderators@hospital.example');
  });

  it('lists the rules, the extended description and the privacy policy', async () => {
    const rules = await call(env, 'GET', '/api/v1/instance/rules');
    expect(rules.status).toBe(200);
    expect(rules.body.length).toBeGreaterThan(0);
    for (const rule of rules.body) expectMatchesSchema('Rule', rule);
    const about = await call(env, 'GET', '/api/v1/instance/extended_description');
    expectMatchesSchema('ExtendedDescription', about.body);
    expect(about.body.content).toContain('<p>');
    const privacy = await call(env, 'GET', '/api/v1/instance/privacy_policy');
    expectMatchesSchema('PrivacyPolicy', privacy.body);
    expect(privacy.body.content).toContain('never the text');
  });

  it('lists the languages a post may be tagged with, by ISO 639-1 code with English names', async () => {
    const res = await call(env, 'GET', '/api/v1/instance/languages');
    expect(res.status).toBe(200);
    const byCode = new Map((res.body as Array<{ code: string; name: string }>).map((l) => [l.code, l.name]));
    expect(byCode.size).toBeGreaterThan(150);
    expect(byCode.get('en')).toBe('English');
    expect(byCode.get('ar')).toBe('Arabic');
    expect(byCode.get('es')).toBe('Spanish');
    for (const [code, name] of byCode) expect(name, code).toMatch(/^\S/);
  });

  it('answers the other instance calls honestly: no peers, blocks, translations or terms', async () => {
    expect((await call(env, 'GET', '/api/v1/instance/peers')).body).toEqual([]);
    expect((await call(env, 'GET', '/api/v1/instance/domain_blocks')).body).toEqual([]);
    expect((await call(env, 'GET', '/api/v1/instance/translation_languages')).body).toEqual({});
    for (const path of [
      '/api/v1/instance/terms_of_service',
      '/api/v1/instance/terms_of_service/2026-01-01',
    ]) {
      const res = await call(env, 'GET', path);
      expect(res.status).toBe(404);
      expectMatchesSchema('Error', res.body);
    }
  });
});

describe('instance usage and activity', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await createTestEnv();
  });

  async function activeMonth(): Promise<number> {
    const res = await call(env, 'GET', '/api/v2/instance');
    return res.body.usage.users.active_month;
  }

  it('counts people active in the last four weeks: signed in or posted, not disabled', async () => {
    // Each persona signs in (gets a token) now.
    const [bob, carol, dan] = [
      await createPersona(env, 'bob'),
      await createPersona(env, 'carol'),
      await createPersona(env, 'dan'),
    ];
    expect(await activeMonth()).toBe(3);
    await env.ctx.db.update(users).set({ disabled: true }).where(eq(users.id, dan.user.id));
    expect(await activeMonth()).toBe(2);
    env.clock.advance(20 * DAY);
    await say(env, bob, 'Still here');
    env.clock.advance(10 * DAY);
    // carol signed in 30 days ago; bob posted 10 days ago.
    expect(await activeMonth()).toBe(1);
    expect(carol.username).toBe('carol');
    const v1 = await call(env, 'GET', '/api/v1/instance');
    expect(v1.body.stats.user_count).toBe(2);
  });

  it('reports twelve weeks of posts, sign-ins and sign-ups, this week first', async () => {
    const now = env.clock.now();
    const monday = new Date(Math.floor(now.getTime() / DAY) * DAY);
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
    const erin = await createPersona(env, 'erin');
    await say(env, erin, 'First post');
    await say(env, erin, 'Second post');
    env.clock.set(new Date(now.getTime() - 2 * WEEK));
    const fay = await createPersona(env, 'fay');
    await say(env, fay, 'An older post');
    env.clock.set(now);

    const res = await call(env, 'GET', '/api/v1/instance/activity');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(12);
    for (const week of res.body) {
      expect(Object.keys(week).sort()).toEqual(['logins', 'registrations', 'statuses', 'week']);
      for (const value of Object.values(week)) expect(value).toMatch(/^\d+$/);
    }
    expect(res.body[0]).toEqual({
      week: String(monday.getTime() / 1000),
      statuses: '2',
      logins: '1',
      registrations: '1',
    });
    expect(new Date(Number(res.body[0].week) * 1000).getUTCDay()).toBe(1);
    expect(Number(res.body[0].week) - Number(res.body[1].week)).toBe(WEEK / 1000);
    const twoWeeksAgo = res.body.find(
      (w: { week: string }) => Number(w.week) * 1000 <= now.getTime() - 2 * WEEK,
    );
    // fay's post, and bob's from ten days ago (the same Monday-to-Sunday week).
    expect(twoWeeksAgo).toMatchObject({ statuses: '2', logins: '1', registrations: '1' });
    // bob, carol and dan signed up and in 30 days ago (dan is disabled now, but he did).
    const monthAgo = res.body.find(
      (w: { week: string }) => Number(w.week) * 1000 <= now.getTime() - 30 * DAY,
    );
    expect(monthAgo).toMatchObject({ statuses: '0', logins: '3', registrations: '3' });
  });
});

describe('preferences', () => {
  let env: TestEnv;
  let alice: Persona;

  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
  });

  it('match Mastodon’s Preferences entity and what the user stored, at once', async () => {
    const before = await call(env, 'GET', '/api/v1/preferences', { token: alice.token });
    expect(before.status).toBe(200);
    expectMatchesSchema('Preferences', before.body);
    expect(before.body).toEqual({
      'posting:default:visibility': 'public',
      'posting:default:sensitive': false,
      'posting:default:language': null,
      'posting:default:quote_policy': 'public',
      'reading:expand:media': 'default',
      'reading:expand:spoilers': false,
      'reading:autoplay:gifs': false,
    });
    const update = await call(env, 'PATCH', '/api/v1/accounts/update_credentials', {
      token: alice.token,
      body: { source: { privacy: 'private', sensitive: true, language: 'es', quote_policy: 'followers' } },
    });
    expect(update.status).toBe(200);
    const after = await call(env, 'GET', '/api/v1/preferences', { token: alice.token });
    expectMatchesSchema('Preferences', after.body);
    expect(after.body).toMatchObject({
      'posting:default:visibility': 'private',
      'posting:default:sensitive': true,
      'posting:default:language': 'es',
      'posting:default:quote_policy': 'followers',
    });
    expect((await call(env, 'GET', '/api/v1/preferences')).status).toBe(401);
  });
});
