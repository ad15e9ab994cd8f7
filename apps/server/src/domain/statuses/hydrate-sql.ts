import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.ts';
import {
  type AccountRow,
  accounts,
  type MediaAttachmentRow,
  mediaAttachments,
  type PollRow,
  polls,
  statuses,
  type TagRow,
  tags,
} from '../../db/schema/index.ts';
import { STATUS_COLUMNS, type StatusRecord } from './lookup.ts';

/**
 * Hydration's SQL, built once per database handle and run as prepared statements (PostgreSQL
 * parses and plans each once per connection; drizzle does not rebuild the query per request).
 * Id lists travel as ONE array parameter (`= any($n::bigint[])`) so the statement text does not
 * depend on how many ids a page has.
 */

/** A PostgreSQL array literal of ids (callers pass only `isId` values: digits). */
export function idArray(ids: Iterable<string>): string {
  return `{${[...ids].join(',')}}`;
}

type Decode = 'id' | 'date' | 'plain';

interface JsonShape<T> {
  /** `json_build_object(...)` over the table's columns, with 64-bit ids as text. */
  build(alias: string): SQL;
  decode(json: Record<string, unknown>): T;
}

/**
 * A row of `table` as PostgreSQL json, keyed by the drizzle property names, and its decoder back
 * to the row drizzle would have returned (ids as strings: json would turn a bigint into a lossy
 * number, and PGlite returns bigints as BigInt; timestamps as Date; jsonb columns as values).
 */
function jsonShape<T>(table: PgTable): JsonShape<T> {
  const columns = Object.entries(getTableColumns(table)) as Array<[string, PgColumn]>;
  const fields = columns.map(([key, column]) => {
    const type = column.getSQLType();
    const decode: Decode =
      type === 'bigint' && column.columnType === 'PgCustomColumn'
        ? 'id'
        : column.columnType === 'PgTimestamp'
          ? 'date'
          : 'plain';
    return { key, name: column.name, decode };
  });
  return {
    build(alias) {
      const args = fields.map((f) => `'${f.key}', ${alias}.${f.name}${f.decode === 'id' ? '::text' : ''}`);
      return sql.raw(`json_build_object(${args.join(', ')})`);
    },
    decode(json) {
      const out: Record<string, unknown> = {};
      for (const f of fields) {
        const v = json[f.key] ?? null;
        out[f.key] = v === null ? null : f.decode === 'date' ? new Date(v as string) : v;
      }
      return out as T;
    },
  };
}

export const accountJson = jsonShape<AccountRow>(accounts);
export const tagJson = jsonShape<TagRow>(tags);
export const mediaJson = jsonShape<MediaAttachmentRow>(mediaAttachments);
export const pollJson = jsonShape<PollRow>(polls);

const P = {
  ids: sql.placeholder('ids'),
  detail: sql.placeholder('detail'),
  all: sql.placeholder('all'),
  authors: sql.placeholder('authors'),
  quotedAuthors: sql.placeholder('quotedAuthors'),
  viewer: sql.placeholder('viewer'),
  now: sql.placeholder('now'),
};

/** Statement A: statuses by id with their authors. */
function buildRowsQuery(db: DbOrTx) {
  return db
    .select({ ...STATUS_COLUMNS, author: accounts })
    .from(statuses)
    .leftJoin(accounts, sql`${accounts.id} = ${statuses.accountId}`)
    .where(sql`${statuses.id} = any(${P.ids}::bigint[])`)
    .prepare('rounds_hydrate_rows');
}

/**
 * Statement B: everything else hydration needs, as (k, sid, j) rows of one UNION ALL:
 * mentions ('m', status, account json), tags ('t', status, tag json), media ('a', status, media
 * json) and polls ('poll', status, poll json) of the detail statuses; and the viewer's state:
 * follows, blocks either way, mutes (still in force at `now`) of quoted authors, the statuses that
 * mention the viewer, and the viewer's favourites, reblogs, bookmarks and pins among the detail
 * statuses (k, id, null) and poll choices ('vote', status, {"c": choice}).
 */
