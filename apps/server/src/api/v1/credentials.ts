import { z } from 'zod';
import {
  approveCredential,
  askForMore,
  type CredentialView,
  checkLicenceNumber,
  describeCredential,
  listCredentialAudit,
  listMyCredentials,
  listVerificationQueue,
  PROFESSIONS,
  rejectCredential,
  revokeCredential,
  SPECIALTIES,
  submitCredential,
  updateCredential,
} from '../../domain/credentials/index.ts';
import { requireUser } from '../../mastodon/auth.ts';
import { renderAccount } from '../../mastodon/entities/account.ts';
import type { MastodonApp } from '../../mastodon/env.ts';
import { parseWith, pathId, readBody } from '../../mastodon/params.ts';

const required = (max: number, what: string) =>
  z
    .string({ message: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(max, `is too long (at most ${max} characters) for ${what}`);

const optionalText = (max: number) =>
  z
    .string()
    .max(max, `is too long (at most ${max} characters)`)
    .nullish()
    .transform((v) => (v ? v : null));

/** A submission (and a resubmission: PUT replaces every field). */
export const zCredentialParams = z
  .object({
    profession: required(40, 'a profession code').meta({
      description: 'A profession code (GET /api/rounds/v1/credentials/vocabulary)',
    }),
    specialty: optionalText(60).meta({ description: 'A specialty code, when the profession takes one' }),
    training_year: z
      .preprocess(
        (v) => (v === '' || v === null ? undefined : v),
        z.coerce
          .number({ message: 'must be a whole number of years' })
          .int('must be a whole number of years')
          .min(1, 'must be at least 1')
          .max(12, 'must be at most 12')
          .optional(),
      )
      .meta({ description: "Residents' and students' year of training" }),
    school: optionalText(200).meta({ description: "Students' school" }),
    jurisdiction: required(100, 'a jurisdiction').meta({
      description: 'Where the licence applies (a country, state or province)',
    }),
    issuing_body: required(200, 'an issuing body').meta({
      description: 'Who issued the licence or registration',
    }),
    licence_number: z
      .string({ message: 'is required' })
      .trim()
      .min(1, 'is required')
      .max(64, 'is too long (at most 64 characters)')
      .regex(
        /^[\p{L}\p{N}][\p{L}\p{N} ./-]*$/u,
        'may contain only letters, digits, spaces, dots, slashes and hyphens',
      )
      .meta({ description: 'Stored encrypted; never shown again, to anyone' }),
    evidence_note: z
      .string()
      .max(2000, 'is too long (at most 2,000 characters)')
      .optional()
      .meta({ description: 'Where a verifier can check it (register URL), or an answer to their question' }),
  })
  .meta({ id: 'CredentialParams' });

export const zApproveParams = z.object({
  organisation: required(200, 'the verifying organisation').meta({
    description: 'The verifier organisation shown with the credential',
  }),
  valid_until: z
    .string({ message: 'is required (a date such as 2027-06-30)' })
    .refine((v) => toValidUntil(v) !== null, 'must be a date such as 2027-06-30 or an ISO 8601 time')
    .meta({ description: 'A date (valid through that day, UTC) or an ISO 8601 time' }),
});
export const zReasonParams = z.object({ reason: required(1000, 'a reason') });
export const zQuestionParams = z.object({ question: required(1000, 'a question') });
export const zCheckParams = z.object({
  licence_number: z.string({ message: 'is required' }).trim().min(1, 'is required').max(64, 'is too long'),
});

function toValidUntil(v: string): Date | null {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T23:59:59.999Z` : v;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(date)) return null;
  const d = new Date(date);
  return Number.isNaN(d.getTime()) ? null : d;
}

export const zCredential = z
  .object({
    id: z.string(),
    account_id: z.string(),
    profession: z.string(),
    specialty: z.string().nullable(),
    training_year: z.int().nullable(),
    school: z.string().nullable(),
    description: z.string().meta({ description: 'How it reads: "Emergency medicine physician"' }),
    jurisdiction: z.string(),
    issuing_body: z.string(),
    evidence_note: z.string(),
    status: z.enum(['pending', 'needs_info', 'verified', 'rejected', 'revoked', 'expired']),
    question: z.string().nullable().meta({ description: "The verifier's question (status needs_info)" }),
    reason: z.string().nullable().meta({ description: 'Why it was rejected or revoked' }),
    verified_by: z.string().nullable(),
    verified_at: z.string().nullable(),
    valid_until: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Credential', description: 'A credential; the licence number is never returned' });

const zAccount = z.looseObject({ id: z.string(), acct: z.string() }).meta({
  id: 'Account',
  description: "Mastodon's Account entity (https://docs.joinmastodon.org/entities/Account/)",
});

export const zQueueItem = z.object({ credential: zCredential, account: zAccount });

export const zVocabulary = z.object({
  professions: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      specialty: z.enum(['required', 'optional', 'none']),
      needs_year: z.boolean(),
      needs_school: z.boolean(),
    }),
  ),
  specialties: z.array(z.object({ code: z.string(), label: z.string(), discipline: z.string() })),
});

export const zAuditEntry = z.object({
  id: z.string(),
  action: z.string(),
  actor_account_id: z.string().nullable(),
  details: z.looseObject({}),
  created_at: z.string(),
});

function renderCredential(c: CredentialView): z.input<typeof zCredential> {
  return {
    id: c.id,
    account_id: c.accountId,
    profession: c.profession,
    specialty: c.specialty,
    training_year: c.trainingYear,
    school: c.school,
    description: describeCredential(c),
    jurisdiction: c.jurisdiction,
    issuing_body: c.issuingBody,
    evidence_note: c.evidenceNote,
    status: c.status,
    question: c.question,
    reason: c.reason,
    verified_by: c.verifierOrganisation,
    verified_at: c.verifiedAt?.toISOString() ?? null,
    valid_until: c.validUntil?.toISOString() ?? null,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}

function toInput(p: z.output<typeof zCredentialParams>) {
  return {
    profession: p.profession,
    specialty: p.specialty,
    trainingYear: p.training_year ?? null,
    school: p.school,
    jurisdiction: p.jurisdiction,
    issuingBody: p.issuing_body,
    licenceNumber: p.licence_number,
    evidenceNote: p.evidence_note,
  };
}

const VOCABULARY = {
  professions: PROFESSIONS.map((p) => ({
    code: p.code,
    label: p.label,
    specialty: p.specialty,
    needs_year: p.needsYear,
    needs_school: p.needsSchool,
  })),
  specialties: SPECIALTIES.map((s) => ({ code: s.code, label: s.label, discipline: s.discipline })),
};

/**
 * Verified credentials (domain/credentials): members submit and answer under /credentials;
 * verifiers work the queue under /verification. The licence number goes in and never comes out.
 */
export function registerCredentials(app: MastodonApp): void {
  app.get('/api/rounds/v1/credentials/vocabulary', (c) => c.json(VOCABULARY));

  app.post('/api/rounds/v1/credentials', async (c) => {
    const me = requireUser(c, 'write:accounts');
    const p = parseWith(zCredentialParams, await readBody(c));
    return c.json(renderCredential(await submitCredential(c.get('ctx'), me.account.id, toInput(p))));
  });

  app.get('/api/rounds/v1/credentials', async (c) => {
    const me = requireUser(c, 'read:accounts');
    return c.json((await listMyCredentials(c.get('ctx'), me.account.id)).map(renderCredential));
  });

  app.put('/api/rounds/v1/credentials/:id', async (c) => {
    const me = requireUser(c, 'write:accounts');
    const id = pathId(c);
    const p = parseWith(zCredentialParams, await readBody(c));
    return c.json(renderCredential(await updateCredential(c.get('ctx'), me.account.id, id, toInput(p))));
  });

  app.get('/api/rounds/v1/credentials/:id/audit', async (c) => {
    const me = requireUser(c, 'read:accounts');
    const id = pathId(c);
    const rows = await listCredentialAudit(c.get('ctx'), me.account.id, id);
    return c.json(
      rows.map((r) => ({
        id: r.id,
        action: r.action,
        actor_account_id: r.actorAccountId,
        details: r.details,
        created_at: r.createdAt.toISOString(),
      })),
    );
  });

  app.get('/api/rounds/v1/verification/queue', async (c) => {
    const me = requireUser(c, 'read:accounts');
    const ctx = c.get('ctx');
    const items = await listVerificationQueue(ctx, me.account.id);
    return c.json(
      items.map((i) => ({
        credential: renderCredential(i.credential),
        account: renderAccount(ctx.config, i.account),
      })),
    );
  });

  const base = '/api/rounds/v1/verification/credentials/:id';
  app.post(`${base}/approve`, async (c) => {
    const me = requireUser(c, 'write:accounts');
    const id = pathId(c);
    const p = parseWith(zApproveParams, await readBody(c));
    const row = await approveCredential(c.get('ctx'), me.account.id, id, {
      organisation: p.organisation,
      validUntil: toValidUntil(p.valid_until)!,
    });
    return c.json(renderCredential(row));
  });
  app.post(`${base}/reject`, async (c) => {
    const me = requireUser(c, 'write:accounts');
    const id = pathId(c);
    const p = parseWith(zReasonParams, await readBody(c));
    return c.json(renderCredential(await rejectCredential(c.get('ctx'), me.account.id, id, p.reason)));
  });
  app.post(`${base}/ask`, async (c) => {
    const me = requireUser(c, 'write:accounts');
    const id = pathId(c);
    const p = parseWith(zQuestionParams, await readBody(c));
    return c.json(renderCredential(await askForMore(c.get('ctx'), me.account.id, id, p.question)));
  });
  app.post(`${base}/revoke`, async (c) => {
    const me = requireUser(c, 'write:accounts');
    const id = pathId(c);
    const p = parseWith(zReasonParams, await readBody(c));
    return c.json(renderCredential(await revokeCredential(c.get('ctx'), me.account.id, id, p.reason)));
  });
  app.post(`${base}/check_licence`, async (c) => {
    const me = requireUser(c, 'write:accounts');
    const id = pathId(c);
    const p = parseWith(zCheckParams, await readBody(c));
    return c.json({ matches: await checkLicenceNumber(c.get('ctx'), me.account.id, id, p.licence_number) });
  });
}
