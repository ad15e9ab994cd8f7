import { zBool, zInt } from '@rounds/contract';
import { z } from 'zod';
import { searchAccounts } from '../../../domain/search/index.ts';
import { requireUser } from '../../auth.ts';
import { renderAccount } from '../../entities/account.ts';
import type { MastodonApp } from '../../env.ts';
import { parseWith, readQuery } from '../../params.ts';
import { MAX_SEARCH_OFFSET, zSearchLimit, zSearchText } from '../../v2/search.ts';

const AccountSearchQuery = z.object({
  q: zSearchText,
  limit: zSearchLimit(80),
  offset: zInt(0, MAX_SEARCH_OFFSET).optional(),
  resolve: zBool.optional(),
  following: zBool.optional(),
});

/**
 * GET /api/v1/accounts/search: accounts by username or display name (what a composer's
 * @-autocomplete calls). User token with read:accounts, as in Mastodon. `resolve` is accepted and
 * ignored until federation exists. Registered before the `/api/v1/accounts/:id` routes.
 */
export function registerAccountSearch(app: MastodonApp): void {
  app.get('/api/v1/accounts/search', async (c) => {
    const me = requireUser(c, 'read:accounts');
    const ctx = c.get('ctx');
    const p = parseWith(AccountSearchQuery, readQuery(c));
    const accounts = await searchAccounts(ctx.db, {
      text: p.q,
      viewerId: me.account.id,
      following: p.following ?? false,
      limit: p.limit ?? 40,
      offset: p.offset ?? 0,
      localDomain: ctx.config.domain,
      now: ctx.clock.now(),
    });
    return c.json(accounts.map((a) => renderAccount(ctx.config, a)));
  });
}
