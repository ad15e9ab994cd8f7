import { and, desc, eq, lte, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { generateId } from '../../db/ids.ts';
import {
  accounts,
  type CredentialAuditAction,
  type CredentialRow,
  credentialAuditLog,
  credentials,
  type VerifiedCredentialBadge,
} from '../../db/schema/index.ts';
import { ValidationError } from '../errors.ts';
import { guardText, type PhiSpace } from '../phi/gate.ts';

/** A credential as its owner and verifiers see it: everything but the licence number. */
export type CredentialView = Omit<CredentialRow, 'licenceNumberEncrypted'>;

export function view(row: CredentialRow): CredentialView {
  const { licenceNumberEncrypted: _, ...rest } = row;
  return rest;
}

export type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

/** Names of places and institutions: what jurisdiction, issuing body, school and organisation hold. */
export const INSTITUTION: PhiSpace = { closedAudience: true, expectedTypes: ['GEOGRAPHIC_LOCATION'] };

export function guardOne(field: string, text: string, space: PhiSpace = { closedAudience: true }): string {
  const value = text.trim();
  if (!value) throw new ValidationError(`${field}: is required`, field);
  return guardText('credential', { [field]: value }, undefined, space).fields[field]!;
}

export async function audit(
  db: DbOrTx,
  row: Pick<CredentialRow, 'id' | 'accountId'>,
  actorAccountId: string | null,
  action: CredentialAuditAction,
  now: Date,
  details: Record<string, string | number | null> = {},
): Promise<void> {
  await db.insert(credentialAuditLog).values({
    id: generateId(),
    credentialId: row.id,
    accountId: row.accountId,
    actorAccountId,
    action,
    details,
    createdAt: now,
  });
}

/**
 * Rewrites what `accountId` shows as verified (accounts.verified_credentials) from its verified,
 * unexpired credentials: one per profession and specialty, the one valid longest. Called in the
 * transaction of every step that changes a verified credential.
 */
export async function refreshBadges(db: DbOrTx, accountId: string, now: Date): Promise<void> {
  const rows = await db
    .select()
    .from(credentials)
    .where(
      and(
        eq(credentials.accountId, accountId),
        eq(credentials.status, 'verified'),
        sql`${credentials.validUntil} > ${now.toISOString()}`,
      ),
    )
    .orderBy(desc(credentials.validUntil));
  const seen = new Set<string>();
  const badges: VerifiedCredentialBadge[] = [];
  for (const r of rows) {
    const key = `${r.profession}/${r.specialty ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    badges.push({
      credentialId: r.id,
      profession: r.profession,
      specialty: r.specialty,
      trainingYear: r.trainingYear,
      school: r.school,
      jurisdiction: r.jurisdiction,
      verifiedBy: r.verifierOrganisation ?? '',
      verifiedAt: r.verifiedAt!.toISOString(),
      validUntil: r.validUntil!.toISOString(),
    });
  }
  await db.update(accounts).set({ verifiedCredentials: badges }).where(eq(accounts.id, accountId));
}

/**
 * Marks verified credentials whose valid-until has passed (by the context clock) as expired and
 * takes their badges down. Claims the rows with one UPDATE … RETURNING, so several processes never
 * expire the same credential twice. Returns the expired credentials (jobs/credential-expiry.ts).
 */
export async function expireCredentials(ctx: Ctx): Promise<CredentialView[]> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .update(credentials)
      .set({ status: 'expired', updatedAt: now })
      .where(and(eq(credentials.status, 'verified'), lte(credentials.validUntil, now)))
      .returning();
    for (const row of rows) await audit(tx, row, null, 'expired', now);
    for (const accountId of new Set(rows.map((r) => r.accountId))) await refreshBadges(tx, accountId, now);
    return rows.map(view);
  });
}
