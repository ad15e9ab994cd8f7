import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';

// Parameter names the Mastodon API uses; every route gets random values for a random subset.
const PARAM_NAMES = [
  'status',
  'spoiler_text',
  'sensitive',
  'visibility',
  'language',
  'in_reply_to_id',
  'quoted_status_id',
  'quote_approval_policy',
  'media_ids',
  'poll',
  'scheduled_at',
  'id',
  'limit',
  'max_id',
  'since_id',
  'min_id',
  'local',
  'remote',
  'only_media',
  'any',
  'all',
  'none',
  'exclude_replies',
  'exclude_reblogs',
  'pinned',
  'tagged',
  'reblogs',
  'notify',
  'languages',
  'duration',
  'notifications',
  'display_name',
  'note',
  'locked',
  'bot',
  'discoverable',
  'fields_attributes',
  'source',
  'acct',
  'username',
  'email',
  'password',
  'agreement',
  'reason',
  'client_name',
  'redirect_uris',
  'scopes',
  'website',
  'grant_type',
  'code',
  'client_id',
  'client_secret',
  'code_verifier',
  'token',
  'scope',
  'response_type',
  'redirect_uri',
  'state',
  'code_challenge',
  'comment',
];

const scalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ maxLength: 20, unit: 'grapheme' }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    '',
    ' ',
    'true',
    'false',
    '-1',
    '0',
    '99999999999999999999999',
    '1e400',
    'NaN',
    '../../etc/passwd',
    '<script>',
    '%00',
    'public',
    'direct',
  ),
  fc.bigInt({ min: 0n, max: 2n ** 64n }).map(String),
);
const value = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 4 }),
  fc.dictionary(fc.constantFrom('name', 'value', '0', 'options', 'privacy'), scalar, { maxKeys: 3 }),
);
const params = fc.dictionary(fc.constantFrom(...PARAM_NAMES), value, { maxKeys: 6 });
const pathId = fc.oneof(
  fc.constantFrom(
    '1',
    '0',
    '9223372036854775807',
    '99999999999999999999',
    'abc',
    '-1',
    '%20',
    'pocus',
    'x'.repeat(300),
  ),
  fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }).map(String),
);

function toForm(p: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) {
    if (Array.isArray(v))
      v.forEach((x, i) => {
        out[`${k}[${i}]`] = String(x);
      });
    else if (v && typeof v === 'object')
      for (const [kk, vv] of Object.entries(v)) out[`${k}[${kk}]`] = String(vv);
    else out[k] = String(v);
  }
  return out;
}

/**
 * A bounded property-based pass over every route the app registers: random parameters in JSON,
 * form and query form, random path ids, with and without a token. Nothing may answer 5xx.
 */
describe('no 5xx for any parameters on any endpoint', () => {
  let env: TestEnv;
  let alice: Persona;
  let routes: Array<{ method: string; path: string }>;

  beforeAll(async () => {
    env = await createTestEnv({
      RATE_LIMIT_AUTH_PER_5MIN: '100000',
      RATE_LIMIT_REGISTER_PER_30MIN: '100000',
    });
    alice = await createPersona(env, 'alice');
    await createPersona(env, 'bob');
    await call(env, 'POST', '/api/v1/statuses', { token: alice.token, body: { status: 'hello #POCUS' } });
    const seen = new Set<string>();
    routes = env.app.routes
      .filter((r) => r.method !== 'ALL' && !r.path.includes('*'))
      // Streams stay open by design (SSE, WebSocket); their parameters are tested in streaming*.test.ts.
      .filter((r) => !r.path.startsWith('/api/v1/streaming'))
      .filter((r) => {
        const key = `${r.method} ${r.path}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
  });

  it('covers the registered routes', () => {
    expect(routes.length).toBeGreaterThan(20);
  });

  it('answers every route with < 500 for arbitrary input', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      await fc
        .assert(
          fc.asyncProperty(
            params,
            pathId,
            fc.constantFrom('json', 'form', 'query'),
            fc.boolean(),
            async (p, id, encoding, signedIn) => {
              const path = route.path.replace(/:([a-z_]+)(\{[^}]*\})?/gi, () => encodeURIComponent(id));
              const token = signedIn ? alice.token : undefined;
              let res: { status: number; body: unknown };
              if (route.method === 'GET' || encoding === 'query') {
                const qs = new URLSearchParams(toForm(p)).toString();
                res = await call(env, route.method, `${path}${qs ? `?${qs}` : ''}`, { token });
              } else if (encoding === 'form') {
                res = await call(env, route.method, path, { token, form: toForm(p) });
              } else {
                res = await call(env, route.method, path, { token, body: p });
              }
              if (res.status >= 500)
                failures.push(
                  `${route.method} ${path} ${encoding} ${JSON.stringify(p)} → ${res.status} ${JSON.stringify(res.body)}`,
                );
              return res.status < 500;
            },
          ),
          { numRuns: 25, seed: 20261123, endOnFailure: true },
        )
        .catch(() => undefined);
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('rejects malformed JSON and oversized bodies with 4xx', async () => {
    const bad = await env.app.request('https://rounds.test/api/v1/statuses', {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
      body: '{"status": ',
    });
    expect(bad.status).toBe(422);
    const big = await env.app.request('https://rounds.test/api/v1/statuses', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${alice.token}`,
        'content-type': 'application/json',
        'content-length': String(2 * 1024 * 1024),
      },
      body: JSON.stringify({ status: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
  });
});
