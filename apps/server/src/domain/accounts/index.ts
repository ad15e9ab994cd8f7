import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { generateId } from '../../db/ids.ts';
import {
  type AccountRow,
  accounts,
  type ProfileField,
  type UserRole,
  type UserRow,
  users,
} from '../../db/schema/index.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { guardText, type PendingPhiAudit, type PhiDecision, recordPhiAudit } from '../phi/gate.ts';
import { findAccountOwner } from './owners.ts';
import { checkPasswordStrength, dummyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';

export const USERNAME_PATTERN = /^[a-z0-9_]{1,30}$/i;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PROFILE_LIMITS = { displayName: 30, note: 500, fields: 4, fieldName: 255, fieldValue: 255 };

export interface CreateLocalAccountInput {
  username: string;
  email: string;
  password: string;
  displayName?: string | undefined;
  note?: string | undefined;
  role?: UserRole | undefined;
  approved?: boolean | undefined;
  locale?: string | undefined;
  reason?: string | undefined;
}

/** A new local username, trimmed: the same rule for sign-up and personas. */
export function checkUsername(raw: string): string {
  const username = raw.trim();
  if (!USERNAME_PATTERN.test(username)) {
    throw new ValidationError('username must be 1–30 letters, digits or underscores', 'username');
  }
  return username;
}

/** A display name as given at sign-up, trimmed ('' when absent). */
export function checkDisplayName(raw: string | undefined): string {
  const displayName = (raw ?? '').trim();
  if (displayName.length > PROFILE_LIMITS.displayName) {
    throw new ValidationError(
      `display_name is too long (at most ${PROFILE_LIMITS.displayName} characters)`,
      'display_name',
    );
  }
  return displayName;
}

/** Local usernames are unique whatever their case (the unique index backs this up under races). */
export async function assertUsernameFree(db: DbOrTx, username: string): Promise<void> {
  const [taken] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(sql`lower(${accounts.username}) = lower(${username})`, isNull(accounts.domain)));
  if (taken) throw new ValidationError('username is already taken', 'username', { error: 'ERR_TAKEN' });
}

