import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { accounts, type QuotePolicy, type UserRow, users } from '../../db/schema/index.ts';
import type { Visibility } from '../../db/schema/statuses.ts';

export interface PostingDefaults {
  privacy?: Visibility | undefined;
  sensitive?: boolean | undefined;
  language?: string | undefined;
  quotePolicy?: QuotePolicy | undefined;
}

export interface StoredPostingDefaults {
  visibility: Visibility;
  sensitive: boolean;
  language: string | null;
  quotePolicy: QuotePolicy;
}

/** The user's posting defaults as stored now (the signed-in viewer may be cached for seconds). */
export async function getPostingDefaults(ctx: AppContext, accountId: string): Promise<StoredPostingDefaults> {
  const [row] = await ctx.db
    .select({ user: users, quotePolicy: accounts.defaultQuotePolicy })
    .from(users)
    .innerJoin(accounts, eq(accounts.id, users.accountId))
    .where(eq(users.accountId, accountId));
  const v = row?.user.defaultVisibility;
  return {
    visibility: v === 'unlisted' || v === 'private' || v === 'direct' ? v : 'public',
    sensitive: row?.user.defaultSensitive ?? false,
    language: row?.user.defaultLanguage || null,
    quotePolicy: row?.quotePolicy ?? 'public',
  };
}

/** The `source[...]` part of update_credentials: the user's posting defaults. */
export async function updatePostingDefaults(
  ctx: AppContext,
  user: UserRow,
  d: PostingDefaults,
): Promise<void> {
  const set: Partial<UserRow> = {};
  if (d.privacy !== undefined) set.defaultVisibility = d.privacy;
  if (d.sensitive !== undefined) set.defaultSensitive = d.sensitive;
  if (d.language !== undefined) set.defaultLanguage = d.language || null;
  if (Object.keys(set).length) await ctx.db.update(users).set(set).where(eq(users.id, user.id));
  if (d.quotePolicy !== undefined) {
    await ctx.db
      .update(accounts)
      .set({ defaultQuotePolicy: d.quotePolicy })
      .where(eq(accounts.id, user.accountId));
  }
}
