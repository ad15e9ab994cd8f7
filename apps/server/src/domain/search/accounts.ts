import { and, asc, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { type AccountRow, accounts, follows } from '../../db/schema/index.ts';
import { hasActiveOwner } from '../accounts/owners.ts';
import { blockedEitherWayIds, mutedAccountIds } from '../timelines/filters.ts';
import { escapeLike, prefixTsQueryText } from './query.ts';

export interface AccountSearchInput {
  /** What the searcher typed: `bob`, `@bob`, `bob@rounds.example`, `bob@roun`, `Bob Sm`. */
  text: string;
  viewerId: string | null;
  /** Only accounts the searcher follows (`following=true`). */
  following: boolean;
  limit: number;
  offset: number;
  /** This server's domain: `bob@<localDomain>` means the local bob. */
  localDomain: string;
  now: Date;
}

/** A query split into the username/domain reading and the display-name reading. */
interface AccountTerms {
  /** Lower-cased username (prefix), when the text can be one. */
  username: string | null;
  /** undefined: any domain; otherwise the start of a domain, this server's included. */
  domain: string | undefined;
  /** Word prefixes for display names (`to_tsquery` text), when the text is not an address. */
  words: string | null;
}

function readTerms(text: string): AccountTerms {
  const stripped = text.trim().replace(/^@/, '');
  const at = stripped.indexOf('@');
  if (at >= 0) {
    const username = stripped.slice(0, at).toLowerCase();
    const host = stripped.slice(at + 1).toLowerCase();
    return { username: /^[a-z0-9_]+$/.test(username) ? username : null, domain: host, words: null };
  }
  const lowered = stripped.toLowerCase();
  return {
    username: /^[a-z0-9_]+$/.test(lowered) ? lowered : null,
    domain: undefined,
    words: prefixTsQueryText(stripped),
  };
}

function followedBy(viewerId: string): SQL {
  return sql`select ${follows.targetAccountId} from ${follows} where ${follows.accountId} = ${viewerId}`;
}

/**
 * Account search as account rows, best first. Matches a username by prefix (indexed by
 * `accounts_username_prefix_idx`) or every word of the query as the start of a display-name word
 * (`accounts_display_name_search_idx`); in `bob@domain` the domain is a prefix too, this server's
 * own domain meaning local accounts.
 * Who can be found: accounts that are `discoverable`, plus — whatever that setting — the searcher
 * themself, accounts they follow, and an exact username match (typing someone's full handle
 * is how you find a person you were told about). Local accounts awaiting approval or disabled
 * never appear; accounts with a block in either direction never appear; muted accounts appear
 * only on an exact username match (so they can be found to be unmuted).
 * Order: exact username, then username prefix, then display-name matches; within each, accounts
 * the searcher follows first, then shorter usernames. Follower counts play no part: Rounds
 * does not rank people by audience size.
 */
export async function searchAccounts(db: DbOrTx, input: AccountSearchInput): Promise<AccountRow[]> {
  if (input.limit <= 0) return [];
  if (input.following && input.viewerId === null) return [];
  const terms = readTerms(input.text);
  if (terms.username === null && terms.words === null) return [];

  const lowerName = sql`lower(${accounts.username})`;
  const exact = terms.username !== null ? sql`${lowerName} = ${terms.username}` : sql`false`;
  const matches: SQL[] = [];
  if (terms.username !== null) matches.push(sql`${lowerName} like ${`${escapeLike(terms.username)}%`}`);
  if (terms.words !== null) {
    matches.push(
      sql`to_tsvector('simple'::regconfig, ${accounts.displayName}) @@ to_tsquery('simple'::regconfig, ${terms.words})`,
    );
  }

  const conds: SQL[] = [sql`(${sql.join(matches, sql` or `)})`];
  if (terms.domain !== undefined) {
    // `bob@roun` while typing: the domain is matched by prefix, ours meaning local accounts.
    const local = input.localDomain.toLowerCase().startsWith(terms.domain);
    conds.push(
      sql`(${local ? sql`${accounts.domain} is null or ` : sql``}lower(${accounts.domain}) like ${`${escapeLike(terms.domain)}%`})`,
    );
  }
  // NOTE: remote accounts have no users row; local ones (primary accounts and personas alike) must
  // belong to an approved, enabled user.
  conds.push(sql`(${accounts.domain} is not null or ${hasActiveOwner(accounts.id)})`);

  const viewerId = input.viewerId;
  if (viewerId === null) {
    conds.push(sql`(${accounts.discoverable} or ${exact})`);
  } else {
    conds.push(sql`(${accounts.discoverable} or ${exact} or ${accounts.id} = ${viewerId}
      or ${accounts.id} in (${followedBy(viewerId)}))`);
    conds.push(sql`${accounts.id} not in (${blockedEitherWayIds(viewerId)})`);
    conds.push(sql`(${exact} or ${accounts.id} not in (${mutedAccountIds(viewerId, input.now)}))`);
    if (input.following) conds.push(sql`${accounts.id} in (${followedBy(viewerId)})`);
  }

  // NOTE: no constant ORDER BY items: PostgreSQL reads an integer literal there as a column position.
  const order: SQL[] = [];
  if (terms.username !== null) {
    order.push(
      sql`case when ${exact} then 0 when ${lowerName} like ${`${escapeLike(terms.username)}%`} then 1 else 2 end`,
    );
  }
  if (viewerId !== null) order.push(sql`(${accounts.id} in (${followedBy(viewerId)})) desc`);
  order.push(sql`length(${accounts.username})`, asc(accounts.id));
  return db
    .select()
    .from(accounts)
    .where(and(...conds))
    .orderBy(...order)
    .limit(input.limit)
    .offset(input.offset);
}
