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
