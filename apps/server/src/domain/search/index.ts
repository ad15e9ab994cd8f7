import type { BloomLevel } from '@rounds/contract';
import type { AppContext } from '../../context.ts';
import type { AccountRow, TagRow } from '../../db/schema/index.ts';
import { searchAccounts } from './accounts.ts';
import { findFollowedTagIds, searchHashtags } from './hashtags.ts';
import { hasSearchableWords, parseSearchQuery, searchConfigFor } from './query.ts';
import { selectStatusSearchIds } from './statuses.ts';
import { resolveLocalUrl } from './url.ts';

export { type AccountSearchInput, searchAccounts } from './accounts.ts';
export { MAX_QUERY_LENGTH, parseSearchQuery, searchConfigFor } from './query.ts';
export { MATCH_WINDOW, selectStatusSearchIds } from './statuses.ts';

export type SearchType = 'accounts' | 'hashtags' | 'statuses';

export interface SearchInput {
  q: string;
  /** One kind only; all three when absent. */
  type?: SearchType | undefined;
  /** The signed-in searcher, with the language their queries are stemmed in. */
  viewer: { accountId: string; language: string | null } | null;
  /** Per kind. */
  limit: number;
  /** Applies only with `type`, as in Mastodon (a mixed result has no single order to skip in). */
  offset: number;
  /** Accounts: only those the searcher follows. */
  following: boolean;
  /** Statuses: only by this author. */
  accountId?: string | undefined;
  /** Statuses: id bounds. */
  maxId?: string | undefined;
  /** Statuses only: those presenting a learning object of this Bloom level. */
  bloomLevel?: BloomLevel | undefined;
  minId?: string | undefined;
}

export interface SearchResult {
  accounts: AccountRow[];
  /** Best first; hydrate with the statuses domain, which applies visibility again. */
  statusIds: string[];
  hashtags: Array<{ tag: TagRow; following: boolean | undefined }>;
}

function empty(): SearchResult {
  return { accounts: [], statusIds: [], hashtags: [] };
}

/**
 * One search over accounts, hashtags and statuses, as Mastodon's /api/v2/search reads `q`:
 * - a URL of this server finds the profile or status it names, and nothing else;
 * - `#tag` (one word) searches hashtags only;
 * - `@user` / `user@domain` (one word) searches accounts only;
 * - anything else searches all three: accounts by name, hashtags by prefix, statuses by full text.
 * Each part applies its own who-may-find-what rules (see searchAccounts, searchHashtags,
 * selectStatusSearchIds).
 */
export async function search(ctx: AppContext, input: SearchInput): Promise<SearchResult> {
  const parsed = parseSearchQuery(input.q);
  if (parsed.text === '' || input.limit <= 0) return empty();
  const offset = input.type ? input.offset : 0;
  const wants = (t: SearchType) => input.type === undefined || input.type === t;
  const viewerId = input.viewer?.accountId ?? null;
  const now = ctx.clock.now();

  if (parsed.url) {
    const target = await resolveLocalUrl(ctx.db, parsed.url, ctx.config.publicUrl);
    if (target !== null) {
      if (offset > 0) return empty();
      if (target.kind === 'account')
        return wants('accounts') ? { ...empty(), accounts: [target.account] } : empty();
      return wants('statuses') ? { ...empty(), statusIds: [target.statusId] } : empty();
    }
    // NOTE: another server's URL falls through to full-text search: posts that link a paper are
    // found by its address, which is how people look for discussion of a DOI or PubMed link.
  }

  const [accounts, hashtags, statusIds] = await Promise.all([
    wants('accounts') && !parsed.url && !parsed.isHashtag
      ? searchAccounts(ctx.db, {
          text: parsed.text,
          viewerId,
          following: input.following,
          limit: input.limit,
          offset,
          localDomain: ctx.config.domain,
          now,
        })
      : [],
    wants('hashtags') && !parsed.isAcct && !parsed.url
      ? searchHashtags(ctx.db, { text: parsed.text, limit: input.limit, offset })
      : [],
    wants('statuses') && !parsed.isHashtag && !parsed.isAcct && hasSearchableWords(parsed.text)
      ? selectStatusSearchIds(ctx.db, {
          text: parsed.text,
          isLink: parsed.url !== null,
          config: searchConfigFor(input.viewer?.language),
          viewerId,
          accountId: input.accountId,
          maxId: input.maxId,
          bloomLevel: input.bloomLevel,
          minId: input.minId,
          limit: input.limit,
          offset,
          now,
        })
      : [],
  ]);
  const followed = viewerId
    ? await findFollowedTagIds(
        ctx.db,
        viewerId,
        hashtags.map((t) => t.id),
      )
    : null;
  return {
    accounts,
    statusIds,
    hashtags: hashtags.map((tag) => ({ tag, following: followed ? followed.has(tag.id) : undefined })),
  };
}