/** Creates an account and the user who signs in to it, in one transaction. */
export async function createLocalAccount(
  ctx: AppContext,
  input: CreateLocalAccountInput,
): Promise<{ account: AccountRow; user: UserRow }> {
  const username = checkUsername(input.username);
  const email = input.email.trim();
  if (!EMAIL_PATTERN.test(email) || email.length > 254)
    throw new ValidationError('email is not a valid address', 'email');
  const weak = checkPasswordStrength(input.password);
  if (weak) throw new ValidationError(weak, 'password');
  const displayName = checkDisplayName(input.displayName);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    await assertUsernameFree(tx, username);
    const [emailTaken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = lower(${email})`);
    if (emailTaken) throw new ValidationError('email is already in use', 'email', { error: 'ERR_TAKEN' });
    const [account] = await tx
      .insert(accounts)
      .values({
        id: generateId(),
        username,
        displayName,
        note: input.note ?? '',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const [user] = await tx
      .insert(users)
      .values({
        id: generateId(),
        accountId: account!.id,
        email,
        passwordHash,
        role: input.role ?? 'user',
        approved: input.approved ?? true,
        locale: input.locale ?? 'en',
        registrationReason: input.reason ?? null,
        createdAt: now,
      })
      .returning();
    return { account: account!, user: user! };
  });
  ctx.events.emit('AccountCreated', { accountId: result.account.id });
  return result;
}

/** Finds the user by email or username and checks the password; null on any mismatch. */
export async function authenticateUser(
  ctx: AppContext,
  login: string,
  password: string,
): Promise<UserRow | null> {
  const [row] = await ctx.db
    .select({ user: users })
    .from(users)
    .innerJoin(accounts, eq(accounts.id, users.accountId))
    .where(
      sql`lower(${users.email}) = lower(${login.trim()}) or (lower(${accounts.username}) = lower(${login.trim()}) and ${accounts.domain} is null)`,
    )
    .limit(1);
  if (!row) {
    await verifyPassword(await dummyPasswordHash(), password);
    return null;
  }
  return (await verifyPassword(row.user.passwordHash, password)) ? row.user : null;
}

export async function setPassword(ctx: AppContext, userId: string, password: string): Promise<void> {
  const weak = checkPasswordStrength(password);
  if (weak) throw new ValidationError(weak, 'password');
  const updated = await ctx.db
    .update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  if (updated.length === 0) throw new NotFoundError('No such user');
}

export async function getAccount(db: DbOrTx, id: string): Promise<AccountRow> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
  if (!row) throw new NotFoundError('Record not found');
  return row;
}

export async function listAccountsByIds(
  db: DbOrTx,
  ids: readonly string[],
): Promise<Map<string, AccountRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(accounts)
    .where(inArray(accounts.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

/** "alice", "@alice", "alice@this.domain" → the local account; remote accounts come with federation. */
export async function findAccountByAcct(ctx: AppContext, acct: string): Promise<AccountRow | null> {
  const [username, domain] = acct.replace(/^@/, '').split('@');
  if (!username) return null;
  const isLocal = !domain || domain.toLowerCase() === ctx.config.domain.toLowerCase();
  const [row] = await ctx.db
    .select()
    .from(accounts)
    .where(
      and(
        sql`lower(${accounts.username}) = lower(${username})`,
        isLocal ? isNull(accounts.domain) : sql`lower(${accounts.domain}) = lower(${domain})`,
      ),
    );
  return row ?? null;
}

export async function findLocalAccountsByUsernames(
  db: DbOrTx,
  usernames: readonly string[],
): Promise<AccountRow[]> {
  if (usernames.length === 0) return [];
  const lowered = [...new Set(usernames.map((u) => u.toLowerCase()))];
  return db
    .select()
    .from(accounts)
    .where(and(isNull(accounts.domain), inArray(sql`lower(${accounts.username})`, lowered)));
}

export interface ProfileUpdate {
  displayName?: string | undefined;
  note?: string | undefined;
  fields?: Array<{ name: string; value: string }> | undefined;
  locked?: boolean | undefined;
  bot?: boolean | undefined;
  discoverable?: boolean | undefined;
  indexable?: boolean | undefined;
  hideCollections?: boolean | undefined;
  /** The author's answer when the PHI guard found identifiers (Rounds API only). */
  phi?: PhiDecision | undefined;
}

/**
 * Runs the bio and every profile field through the PHI gate. The display name is the member's
 * own name, so it is not checked, and their own name is not reported inside the bio either.
 */
function guardProfileText(
  update: ProfileUpdate,
  current: AccountRow,
): { update: ProfileUpdate; audit: PendingPhiAudit | null } {
  const texts: Record<string, string> = {};
  if (update.note !== undefined) texts.note = update.note;
  update.fields?.forEach((f, i) => {
    texts[`fields_attributes.${i}.name`] = f.name;
    texts[`fields_attributes.${i}.value`] = f.value;
  });
  // A profile is public: overrides need a verified professional (credentials land with the trust issue).
  const guarded = guardText('profile', texts, update.phi, {
    closedAudience: false,
    ownNames: [update.displayName ?? current.displayName, current.username],
  });
  const g = guarded.fields;
  return {
    audit: guarded.audit,
    update: {
      ...update,
      ...(g.note !== undefined ? { note: g.note } : {}),
      ...(update.fields
        ? {
            fields: update.fields.map((_, i) => ({
              name: g[`fields_attributes.${i}.name`]!,
              value: g[`fields_attributes.${i}.value`]!,
            })),
          }
        : {}),
    },
  };
}

/** update_credentials: only the given attributes change. */
export async function updateProfile(
  ctx: AppContext,
  accountId: string,
  input: ProfileUpdate,
): Promise<AccountRow> {
  const { update, audit } = guardProfileText(input, await getAccount(ctx.db, accountId));
  const set: Partial<AccountRow> = {};
  if (update.displayName !== undefined) {
    const v = update.displayName.trim();
    if (v.length > PROFILE_LIMITS.displayName)
      throw new ValidationError(
        `display_name is too long (at most ${PROFILE_LIMITS.displayName} characters)`,
        'display_name',
      );
    set.displayName = v;
  }
  if (update.note !== undefined) {
    if (update.note.length > PROFILE_LIMITS.note)
      throw new ValidationError(`note is too long (at most ${PROFILE_LIMITS.note} characters)`, 'note');
    set.note = update.note;
  }
  if (update.fields !== undefined) {
    const fields = update.fields.filter((f) => f.name.trim() !== '' || f.value.trim() !== '');
    if (fields.length > PROFILE_LIMITS.fields)
      throw new ValidationError(
        `fields_attributes: at most ${PROFILE_LIMITS.fields} fields`,
        'fields_attributes',
      );
    for (const f of fields) {
      if (f.name.length > PROFILE_LIMITS.fieldName || f.value.length > PROFILE_LIMITS.fieldValue) {
        throw new ValidationError(
          `fields_attributes: names and values are at most ${PROFILE_LIMITS.fieldName} characters`,
          'fields_attributes',
        );
      }
    }
    set.fields = fields.map(
      (f): ProfileField => ({ name: f.name.trim(), value: f.value.trim(), verifiedAt: null }),
    );
  }
  for (const key of ['locked', 'bot', 'discoverable', 'indexable', 'hideCollections'] as const) {
    if (update[key] !== undefined) set[key] = update[key];
  }
  set.updatedAt = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const [updated] = await tx.update(accounts).set(set).where(eq(accounts.id, accountId)).returning();
    if (!updated) throw new NotFoundError();
    if (audit) await recordPhiAudit(tx, audit, accountId, accountId, ctx.clock.now());
    return updated;
  });
  ctx.events.emit('AccountUpdated', { accountId });
  return row;
}

/** The user who signs in to `accountId`, whether it is their primary account or their persona. */
export async function findUserByAccountId(db: DbOrTx, accountId: string): Promise<UserRow | null> {
  return findAccountOwner(db, accountId);
}

export async function findUserByLogin(ctx: AppContext, login: string): Promise<UserRow | null> {
  const [row] = await ctx.db
    .select({ user: users })
    .from(users)
    .innerJoin(accounts, eq(accounts.id, users.accountId))
    .where(
      sql`lower(${users.email}) = lower(${login}) or (lower(${accounts.username}) = lower(${login}) and ${accounts.domain} is null)`,
    );
  return row?.user ?? null;
}
