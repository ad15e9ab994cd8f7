import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { isId } from '../../db/ids.ts';
import { type AccountRow, accounts, statuses } from '../../db/schema/index.ts';

/** What a URL on this server points at: a profile, or a status (visibility not yet checked). */
export type LocalUrlTarget =
  | { kind: 'account'; account: AccountRow }
  | { kind: 'status'; statusId: string }
  | null;

/** The profile and status paths this server publishes (web URLs and ActivityPub ids). */
const PATHS: Array<{ pattern: RegExp; kind: 'account' | 'status' }> = [
  { pattern: /^\/@([A-Za-z0-9_]+)\/?$/, kind: 'account' },
  { pattern: /^\/users\/([A-Za-z0-9_]+)\/?$/, kind: 'account' },
  { pattern: /^\/@([A-Za-z0-9_]+)\/(\d+)\/?$/, kind: 'status' },
  { pattern: /^\/users\/([A-Za-z0-9_]+)\/statuses\/(\d+)\/?$/, kind: 'status' },
];

/**
 * Resolves a URL of this server (`${publicUrl}/@bob`, `/@bob/123`, `/users/bob`,
 * `/users/bob/statuses/123`) to the local profile or status it names. A status URL must name
 * the status's own author. Any other URL — another server's, or an unknown path — is null:
 * fetching remote objects (Mastodon's `resolve`) comes with federation.
 * The caller applies the searcher's visibility rules to a status (hydration does).
 */
export async function resolveLocalUrl(db: DbOrTx, url: URL, publicUrl: string): Promise<LocalUrlTarget> {
  if (url.host.toLowerCase() !== new URL(publicUrl).host.toLowerCase()) return null;
  for (const { pattern, kind } of PATHS) {
    const m = url.pathname.match(pattern);
    if (!m) continue;
    const username = m[1]!.toLowerCase();
    if (kind === 'account') {
      const [account] = await db
        .select()
        .from(accounts)
        .where(and(sql`lower(${accounts.username}) = ${username}`, isNull(accounts.domain)));
      return account ? { kind: 'account', account } : null;
    }
    const id = m[2]!;
    if (!isId(id)) return null;
    const [row] = await db
      .select({ id: statuses.id })
      .from(statuses)
      .innerJoin(accounts, eq(accounts.id, statuses.accountId))
      .where(
        and(eq(statuses.id, id), sql`lower(${accounts.username}) = ${username}`, isNull(accounts.domain)),
      );
    return row ? { kind: 'status', statusId: row.id } : null;
  }
  return null;
}
