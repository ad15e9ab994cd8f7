import { count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { accounts, phiAuditLog, statuses } from '../src/db/schema/index.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';

const LEAK = 'Pt Marguerite Okafor, MRN 4471-2290, admitted with DKA: what insulin rate?';
const LEAK_TEXTS = ['Marguerite', 'Okafor', '4471-2290'];

async function statusCount(env: TestEnv): Promise<number> {
  const [row] = await env.ctx.db.select({ n: count() }).from(statuses);
  return row!.n;
}

async function auditRows(env: TestEnv) {
  return env.ctx.db.select().from(phiAuditLog).orderBy(phiAuditLog.id);
}

function expectNoPhi(value: unknown) {
  const text = JSON.stringify(value);
  for (const leak of LEAK_TEXTS) expect(text).not.toContain(leak);
}

describe('the PHI gate on every write path', () => {
  let env: TestEnv;
  let bob: Persona;
  let dan: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    bob = await createPersona(env, 'bob');
    dan = await createPersona(env, 'dan');
  });

  it('refuses a status with identifiers, says what was found, and stores nothing', async () => {
    const before = await statusCount(env);
    const res = await call(env, 'POST', '/api/v1/statuses', { token: bob.token, body: { status: LEAK } });
    expect(res.status).toBe(422);
    expect(res.body.error_code).toBe('phi_detected');
    expect(res.body.error).toContain("name 'Marguerite Okafor'");
    expect(res.body.error).toContain("MRN '4471-2290'");
    const types = res.body.details.spans.map((s: { type: string }) => s.type);
    expect(types).toEqual(expect.arrayContaining(['NAME', 'MEDICAL_RECORD_NUMBER']));
    for (const s of res.body.details.spans) expect(LEAK.slice(s.start, s.end)).toBe(s.text);
    expectNoPhi(res.body.details.redacted);
    expect(res.body.details.redacted.status).toContain('[NAME]');
    expect(await statusCount(env)).toBe(before);
    const [acct] = await env.ctx.db.select().from(accounts).where(eq(accounts.id, bob.account.id));
    expect(acct!.statusesCount).toBe(0);
    expect(await auditRows(env)).toEqual([]);
  });

  it('checks the content warning, form bodies and direct messages too', async () => {
    const cw = await call(env, 'POST', '/api/v1/statuses', {
      token: bob.token,
      form: { status: 'DKA teaching', spoiler_text: 'Mrs. Okafor, bed 4' },
    });
    expect(cw.status).toBe(422);
    expect(cw.body.details.spans[0].field).toBe('spoiler_text');
    const dm = await call(env, 'POST', '/api/v1/statuses', {
      token: bob.token,
      body: { status: `@dan ${LEAK}`, visibility: 'direct' },
    });
    expect(dm.status).toBe(422);
  });

  it('refuses an edit that adds identifiers and keeps the stored version', async () => {
    const ok = await call(env, 'POST', '/api/v1/statuses', {
      token: bob.token,
      body: { status: 'DKA: fluids first, then insulin #MedEd' },
    });
    expect(ok.status).toBe(200);
    const edit = await call(env, 'PUT', `/api/v1/statuses/${ok.body.id}`, {
      token: bob.token,
      body: { status: LEAK },
    });
    expect(edit.status).toBe(422);
    const source = await call(env, 'GET', `/api/v1/statuses/${ok.body.id}/source`, { token: bob.token });
    expect(source.body.text).toBe('DKA: fluids first, then insulin #MedEd');
    const history = await call(env, 'GET', `/api/v1/statuses/${ok.body.id}/history`, { token: bob.token });
    expect(history.body).toHaveLength(1);
  });

  it('refuses identifiers in the bio and profile fields, but not the member’s own name', async () => {
    const bio = await call(env, 'PATCH', '/api/v1/accounts/update_credentials', {
      token: dan.token,
      body: { note: 'Following up on Marguerite Okafor, MRN 4471-2290' },
    });
    expect(bio.status).toBe(422);
    expect(bio.body.error_code).toBe('phi_detected');
    const field = await call(env, 'PATCH', '/api/v1/accounts/update_credentials', {
      token: dan.token,
      body: { fields_attributes: [{ name: 'Current patient', value: 'Marguerite Okafor' }] },
    });
    expect(field.status).toBe(422);
    const own = await call(env, 'PATCH', '/api/v1/accounts/update_credentials', {
      token: dan.token,
      body: { display_name: 'Dan Dimitrov', note: 'I am Dan Dimitrov, MS3. #MedEd' },
    });
    expect(own.status).toBe(200);
    const me = await call(env, 'GET', '/api/v1/accounts/verify_credentials', { token: dan.token });
    expect(me.body.source.note).toBe('I am Dan Dimitrov, MS3. #MedEd');
  });

  it('leaves clinical teaching with eponyms, scores and place-named diseases alone', async () => {
    const res = await call(env, 'POST', '/api/v1/statuses', {
      token: bob.token,
      body: {
        status:
          "Murphy's sign, Wells score and Glasgow Coma Scale: the patient with Lyme disease and Parkinson's still needs an Apgar-style checklist. doi:10.1056/NEJMoa2034577 #POCUS",
      },
    });
    expect(res.status).toBe(200);
  });
});

