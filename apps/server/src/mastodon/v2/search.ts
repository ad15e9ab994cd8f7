import { zBloomLevel, zBool, zId, zInt } from '@rounds/contract';
import { z } from 'zod';
import { UnauthorizedError } from '../../domain/errors.ts';
import { MAX_QUERY_LENGTH, search } from '../../domain/search/index.ts';
import { optionalUser } from '../auth.ts';
import { renderAccount } from '../entities/account.ts';
import { presentStatuses } from '../entities/status.ts';
import { renderTag } from '../entities/tag.ts';
import type { MastodonApp } from '../env.ts';
import { parseWith, readQuery } from '../params.ts';

/** Mastodon's per-kind default and ceiling. */
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 40;
/** Deep offsets rank ever more rows; past this a client should narrow the query instead. */
export const MAX_SEARCH_OFFSET = 10_000;

/** Shared by /api/v2/search and /api/v1/accounts/search. */
export const zSearchText = z
  .string({ message: 'is required' })
  .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`);

/** Any limit is accepted and capped, as Mastodon does; 0 asks for nothing. */
export function zSearchLimit(max: number) {
  return zInt(0, Number.MAX_SAFE_INTEGER)
    .transform((n) => Math.min(n, max))
    .optional();
}

const SearchQuery = z.object({
  q: zSearchText,
  type: z
    .enum(['accounts', 'hashtags', 'statuses'], { message: 'must be accounts, hashtags or statuses' })
    .optional(),
  resolve: zBool.optional(),
  following: zBool.optional(),
  account_id: zId.optional(),
  exclude_unreviewed: zBool.optional(),
  /** Rounds: statuses presenting a learning object of this Bloom level only. */
  bloom_level: zBloomLevel.optional(),
  max_id: zId.optional(),
  min_id: zId.optional(),
  limit: zSearchLimit(MAX_LIMIT),
  offset: zInt(0, MAX_SEARCH_OFFSET).optional(),
});

/**
 * GET /api/v2/search. Anonymous searchers get accounts, hashtags and public statuses of accounts
 * that opted in to search; signed-in searchers (read:search) also find what they may read through
 * follows, mentions, favourites and bookmarks. `resolve` is accepted and ignored (no federation
 * yet; URLs of this server are always resolved); `exclude_unreviewed` is accepted and ignored
 * (hashtags are not reviewed here). As in Mastodon, `offset` and `resolve` need a signed-in user.
 */
export function registerSearch(app: MastodonApp): void {
  app.get('/api/v2/search', async (c) => {
    const viewer = optionalUser(c, 'read:search');
    const ctx = c.get('ctx');
    const p = parseWith(SearchQuery, readQuery(c));
    if (viewer === null && p.offset !== undefined && p.offset > 0) {
      throw new UnauthorizedError(
        'offset: paging search results with offset needs a signed-in user; use max_id',
      );
    }
    if (viewer === null && p.resolve) {
      throw new UnauthorizedError('resolve: looking up remote resources needs a signed-in user');
    }
    const viewerId = viewer?.account.id ?? null;
    const result = await search(ctx, {
      q: p.q,
      type: p.type,
      viewer: viewer
        ? { accountId: viewer.account.id, language: viewer.user.defaultLanguage ?? viewer.user.locale }
        : null,
      limit: p.limit ?? DEFAULT_LIMIT,
      offset: p.offset ?? 0,
      following: p.following ?? false,
      accountId: p.account_id,
      maxId: p.max_id,
      bloomLevel: p.bloom_level,
      minId: p.min_id,
    });
    const statuses = await presentStatuses(ctx, result.statusIds, viewerId);
    return c.json({
      accounts: result.accounts.map((a) => renderAccount(ctx.config, a)),
      statuses,
      hashtags: result.hashtags.map((h) =>
        renderTag(ctx.config, h.tag, h.following === undefined ? {} : { following: h.following }),
      ),
    });
  });
}
