import { beforeAll, describe, expect, it } from 'vitest';
import { call, createPersona, createTestEnv, type TestEnv } from './harness.ts';

async function appToken(env: TestEnv): Promise<string> {
  const app = await call(env, 'POST', '/api/v1/apps', {
    body: { client_name: 'Signup', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read write follow' },
  });
  const token = await call(env, 'POST', '/oauth/token', {
    form: {
      grant_type: 'client_credentials',
      client_id: app.body.client_id,
      client_secret: app.body.client_secret,
      scope: 'read write',
    },
  });
  return token.body.access_token;
}

const signup = (username: string) => ({
  username,
  email: `${username}@rounds.test`,
  password: 'a long password',
  agreement: 'true',
});

describe('registration', () => {
  let env: TestEnv;
  let token: string;
  beforeAll(async () => {
    env = await createTestEnv({ RATE_LIMIT_REGISTER_PER_30MIN: '5' });
    token = await appToken(env);
  });

  it('registers in open mode and returns a usable token', async () => {
    const res = await call(env, 'POST', '/api/v1/accounts', { token, body: signup('fatima') });
    expect(res.status).toBe(200);
    const me = await call(env, 'GET', '/api/v1/accounts/verify_credentials', {
      token: res.body.access_token,
    });
    expect(me.body.acct).toBe('fatima');
  });

  it('explains what is wrong with bad sign-up data and stores nothing', async () => {
    const taken = await call(env, 'POST', '/api/v1/accounts', {
      token,
      ip: '10.1.0.1',
      body: signup('Fatima'),
    });
    expect(taken.status).toBe(422);
    expect(taken.body.error).toContain('username is already taken');
    const short = await call(env, 'POST', '/api/v1/accounts', {
      token,
      ip: '10.1.0.1',
      body: { ...signup('gus'), password: 'short' },
    });
    expect(short.status).toBe(422);
    expect(short.body.error).toContain('password');
    const noAgreement = await call(env, 'POST', '/api/v1/accounts', {
      token,
      ip: '10.1.0.1',
      body: { ...signup('gus'), agreement: 'false' },
    });
    expect(noAgreement.status).toBe(422);
    expect(noAgreement.body.error).toContain('agreement');
    const lookup = await call(env, 'GET', '/api/v1/accounts/lookup?acct=gus');
    expect(lookup.status).toBe(404);
  });

  it('needs an app token to register', async () => {
    const res = await call(env, 'POST', '/api/v1/accounts', { body: signup('hana') });
    expect(res.status).toBe(401);
  });

  it('limits registrations per IP and is not fooled by a spoofed X-Forwarded-For', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await call(env, 'POST', '/api/v1/accounts', {
        token,
        ip: '10.9.9.9',
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
        body: signup(`flood${i}`),
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5).every((s) => s === 200)).toBe(true);
    expect(statuses[5]).toBe(429);
    const other = await call(env, 'POST', '/api/v1/accounts', {
      token,
      ip: '10.9.9.10',
      body: signup('fromelsewhere'),
    });
    expect(other.status).toBe(200);
  });
});

