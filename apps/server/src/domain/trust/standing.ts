import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { accounts, type UserRole, type VerifiedCredentialBadge } from '../../db/schema/index.ts';
import { findAccountOwner } from '../accounts/owners.ts';
import { findProfession, findSpecialty } from '../credentials/vocabulary.ts';
import { ForbiddenError } from '../errors.ts';

/**
 * What an account may do with correction notes: whether it currently holds a verified credential
 * and in which fields. A field is the credential's specialty, or its profession when it has none
 * (a nurse, a pharmacist, a student), so every verified member counts somewhere.
 */
export interface Standing {
  verified: boolean;
  fields: string[];
}

/**
 * The fields of the verified credentials still valid at `now`. Reads the badges kept on the account
 * row (accounts.verified_credentials, domain/credentials), checking valid-until itself so a badge
 * the expiry sweep has not reached yet does not count.
 */
export function fieldsOf(badges: readonly VerifiedCredentialBadge[] | undefined, now: Date): string[] {
  const fields = new Set<string>();
  for (const b of badges ?? []) {
    if (new Date(b.validUntil).getTime() > now.getTime()) fields.add(b.specialty ?? b.profession);
  }
  return [...fields].sort();
}

export async function getStanding(db: DbOrTx, accountId: string, now: Date): Promise<Standing> {
  const [row] = await db
    .select({ badges: accounts.verifiedCredentials })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  const fields = fieldsOf(row?.badges, now);
  return { verified: fields.length > 0, fields };
}

/** Throws 403 with what to do when `accountId` holds no verified credential. */
export async function requireVerified(
  db: DbOrTx,
  accountId: string,
  now: Date,
  action: string,
): Promise<Standing> {
  const standing = await getStanding(db, accountId, now);
  if (!standing.verified) {
    throw new ForbiddenError(
      `Only members with a verified credential can ${action}. Submit yours for verification (POST /api/rounds/v1/credentials); once a verifier approves it, you can.`,
    );
  }
  return standing;
}

/** How a field reads: "Emergency medicine", "Pharmacist". */
export function fieldLabel(code: string): string {
  return findSpecialty(code)?.label ?? findProfession(code)?.label ?? code;
}

const MODERATOR_ROLES: readonly UserRole[] = ['moderator', 'admin'];

/** Whether the person signed in to `accountId` (primary account or persona) moderates. */
export async function isModerator(db: DbOrTx, accountId: string): Promise<boolean> {
  const user = await findAccountOwner(db, accountId);
  return !!user && MODERATOR_ROLES.includes(user.role);
}

/** Throws 403 unless `accountId` is a moderator or an admin. */
export async function requireModerator(db: DbOrTx, accountId: string, action: string): Promise<void> {
  if (!(await isModerator(db, accountId))) {
    throw new ForbiddenError(
      `Only moderators can ${action}. A verified member can write a correction note instead (POST /api/rounds/v1/statuses/{id}/corrections).`,
    );
  }
}
