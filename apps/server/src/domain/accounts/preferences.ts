import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { accounts, personas, type QuotePolicy, users } from '../../db/schema/index.ts';
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

function asVisibility(v: string | undefined): Visibility {
  return v === 'unlisted' || v === 'private' || v === 'direct' ? v : 'public';
}

/**
 * An account's posting defaults as stored now (the signed-in viewer may be cached for seconds).
 * Each account has its own: a primary account's live on its user row, a persona's on its personas
 * row (decision 0009), so a personal account can default to followers-only while the professional
 * one posts in public.
 */
export async function getPostingDefaults(ctx: AppContext, accountId: string): Promise<StoredPostingDefaults> {
  const [row] = await ctx.db
    .select({ user: users, persona: personas, quotePolicy: accounts.defaultQuotePolicy })
    .from(accounts)
    .leftJoin(users, eq(users.accountId, accounts.id))
    .leftJoin(personas, eq(personas.accountId, accounts.id))
    .where(eq(accounts.id, accountId));
  const own = row?.persona ?? row?.user ?? null;
  return {
    visibility: asVisibility(own?.defaultVisibility),
    sensitive: own?.defaultSensitive ?? false,
    language: own?.defaultLanguage || null,
    quotePolicy: row?.quotePolicy ?? 'public',
  };
}

/** The `source[...]` part of update_credentials: the posting defaults of the account acting. */
export async function updatePostingDefaults(
  ctx: AppContext,
  accountId: string,
  d: PostingDefaults,
): Promise<void> {
  const set: { defaultVisibility?: string; defaultSensitive?: boolean; defaultLanguage?: string | null } = {};
  if (d.privacy !== undefined) set.defaultVisibility = d.privacy;
  if (d.sensitive !== undefined) set.defaultSensitive = d.sensitive;
  if (d.language !== undefined) set.defaultLanguage = d.language || null;
  if (Object.keys(set).length) {
    const persona = await ctx.db
      .update(personas)
      .set(set)
      .where(eq(personas.accountId, accountId))
      .returning({ id: personas.accountId });
    if (persona.length === 0) await ctx.db.update(users).set(set).where(eq(users.accountId, accountId));
  }
  if (d.quotePolicy !== undefined) {
    await ctx.db
      .update(accounts)
      .set({ defaultQuotePolicy: d.quotePolicy })
      .where(eq(accounts.id, accountId));
  }
}
