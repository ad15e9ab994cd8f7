import { and, asc, eq, notInArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { isId } from '../../db/ids.ts';
import {
  accounts,
  type CredentialAuditAction,
  type CredentialAuditRow,
  type CredentialRow,
  type CredentialStatus,
  credentialAuditLog,
  credentials,
  type UserRole,
  users,
} from '../../db/schema/index.ts';
import { findAccountOwner, isSamePerson, listOwnAccountIds } from '../accounts/owners.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import {
  audit,
  type CredentialView,
  type Ctx,
  guardOne,
  INSTITUTION,
  refreshBadges,
  view,
} from './records.ts';
import { credentialsKey, decryptLicence } from './secret.ts';

const VERIFIER_ROLES: readonly UserRole[] = ['verifier', 'admin'];
/** How far ahead a verifier may set valid-until. */
const MAX_VALIDITY_MS = 10 * 366 * 86_400_000;

async function isVerifier(db: DbOrTx, accountId: string): Promise<boolean> {
  const user = await findAccountOwner(db, accountId);
  return !!user && VERIFIER_ROLES.includes(user.role);
}

async function requireVerifier(db: DbOrTx, accountId: string): Promise<void> {
  if (!(await isVerifier(db, accountId))) {
    throw new ForbiddenError('Only verifiers can review credentials; ask an admin for the verifier role');
  }
}

export interface QueueItem {
  credential: CredentialView;
  account: typeof accounts.$inferSelect;
}

/**
 * The verification queue: pending credentials, oldest first, with their members' accounts.
 * Verifiers only; a verifier's own submissions are not in their queue (another verifier decides).
 */
export async function listVerificationQueue(
  ctx: Ctx,
  verifierAccountId: string,
  limit = 40,
): Promise<QueueItem[]> {
  await requireVerifier(ctx.db, verifierAccountId);
  // NOTE: "own" is the person's: their persona's submissions are theirs too (decision 0009).
  const own = await listOwnAccountIds(ctx.db, verifierAccountId);
  const rows = await ctx.db
    .select({ credential: credentials, account: accounts })
    .from(credentials)
    .innerJoin(accounts, eq(accounts.id, credentials.accountId))
    .where(and(eq(credentials.status, 'pending'), notInArray(credentials.accountId, own)))
    .orderBy(asc(credentials.id))
    .limit(limit);
  return rows.map((r) => ({ credential: view(r.credential), account: r.account }));
}

/**
 * Loads a credential for a verifier's decision and checks who may decide: verifiers, never on their
 * own credential, and only from the statuses listed.
 */
async function forDecision(
  tx: DbOrTx,
  verifierAccountId: string,
  id: string,
  from: readonly CredentialStatus[],
  verb: 'approve' | 'reject' | 'ask about' | 'revoke' | 'check',
): Promise<CredentialRow> {
  await requireVerifier(tx, verifierAccountId);
  const [row] = isId(id)
    ? await tx.select().from(credentials).where(eq(credentials.id, id)).for('update')
    : [];
  if (!row) throw new NotFoundError('No such credential');
  if (await isSamePerson(tx, row.accountId, verifierAccountId)) {
    throw new ForbiddenError(`You cannot ${verb} your own credential; another verifier must review it`);
  }
  if (!from.includes(row.status)) {
    const done = {
      approve: 'approved',
      reject: 'rejected',
      'ask about': 'asked about',
      revoke: 'revoked',
      check: 'checked',
    }[verb];
    throw new ConflictError(
      `This credential is ${row.status.replace('_', ' ')}; only a ${from.map((s) => s.replace('_', ' ')).join(' or ')} credential can be ${done}`,
    );
  }
  return row;
}

/**
 * One verifier decision, in one transaction: checks who may decide and from which statuses, applies
 * `set`, writes the audit row and, when the badge may change, rewrites the account's badges.
 */
async function decide(
  ctx: Ctx,
  now: Date,
  verifierAccountId: string,
  id: string,
  step: {
    from: readonly CredentialStatus[];
    verb: 'approve' | 'reject' | 'ask about' | 'revoke';
    set: Partial<typeof credentials.$inferInsert>;
    action: CredentialAuditAction;
    details: Record<string, string>;
    badgeChanges: boolean;
  },
): Promise<CredentialView> {
  return ctx.db.transaction(async (tx) => {
    await forDecision(tx, verifierAccountId, id, step.from, step.verb);
    const [row] = await tx
      .update(credentials)
      .set({ ...step.set, reviewerAccountId: verifierAccountId, updatedAt: now })
      .where(eq(credentials.id, id))
      .returning();
    await audit(tx, row!, verifierAccountId, step.action, now, step.details);
    if (step.badgeChanges) await refreshBadges(tx, row!.accountId, now);
    return view(row!);
  });
}

