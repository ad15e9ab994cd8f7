import { eq, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { personas, type UserRow, users } from '../../db/schema/index.ts';

/**
 * Who signs in to a local account. A user's primary account is users.account_id; a persona
 * (decision 0009) is linked through `personas`. Rules that belong to the person rather than to one
 * of their accounts (roles, "not your own", a disabled user) go through these functions, never
 * through `users.account_id` alone.
 */

/** The user who signs in to `accountId` (its primary account or persona); null for remote accounts. */
export async function findAccountOwner(db: DbOrTx, accountId: string): Promise<UserRow | null> {
  const [primary] = await db.select().from(users).where(eq(users.accountId, accountId));
  if (primary) return primary;
  const [persona] = await db
    .select({ user: users })
    .from(personas)
    .innerJoin(users, eq(users.id, personas.userId))
    .where(eq(personas.accountId, accountId));
  return persona?.user ?? null;
}

/**
 * `accountId` and the other account of the same person, if they have one: what "one's own" means
 * for rules a second account must not get around (reviewing one's own credential, rating one's
 * own correction note).
 */
export async function listOwnAccountIds(db: DbOrTx, accountId: string): Promise<string[]> {
  const owner = await findAccountOwner(db, accountId);
  if (!owner) return [accountId];
  const linked = await db
    .select({ id: personas.accountId })
    .from(personas)
    .where(eq(personas.userId, owner.id));
  return [...new Set([accountId, owner.accountId, ...linked.map((r) => r.id)])];
}

/** Whether two accounts are the same person's (the same account, or a primary account and its persona). */
export async function isSamePerson(db: DbOrTx, a: string, b: string): Promise<boolean> {
  if (a === b) return true;
  return (await listOwnAccountIds(db, a)).includes(b);
}

/**
 * SQL: the local account `accountId` belongs to a user who may sign in (approved, not disabled),
 * whether it is their primary account or their persona.
 */
export function hasActiveOwner(accountId: SQLWrapper): SQL {
  return sql`(exists (select 1 from ${users}
      where ${users.accountId} = ${accountId} and ${users.approved} and not ${users.disabled})
    or exists (select 1 from ${personas} join ${users} on ${users.id} = ${personas.userId}
      where ${personas.accountId} = ${accountId} and ${users.approved} and not ${users.disabled}))`;
}

/**
 * SQL: accounts `a` and `b` are one person's primary account and persona, either way round (the
 * same account is not "linked"; callers compare ids for that).
 */
export function areLinked(a: SQLWrapper, b: SQLWrapper): SQL {
  return sql`exists (select 1 from ${personas} join ${users} on ${users.id} = ${personas.userId}
    where (${personas.accountId} = ${a} and ${users.accountId} = ${b})
       or (${personas.accountId} = ${b} and ${users.accountId} = ${a}))`;
}