function buildDetailsQuery(db: DbOrTx) {
  const detail = sql`any(${P.detail}::bigint[])`;
  const viewer = sql`${P.viewer}::bigint`;
  const authors = sql`any(${P.authors}::bigint[])`;
  const union = sql`
select 'm'::text as k, m.status_id::text as sid, ${accountJson.build('a')} as j
  from mentions m join accounts a on a.id = m.account_id where m.status_id = ${detail}
union all
select 't', st.status_id::text, ${tagJson.build('t')}
  from status_tags st join tags t on t.id = st.tag_id where st.status_id = ${detail}
union all
select 'a', ma.status_id::text, ${mediaJson.build('ma')}
  from media_attachments ma where ma.status_id = ${detail}
union all
select 'poll', p.status_id::text, ${pollJson.build('p')}
  from polls p where p.status_id = ${detail}
union all
select 'follow', target_account_id::text, null::json from follows
  where account_id = ${viewer} and target_account_id = ${authors}
union all
select 'blocking', target_account_id::text, null from blocks
  where account_id = ${viewer} and target_account_id = ${authors}
union all
select 'blocked_by', account_id::text, null from blocks
  where target_account_id = ${viewer} and account_id = ${authors}
union all
select 'muted', target_account_id::text, null from mutes
  where account_id = ${viewer} and target_account_id = any(${P.quotedAuthors}::bigint[])
    and (expires_at is null or expires_at > ${P.now}::timestamptz)
union all
select 'mentioned', status_id::text, null from mentions
  where account_id = ${viewer} and status_id = any(${P.all}::bigint[])
union all
select 'favourited', status_id::text, null from favourites
  where account_id = ${viewer} and status_id = ${detail}
union all
select 'reblogged', reblog_of_id::text, null from statuses
  where account_id = ${viewer} and reblog_of_id = ${detail}
union all
select 'bookmarked', status_id::text, null from bookmarks
  where account_id = ${viewer} and status_id = ${detail}
union all
select 'pinned', status_id::text, null from pins
  where account_id = ${viewer} and status_id = ${detail}
union all
select 'vote', p.status_id::text, json_build_object('c', v.choice) from polls p
  join poll_votes v on v.poll_id = p.id and v.account_id = ${viewer} where p.status_id = ${detail}`;
  return db
    .select({
      k: sql<string>`d.k`,
      sid: sql<string>`d.sid`,
      j: sql<Record<string, unknown> | null>`d.j`,
    })
    .from(sql`(${union}) as d`)
    .prepare('rounds_hydrate_details');
}

interface Prepared {
  rows: ReturnType<typeof buildRowsQuery>;
  details: ReturnType<typeof buildDetailsQuery>;
}

const prepared = new WeakMap<DbOrTx, Prepared>();

function statementsFor(db: DbOrTx): Prepared {
  let p = prepared.get(db);
  if (!p) {
    p = { rows: buildRowsQuery(db), details: buildDetailsQuery(db) };
    prepared.set(db, p);
  }
  return p;
}

/** A status row and its author (null only if the account row is missing). */
export interface RowWithAuthor {
  row: StatusRecord;
  author: AccountRow | null;
}

/** Statement A for `ids` (valid, distinct ids; at least one). */
export async function selectRowsWithAuthors(db: DbOrTx, ids: readonly string[]): Promise<RowWithAuthor[]> {
  const result = await statementsFor(db).rows.execute({ ids: idArray(ids) });
  return result.map(({ author, ...row }) => ({ row, author }));
}

export interface DetailsParams {
  /** Statuses whose mentions, tags, media and viewer flags are loaded. */
  detailIds: readonly string[];
  /** Statuses checked for mentioning the viewer. */
  allIds: readonly string[];
  /** Authors whose follow/block relations with the viewer are loaded (viewer excluded). */
  authorIds: readonly string[];
  /** Authors whose mutes by the viewer are loaded (viewer excluded). */
  quotedAuthorIds: readonly string[];
  viewerId: string | null;
  now: Date;
}

/** Statement B (see buildDetailsQuery). */
export async function selectDetails(
  db: DbOrTx,
  p: DetailsParams,
): Promise<Array<{ k: string; sid: string; j: Record<string, unknown> | null }>> {
  const viewer = p.viewerId;
  return statementsFor(db).details.execute({
    detail: idArray(p.detailIds),
    all: viewer ? idArray(p.allIds) : '{}',
    authors: viewer ? idArray(p.authorIds) : '{}',
    quotedAuthors: viewer ? idArray(p.quotedAuthorIds) : '{}',
    viewer,
    now: p.now.toISOString(),
  });
}