export interface ApproveInput {
  organisation: string;
  validUntil: Date;
}

/** A verifier approves a pending credential: it shows as verified by `organisation` until `validUntil`. */
export async function approveCredential(
  ctx: Ctx,
  verifierAccountId: string,
  id: string,
  input: ApproveInput,
): Promise<CredentialView> {
  const now = ctx.clock.now();
  const organisation = guardOne('organisation', input.organisation, INSTITUTION);
  if (input.validUntil.getTime() <= now.getTime()) {
    throw new ValidationError('valid_until: must be in the future', 'valid_until');
  }
  if (input.validUntil.getTime() > now.getTime() + MAX_VALIDITY_MS) {
    throw new ValidationError('valid_until: must be within 10 years', 'valid_until');
  }
  return decide(ctx, now, verifierAccountId, id, {
    from: ['pending'],
    verb: 'approve',
    set: {
      status: 'verified',
      verifierOrganisation: organisation,
      verifiedAt: now,
      validUntil: input.validUntil,
      question: null,
      reason: null,
    },
    action: 'approved',
    details: { organisation, valid_until: input.validUntil.toISOString() },
    badgeChanges: true,
  });
}

/** A verifier rejects a credential in review, with a reason the member sees. */
export async function rejectCredential(
  ctx: Ctx,
  verifierAccountId: string,
  id: string,
  reasonText: string,
): Promise<CredentialView> {
  const reason = guardOne('reason', reasonText);
  return decide(ctx, ctx.clock.now(), verifierAccountId, id, {
    from: ['pending', 'needs_info'],
    verb: 'reject',
    set: { status: 'rejected', reason },
    action: 'rejected',
    details: { reason },
    badgeChanges: false,
  });
}

/** A verifier asks the member for more; the member answers by updating the submission. */
export async function askForMore(
  ctx: Ctx,
  verifierAccountId: string,
  id: string,
  questionText: string,
): Promise<CredentialView> {
  const question = guardOne('question', questionText);
  return decide(ctx, ctx.clock.now(), verifierAccountId, id, {
    from: ['pending'],
    verb: 'ask about',
    set: { status: 'needs_info', question },
    action: 'asked',
    details: { question },
    badgeChanges: false,
  });
}

/** A verifier revokes a verified credential, with a reason; the badge disappears at once. */
export async function revokeCredential(
  ctx: Ctx,
  verifierAccountId: string,
  id: string,
  reasonText: string,
): Promise<CredentialView> {
  const reason = guardOne('reason', reasonText);
  return decide(ctx, ctx.clock.now(), verifierAccountId, id, {
    from: ['verified'],
    verb: 'revoke',
    set: { status: 'revoked', reason },
    action: 'revoked',
    details: { reason },
    badgeChanges: true,
  });
}

/**
 * Lets a verifier compare the licence number with the one the issuing body's register shows,
 * without the number ever leaving the server. Audited like every step.
 */
export async function checkLicenceNumber(
  ctx: Ctx,
  verifierAccountId: string,
  id: string,
  candidate: string,
): Promise<boolean> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await forDecision(tx, verifierAccountId, id, ['pending', 'needs_info', 'verified'], 'check');
    const stored = decryptLicence(credentialsKey(ctx.config), row.id, row.licenceNumberEncrypted);
    const normalise = (s: string) => s.replace(/[\s.-]/g, '').toUpperCase();
    const matches = normalise(stored) === normalise(candidate);
    await audit(tx, row, verifierAccountId, 'checked', now, { matches: matches ? 1 : 0 });
    return matches;
  });
}

/** A credential's audit trail, oldest first: its owner and verifiers may read it. */
export async function listCredentialAudit(
  ctx: Ctx,
  viewerAccountId: string,
  id: string,
): Promise<CredentialAuditRow[]> {
  const [row] = isId(id) ? await ctx.db.select().from(credentials).where(eq(credentials.id, id)) : [];
  // NOTE: to anyone else, someone's credential does not exist (the same 404).
  if (!row || (row.accountId !== viewerAccountId && !(await isVerifier(ctx.db, viewerAccountId)))) {
    throw new NotFoundError('No such credential');
  }
  return ctx.db
    .select()
    .from(credentialAuditLog)
    .where(eq(credentialAuditLog.credentialId, id))
    .orderBy(asc(credentialAuditLog.id));
}

/** Gives or takes the verifier role (`rounds user role`). */
export async function setUserRole(ctx: Ctx, userId: string, role: UserRole): Promise<void> {
  const updated = await ctx.db
    .update(users)
    .set({ role })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  if (updated.length === 0) throw new NotFoundError('No such user');
}
