import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { generateId, isId } from '../../db/ids.ts';
import { type CredentialRow, credentials } from '../../db/schema/index.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { guardText } from '../phi/gate.ts';
import { audit, type CredentialView, type Ctx, INSTITUTION, view } from './records.ts';
import { credentialsKey, encryptLicence } from './secret.ts';
import { findProfession, findSpecialty } from './vocabulary.ts';

/** What a member submits (or resubmits). Lengths and types are checked at the edge. */
export interface CredentialInput {
  profession: string;
  specialty?: string | null | undefined;
  trainingYear?: number | null | undefined;
  school?: string | null | undefined;
  jurisdiction: string;
  issuingBody: string;
  licenceNumber: string;
  evidenceNote?: string | undefined;
}

/** Submissions in review at once per member: the queue is people's time. */
const MAX_OPEN_SUBMISSIONS = 5;

/** Checks the vocabularies and what the profession needs; returns the normalised fields. */
function checkInput(input: CredentialInput) {
  const profession = findProfession(input.profession);
  if (!profession) {
    throw new ValidationError(
      `profession: '${input.profession}' is not a profession Rounds verifies; choose one from GET /api/rounds/v1/credentials/vocabulary`,
      'profession',
    );
  }
  const specialtyCode = input.specialty?.trim() || null;
  if (specialtyCode && !findSpecialty(specialtyCode)) {
    throw new ValidationError(
      `specialty: '${specialtyCode}' is not in the specialty list; choose one from GET /api/rounds/v1/credentials/vocabulary`,
      'specialty',
    );
  }
  if (profession.specialty === 'required' && !specialtyCode) {
    throw new ValidationError(`specialty: is required for a ${profession.label.toLowerCase()}`, 'specialty');
  }
  if (profession.specialty === 'none' && specialtyCode) {
    throw new ValidationError(
      `specialty: a ${profession.label.toLowerCase()} credential takes no specialty; leave it out`,
      'specialty',
    );
  }
  const trainingYear = input.trainingYear ?? null;
  if (profession.needsYear && trainingYear === null) {
    throw new ValidationError(
      `training_year: is required for a ${profession.label.toLowerCase()} (1 for the first year)`,
      'training_year',
    );
  }
  if (!profession.needsYear && trainingYear !== null) {
    throw new ValidationError(
      `training_year: only residents and students give a year of training`,
      'training_year',
    );
  }
  const school = input.school?.trim() || null;
  if (profession.needsSchool && !school) {
    throw new ValidationError('school: is required for a student', 'school');
  }
  if (!profession.needsSchool && school) {
    throw new ValidationError('school: only students give a school', 'school');
  }
  const licenceNumber = input.licenceNumber.trim();
  if (!licenceNumber) {
    throw new ValidationError('licence_number: is required', 'licence_number');
  }
  // NOTE: every free text a person typed passes the PHI gate; the licence number is not free text
  // (it is an identifier by design) and is never stored in the clear. Names of places and
  // institutions are what jurisdiction, issuing body and school hold, so only there places pass.
  const names = guardText(
    'credential',
    { jurisdiction: input.jurisdiction.trim(), issuing_body: input.issuingBody.trim(), school: school ?? '' },
    undefined,
    INSTITUTION,
  ).fields;
  const prose = guardText('credential', { evidence_note: (input.evidenceNote ?? '').trim() }, undefined, {
    closedAudience: true,
  }).fields;
  const guarded = { ...names, ...prose };
  for (const field of ['jurisdiction', 'issuing_body'] as const) {
    if (!guarded[field]) throw new ValidationError(`${field}: is required`, field);
  }
  return {
    profession: profession.code,
    specialty: specialtyCode,
    trainingYear,
    school,
    jurisdiction: guarded.jurisdiction,
    issuingBody: guarded.issuing_body,
    evidenceNote: guarded.evidence_note,
    licenceNumber,
  };
}

/** A member submits a credential for verification; it waits in the queue as `pending`. */
export async function submitCredential(
  ctx: Ctx,
  accountId: string,
  input: CredentialInput,
): Promise<CredentialView> {
  const fields = checkInput(input);
  const now = ctx.clock.now();
  const [open] = await ctx.db
    .select({ n: count() })
    .from(credentials)
    .where(and(eq(credentials.accountId, accountId), inArray(credentials.status, ['pending', 'needs_info'])));
  if ((open?.n ?? 0) >= MAX_OPEN_SUBMISSIONS) {
    throw new ConflictError(
      `You have ${MAX_OPEN_SUBMISSIONS} credentials in review; wait for a decision, or update one of them instead`,
    );
  }
  const id = generateId();
  const { licenceNumber, ...rest } = fields;
  const row = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(credentials)
      .values({
        id,
        accountId,
        ...rest,
        licenceNumberEncrypted: encryptLicence(credentialsKey(ctx.config), id, licenceNumber),
        status: 'pending',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, row!, accountId, 'submitted', now, {
      profession: row!.profession,
      specialty: row!.specialty,
    });
    return row!;
  });
  return view(row);
}

async function getOwnCredential(db: DbOrTx, accountId: string, id: string): Promise<CredentialRow> {
  const [row] = isId(id)
    ? await db
        .select()
        .from(credentials)
        .where(and(eq(credentials.id, id), eq(credentials.accountId, accountId)))
    : [];
  if (!row) throw new NotFoundError('No such credential among yours');
  return row;
}

/**
 * The member updates a submission still in review (`pending`, or `needs_info`: this is how they
 * answer the verifier's question). It goes back to the queue as `pending`. A decided credential
 * cannot change: renewing or correcting one is a new submission.
 */
export async function updateCredential(
  ctx: Ctx,
  accountId: string,
  id: string,
  input: CredentialInput,
): Promise<CredentialView> {
  const fields = checkInput(input);
  const now = ctx.clock.now();
  const { licenceNumber, ...rest } = fields;
  return ctx.db.transaction(async (tx) => {
    const current = await getOwnCredential(tx, accountId, id);
    const [row] = await tx
      .update(credentials)
      .set({
        ...rest,
        licenceNumberEncrypted: encryptLicence(credentialsKey(ctx.config), id, licenceNumber),
        status: 'pending',
        updatedAt: now,
      })
      .where(and(eq(credentials.id, id), sql`${credentials.status} in ('pending', 'needs_info')`))
      .returning();
    if (!row) {
      throw new ConflictError(
        `This credential is ${current.status.replace('_', ' ')} and can no longer change; submit a new one instead`,
      );
    }
    await audit(tx, row, accountId, 'updated', now, { answered: current.status === 'needs_info' ? 1 : 0 });
    return view(row);
  });
}

/** The member's own credentials, newest first, with their status. */
export async function listMyCredentials(ctx: Ctx, accountId: string): Promise<CredentialView[]> {
  const rows = await ctx.db
    .select()
    .from(credentials)
    .where(eq(credentials.accountId, accountId))
    .orderBy(desc(credentials.id));
  return rows.map(view);
}