describe('the author’s decision through the Rounds API, audited without PHI', () => {
  let env: TestEnv;
  let bob: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    bob = await createPersona(env, 'bob');
  });

  it('stores the redaction when the author accepts it, and audits types and counts', async () => {
    const res = await call(env, 'POST', '/api/rounds/v1/statuses', {
      token: bob.token,
      body: { status: LEAK, phi: { action: 'redact' } },
    });
    expect(res.status).toBe(200);
    expectNoPhi(res.body.content);
    expect(res.body.content).toContain('[NAME]');
    const rows = await auditRows(env);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      accountId: bob.account.id,
      action: 'redacted',
      surface: 'status',
      targetId: res.body.id,
      reason: null,
    });
    expect(rows[0]!.typeCounts).toMatchObject({ NAME: 1, MEDICAL_RECORD_NUMBER: 1 });
    expectNoPhi(rows);
  });

  it('allows an override only with consent, a reason and a closed audience', async () => {
    const publicOverride = await call(env, 'POST', '/api/rounds/v1/statuses', {
      token: bob.token,
      body: {
        status: LEAK,
        phi: { action: 'override', reason: 'Consent form signed for teaching use', consent_attested: true },
      },
    });
    expect(publicOverride.status).toBe(422);
    expect(publicOverride.body.error.code).toBe('phi_detected');
    expect(publicOverride.body.error.message).toContain('closed space');

    const noConsent = await call(env, 'POST', '/api/rounds/v1/statuses', {
      token: bob.token,
      body: {
        status: LEAK,
        visibility: 'private',
        phi: { action: 'override', reason: 'Consent form signed for teaching use', consent_attested: false },
      },
    });
    expect(noConsent.status).toBe(422);
    expect(noConsent.body.error.message).toContain('consent');

    const before = (await auditRows(env)).length;
    const ok = await call(env, 'POST', '/api/rounds/v1/statuses', {
      token: bob.token,
      body: {
        status: LEAK,
        visibility: 'private',
        phi: { action: 'override', reason: 'Consent form signed for teaching use', consent_attested: true },
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.content).toContain('Okafor');
    const rows = await auditRows(env);
    expect(rows).toHaveLength(before + 1);
    const last = rows.at(-1)!;
    expect(last).toMatchObject({
      action: 'overridden',
      surface: 'status',
      targetId: ok.body.id,
      reason: 'Consent form signed for teaching use',
    });
    expectNoPhi(last);
  });

  it('audits a redacted edit', async () => {
    const s = await call(env, 'POST', '/api/v1/statuses', {
      token: bob.token,
      body: { status: 'insulin drip teaching' },
    });
    const res = await call(env, 'PUT', `/api/rounds/v1/statuses/${s.body.id}`, {
      token: bob.token,
      body: { status: LEAK, phi: { action: 'redact' } },
    });
    expect(res.status).toBe(200);
    expect((await auditRows(env)).at(-1)).toMatchObject({
      action: 'redacted',
      surface: 'status_edit',
      targetId: s.body.id,
    });
  });

  it('keeps the audit log append-only', async () => {
    await expect(env.ctx.db.execute(sql`update phi_audit_log set reason = 'x'`)).rejects.toThrow();
    await expect(env.ctx.db.execute(sql`delete from phi_audit_log`)).rejects.toThrow();
    expect((await auditRows(env)).length).toBeGreaterThan(0);
  });

  it('rejects a malformed decision with a message naming the field', async () => {
    const res = await call(env, 'POST', '/api/rounds/v1/statuses', {
      token: bob.token,
      body: { status: LEAK, phi: { action: 'ignore' } },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('phi');
  });
});

describe('POST /api/rounds/v1/phi/check', () => {
  it('returns spans and a redaction for the composer, stores nothing, and is rate-limited', async () => {
    const env = await createTestEnv();
    const carol = await createPersona(env, 'carol');
    const res = await call(env, 'POST', '/api/rounds/v1/phi/check', {
      token: carol.token,
      body: { text: LEAK },
    });
    expect(res.status).toBe(200);
    expect(res.body.spans.length).toBeGreaterThanOrEqual(2);
    expect(res.body.redacted_text).not.toContain('Okafor');
    expect(res.body.message).toContain('Possible patient identifiers');
    expect(await auditRows(env)).toEqual([]);
    const clean = await call(env, 'POST', '/api/rounds/v1/phi/check', {
      token: carol.token,
      body: { text: 'Wells score for PE' },
    });
    expect(clean.body.spans).toEqual([]);
    const missing = await call(env, 'POST', '/api/rounds/v1/phi/check', { token: carol.token, body: {} });
    expect(missing.status).toBe(422);
    expect(missing.body.error.message).toContain('text');
    expect((await call(env, 'POST', '/api/rounds/v1/phi/check', { body: { text: 'x' } })).status).toBe(401);
    let limited = 0;
    for (let i = 0; i < 250; i++) {
      const r = await call(env, 'POST', '/api/rounds/v1/phi/check', {
        token: carol.token,
        body: { text: 'Wells' },
      });
      if (r.status === 429) limited++;
    }
    expect(limited).toBeGreaterThan(0);
  }, 60_000);
});
