import type { QuotePolicy, StatusRow } from '../../db/schema/index.ts';
import type { ViewerRelations } from './visibility.ts';

/** How a status' quote policy applies to one viewer (Mastodon's QuoteApproval.current_user). */
export type QuotePermission = 'automatic' | 'denied' | 'unknown';

/**
 * The policy that is actually in force: private and direct posts are never quotable by others
 * (Mastodon stores `nobody` for them), and a reblog row carries no policy of its own.
 */
export function effectiveQuotePolicy(
  row: Pick<StatusRow, 'visibility' | 'quotePolicy' | 'reblogOfId'>,
): QuotePolicy {
  if (row.reblogOfId !== null) return 'nobody';
  if (row.visibility === 'private' || row.visibility === 'direct') return 'nobody';
  return row.quotePolicy;
}

/**
 * Whether the viewer may quote `row`. The author may quote anything of theirs except a direct
 * post; others need the policy to allow them and no block in either direction. Visibility is
 * checked separately (an invisible status cannot be quoted at all: it does not exist).
 */
export function quotePermission(
  row: Pick<StatusRow, 'accountId' | 'visibility' | 'quotePolicy' | 'reblogOfId'>,
  rel: ViewerRelations,
): QuotePermission {
  if (rel.viewerId === null) return 'unknown';
  if (row.reblogOfId !== null) return 'denied';
  if (row.accountId === rel.viewerId) return row.visibility === 'direct' ? 'denied' : 'automatic';
  if (rel.blockedEither.has(row.accountId)) return 'denied';
  switch (effectiveQuotePolicy(row)) {
    case 'public':
      return 'automatic';
    case 'followers':
      return rel.following.has(row.accountId) ? 'automatic' : 'denied';
    default:
      return 'denied';
  }
}