describe('registration behind a trusted proxy', () => {
  it('uses X-Forwarded-For only when the peer is the configured proxy', async () => {
    const env = await createTestEnv({ RATE_LIMIT_REGISTER_PER_30MIN: '1', TRUSTED_PROXIES: '10.0.0.1' });
    const token = await appToken(env);
    const a = await call(env, 'POST', '/api/v1/accounts', {
      token,
      ip: '10.0.0.1',
      headers: { 'x-forwarded-for': '198.51.100.1' },
      body: signup('p1'),
    });
    const b = await call(env, 'POST', '/api/v1/accounts', {
      token,
      ip: '10.0.0.1',
      headers: { 'x-forwarded-for': '198.51.100.2' },
      body: signup('p2'),
    });
    const c = await call(env, 'POST', '/api/v1/accounts', {
      token,
      ip: '10.0.0.1',
      headers: { 'x-forwarded-for': '198.51.100.2' },
      body: signup('p3'),
    });
    expect([a.status, b.status, c.status]).toEqual([200, 200, 429]);
    expect(c.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('registration modes', () => {
  it('refuses sign-ups when closed', async () => {
    const env = await createTestEnv({ REGISTRATION_MODE: 'closed' });
    const res = await call(env, 'POST', '/api/v1/accounts', {
      token: await appToken(env),
      body: signup('ivy'),
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toContain('closed');
  });

  it('holds sign-ups for approval: a reason is required and the token waits', async () => {
    const env = await createTestEnv({ REGISTRATION_MODE: 'approval' });
    const token = await appToken(env);
    const noReason = await call(env, 'POST', '/api/v1/accounts', { token, body: signup('jo') });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error).toContain('reason');
    const res = await call(env, 'POST', '/api/v1/accounts', {
      token,
      body: { ...signup('jo'), reason: 'ICU nurse, want to learn POCUS' },
    });
    expect(res.status).toBe(200);
    const me = await call(env, 'GET', '/api/v1/accounts/verify_credentials', {
      token: res.body.access_token,
    });
    expect(me.status).toBe(401);
  });
});

describe('profiles', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });

  it('updates display name, bio, fields, locked, bot and discoverable, and shows them', async () => {
    const bob = await createPersona(env, 'bob');
    const res = await call(env, 'PATCH', '/api/v1/accounts/update_credentials', {
      token: bob.token,
      form: {
        display_name: 'Dr Bob B.',
        note: 'EM attending. #POCUS teaching: https://example.org/pocus',
        locked: 'true',
        bot: 'false',
        discoverable: '1',
        'fields_attributes[0][name]': 'Specialty',
        'fields_attributes[0][value]': 'Emergency medicine',
        'fields_attributes[1][name]': 'Site',
        'fields_attributes[1][value]': 'https://example.org/pocus-course',
        'source[privacy]': 'private',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      display_name: 'Dr Bob B.',
      locked: true,
      bot: false,
      discoverable: true,
    });
    expect(res.body.source.privacy).toBe('private');
    expect(res.body.source.note).toContain('#POCUS');
    expect(res.body.note).toContain('class="mention hashtag"');
    expect(res.body.fields[1].value).toContain('<a href="https://example.org/pocus-course"');

    // Apps read their defaults back at once: the saved ones, not those the token was first seen with.
    const me = await call(env, 'GET', '/api/v1/accounts/verify_credentials', { token: bob.token });
    expect(me.body.source.privacy).toBe('private');

    const pub = await call(env, 'GET', `/api/v1/accounts/${bob.account.id}`);
    expect(pub.status).toBe(200);
    expect(pub.body.fields.map((f: { name: string }) => f.name)).toEqual(['Specialty', 'Site']);
    expect(pub.body).not.toHaveProperty('source');

    const looked = await call(env, 'GET', '/api/v1/accounts/lookup?acct=@BOB@rounds.test');
    expect(looked.body.id).toBe(bob.account.id);
  });

  it('rejects over-long profile text and keeps the old values', async () => {
    const carol = await createPersona(env, 'carol');
    const res = await call(env, 'PATCH', '/api/v1/accounts/update_credentials', {
      token: carol.token,
      body: { display_name: 'x'.repeat(31) },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toContain('display_name');
    const tooMany = await call(env, 'PATCH', '/api/v1/accounts/update_credentials', {
      token: carol.token,
      body: { fields_attributes: Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, value: 'v' })) },
    });
    expect(tooMany.status).toBe(422);
    const me = await call(env, 'GET', '/api/v1/accounts/verify_credentials', { token: carol.token });
    expect(me.body.display_name).toBe('Carol Chen, RN');
  });

  it('answers 404 for unknown accounts and 422 for a missing acct', async () => {
    expect((await call(env, 'GET', '/api/v1/accounts/123456789')).status).toBe(404);
    const missing = await call(env, 'GET', '/api/v1/accounts/lookup');
    expect(missing.status).toBe(422);
    expect(missing.body.error).toContain('acct');
  });
});
