import { asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { generateId, isId } from '../../db/ids.ts';
import {
  type AccountRow,
  accounts,
  type PersonaKind,
  personas,
  type UserRole,
  type UserRow,
  users,
} from '../../db/schema/index.ts';
import { assertUsernameFree, checkDisplayName, checkUsername, getAccount } from '../accounts/index.ts';
import { findAccountOwner } from '../accounts/owners.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import { type IssuedToken, issueToken } from '../oauth/index.ts';

/**
 * Personas (decision 0009): one sign-in, a professional and a personal account. A token acts as
 * exactly one of them (oauth_tokens.account_id; null is the primary account), so whatever a
 * request does, it does as that account; switching is getting a token for the other one. Only the
 * user and moderators learn that the two accounts are linked.
 */

/** One of a user's accounts, as its user (or a moderator) sees it. */
export interface PersonaView {
  account: AccountRow;
  /** null while the user has a single account: nothing to tell apart yet. */
  kind: PersonaKind | null;
  /** The account the user signed up with (users.account_id). */
  primary: boolean;
}

/** Who is asking: the signed-in user and the account their token acts as. */
export interface PersonaActor {
  user: UserRow;
  account: AccountRow;
}

function otherKind(kind: PersonaKind): PersonaKind {
  return kind === 'professional' ? 'personal' : 'professional';
}

/** The user's accounts, the primary one first. */
async function personasOf(ctx: AppContext, user: UserRow): Promise<PersonaView[]> {
  const [primary, linked] = await Promise.all([
    getAccount(ctx.db, user.accountId),
    ctx.db
      .select({ account: accounts, kind: personas.kind })
      .from(personas)
      .innerJoin(accounts, eq(accounts.id, personas.accountId))
      .where(eq(personas.userId, user.id))
      .orderBy(asc(personas.createdAt)),
  ]);
  const persona = linked[0];
  return [
    { account: primary, kind: persona ? otherKind(persona.kind) : null, primary: true },
    ...linked.map((p) => ({ account: p.account, kind: p.kind, primary: false })),
  ];
}

/** GET /personas: the signed-in user's accounts (primary first). */
export async function listMyPersonas(ctx: AppContext, me: PersonaActor): Promise<PersonaView[]> {
  return personasOf(ctx, me.user);
}

export interface CreatePersonaInput {
  username: string;
  displayName?: string | undefined;
  /** What the new account is; the primary account becomes the other kind. */
  kind: PersonaKind;
}

/**
 * Creates the user's second account (POST /personas), from a token acting as their primary
 * account. The username follows the sign-up rules (1–30 letters, digits or underscores, unique
 * whatever the case) and the display name the profile ones. The persona starts with the primary
 * account's posting defaults, then keeps its own. 409 when the user already has one.
 */
export async function createPersona(
  ctx: AppContext,
  me: PersonaActor,
  input: CreatePersonaInput,
): Promise<PersonaView[]> {
  const username = checkUsername(input.username);
  const displayName = checkDisplayName(input.displayName);
  const now = ctx.clock.now();
  const created = await ctx.db.transaction(async (tx) => {
    // NOTE: the user row lock serialises two creations racing for the one persona slot.
    const [user] = await tx.select().from(users).where(eq(users.id, me.user.id)).for('update');
    if (!user) throw new NotFoundError('No such user');
    const [existing] = await tx
      .select({ username: accounts.username })
      .from(personas)
      .innerJoin(accounts, eq(accounts.id, personas.accountId))
      .where(eq(personas.userId, user.id));
    if (existing) {
      throw new ConflictError(
        `You already have a second account (@${existing.username}); one sign-in holds at most two. Switch to it with POST /api/rounds/v1/personas/switch.`,
      );
    }
    if (me.account.id !== user.accountId) {
      throw new ForbiddenError('Create a persona with a token of your primary account');
    }
    await assertUsernameFree(tx, username);
    const [account] = await tx
      .insert(accounts)
      .values({ id: generateId(), username, displayName, createdAt: now, updatedAt: now })
      .returning();
    await tx.insert(personas).values({
      accountId: account!.id,
      userId: user.id,
      kind: input.kind,
      defaultVisibility: user.defaultVisibility,
      defaultSensitive: user.defaultSensitive,
      defaultLanguage: user.defaultLanguage,
      createdAt: now,
    });
    return account!;
  });
  ctx.events.emit('AccountCreated', { accountId: created.id });
  return personasOf(ctx, me.user);
}

export interface SwitchedToken {
  token: IssuedToken;
  account: AccountRow;
}

/** The token making the switch: its app, scopes and expiry carry over to the new one. */
export interface SwitchingToken extends PersonaActor {
  appId: string | null;
  scopes: string[];
  expiresAt: Date | null;
}

/**
 * POST /personas/switch: a new token for the same app, with the same scopes and expiry, acting as
 * `accountId`, which must be one of the user's own accounts (anything else is the same 404 as an
 * account that does not exist). The token used to ask keeps working: revoking either one leaves
 * the other alone.
 */
export async function switchPersona(
  ctx: AppContext,
  me: SwitchingToken,
  accountId: string,
): Promise<SwitchedToken> {
  const own = isId(accountId) ? await personasOf(ctx, me.user) : [];
  const target = own.find((p) => p.account.id === accountId);
  if (!target) throw new NotFoundError('Record not found');
  const token = await issueToken(ctx, me.appId, me.user.id, me.scopes.join(' '), {
    accountId: target.primary ? null : target.account.id,
    expiresAt: me.expiresAt,
  });
  return { token, account: target.account };
}

const MODERATOR_ROLES: readonly UserRole[] = ['moderator', 'admin'];

/**
 * GET /admin/accounts/{id}/personas: the accounts signed in to by the same user as `accountId`
 * (itself included). Moderators and admins only; for a remote account, an empty list.
 */
export async function listLinkedAccounts(
  ctx: AppContext,
  moderator: UserRow,
  accountId: string,
): Promise<PersonaView[]> {
  if (!MODERATOR_ROLES.includes(moderator.role)) {
    throw new ForbiddenError('Only moderators and admins can see which accounts belong together');
  }
  if (!isId(accountId)) throw new NotFoundError('Record not found');
  await getAccount(ctx.db, accountId);
  const owner = await findAccountOwner(ctx.db, accountId);
  return owner ? personasOf(ctx, owner) : [];
}
