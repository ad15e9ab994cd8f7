import { getTableColumns, type Placeholder, type SQL, sql } from 'drizzle-orm';
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
  /** `json_build_array(...)` over the same columns: no keys to write or parse. */
  buildArray(alias: string): SQL;
  /** The row at `values[offset..]` of a `buildArray` value (null when its id is null). */
  decodeArray(values: readonly unknown[], offset: number): T | null;
  /** How many values `buildArray` writes. */
  width: number;
}

/**
 * A row of `table` as PostgreSQL json, keyed by the drizzle property names, and its decoder back
 * to the row drizzle would have returned (ids as strings: json would turn a bigint into a lossy
 * number, and PGlite returns bigints as BigInt; timestamps as Date; jsonb columns as values).
 */
function jsonShape<T>(table: PgTable): JsonShape<T> {
  return jsonShapeOf<T>(getTableColumns(table) as Record<string, PgColumn>);
}

/** `jsonShape` over chosen columns of one table, keyed by the given property names. */
function jsonShapeOf<T>(columnMap: Record<string, PgColumn>): JsonShape<T> {
  const columns = Object.entries(columnMap);
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
    buildArray(alias) {
      return sql.raw(fields.map((f) => `${alias}.${f.name}${f.decode === 'id' ? '::text' : ''}`).join(', '));
    },
    decodeArray(values, offset) {
      if (values[offset] == null) return null;
      const out: Record<string, unknown> = {};
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i]!;
        const v = values[offset + i] ?? null;
        out[f.key] = v === null ? null : f.decode === 'date' ? new Date(v as string) : v;
      }
      return out as T;
    },
    width: fields.length,
  };
}

export const accountJson = jsonShape<AccountRow>(accounts);
export const tagJson = jsonShape<TagRow>(tags);
export const mediaJson = jsonShape<MediaAttachmentRow>(mediaAttachments);
export const pollJson = jsonShape<PollRow>(polls);
export const statusRecordJson = jsonShapeOf<StatusRecord>(STATUS_COLUMNS);

/**
 * The statuses of a CTE named `page` with their authors, as ONE json array holding one array per
 * status: the status's columns, then its author's (`decodePageRows`). A page travels as a single
 * value that the driver parses natively, instead of some fifty columns per row, each parsed and
 * mapped on its own; arrays rather than objects, since writing and parsing every key for every row
 * cost PostgreSQL and Node more than finding the page did.
 */
export function pageRowsSql(): SQL {
  return sql`(select coalesce(json_agg(json_build_array(${statusRecordJson.buildArray('ps')}, ${accountJson.buildArray('pa')})), '[]'::json)
    from statuses ps left join accounts pa on pa.id = ps.account_id
    where ps.id in (select page.id from page))`;
}

/** The rows `pageRowsSql` selected. */
export function decodePageRows(value: unknown): RowWithAuthor[] {
  const list = typeof value === 'string' ? (JSON.parse(value) as unknown[]) : (value as unknown[] | null);
  const rows: RowWithAuthor[] = [];
  for (const item of list ?? []) {
    const values = item as unknown[];
    const row = statusRecordJson.decodeArray(values, 0);
    if (row) rows.push({ row, author: accountJson.decodeArray(values, statusRecordJson.width) });
  }
  return rows;
}

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
 * Where each kind of detail row applies: `status(col)` restricts a status-id column to the statuses
 * being detailed, `mentionable(col)` to those checked for mentioning the viewer, `author(col)` an
 * account-id column to the authors whose relations are loaded, `quotedAuthor(col)` to the quoted
 * authors whose mutes are loaded (null: not loaded in this scope).
 */
interface DetailScope {
  status(column: string): SQL;
  mentionable(column: string): SQL;
  author(column: string): SQL;
  quotedAuthor: ((column: string) => SQL) | null;
  viewer: SQL;
  now: SQL;
}

/**
 * Every kind of detail hydration loads, as (k, sid, j) rows: mentions ('m', status, account json),
 * tags ('t', status, tag json), media ('a', status, media json), polls ('poll', status, poll json),
 * the viewer's poll choices ('vote', status, {"c": choice}), evidence references ('ref', status,
 * {kind, value, source, position}) and level ('level'), the learning objects it presents ('learn',
 * status, {type, id, bloom_level}), what it shows about trust ('trust', status, {d, dt, c, l}:
 * disclosure, its text, the correction note shown, labels; domain/trust); and the viewer's state (k, id, null):
 * follows, blocks either way, mutes still in force at `now`, the statuses that mention the viewer,
 * favourites, reblogs, bookmarks and pins.
 * NOTE: ONE list serves both statement B and the home statement's page details
 * (`pageDetailsSql`): a kind added here reaches every read path.
 */
function detailPieces(s: DetailScope): SQL[] {
  const v = s.viewer;
  const pieces = [
    sql`select 'm'::text as k, m.status_id::text as sid, ${accountJson.build('a')} as j
  from mentions m join accounts a on a.id = m.account_id where ${s.status('m.status_id')}`,
    sql`select 't', st.status_id::text, ${tagJson.build('t')}
  from status_tags st join tags t on t.id = st.tag_id where ${s.status('st.status_id')}`,
    sql`select 'a', ma.status_id::text, ${mediaJson.build('ma')}
  from media_attachments ma where ${s.status('ma.status_id')}`,
    sql`select 'poll', p.status_id::text, ${pollJson.build('p')}
  from polls p where ${s.status('p.status_id')}`,
    sql`select 'follow', fo.target_account_id::text, null::json from follows fo
  where fo.account_id = ${v} and ${s.author('fo.target_account_id')}`,
    sql`select 'blocking', b1.target_account_id::text, null from blocks b1
  where b1.account_id = ${v} and ${s.author('b1.target_account_id')}`,
    sql`select 'blocked_by', b2.account_id::text, null from blocks b2
  where b2.target_account_id = ${v} and ${s.author('b2.account_id')}`,
    sql`select 'mentioned', mv.status_id::text, null from mentions mv
  where mv.account_id = ${v} and ${s.mentionable('mv.status_id')}`,
    sql`select 'favourited', fa.status_id::text, null from favourites fa
  where fa.account_id = ${v} and ${s.status('fa.status_id')}`,
    sql`select 'reblogged', rb.reblog_of_id::text, null from statuses rb
  where rb.account_id = ${v} and ${s.status('rb.reblog_of_id')}`,
    sql`select 'bookmarked', bm.status_id::text, null from bookmarks bm
  where bm.account_id = ${v} and ${s.status('bm.status_id')}`,
    sql`select 'pinned', pn.status_id::text, null from pins pn
  where pn.account_id = ${v} and ${s.status('pn.status_id')}`,
    sql`select 'vote', pv.status_id::text, json_build_object('c', vo.choice) from polls pv
  join poll_votes vo on vo.poll_id = pv.id and vo.account_id = ${v} where ${s.status('pv.status_id')}`,
    sql`select 'ref', r.status_id::text, json_build_object('kind', r.kind, 'value', r.value, 'source', r.source, 'position', r.position)
  from status_references r where ${s.status('r.status_id')}`,
    sql`select 'level', e.status_id::text, json_build_object('level', e.level)
  from status_evidence e where ${s.status('e.status_id')}`,
    sql`select 'learn', sl.status_id::text, json_build_object('type', sl.kind, 'id', sl.object_id::text, 'bloom_level', sl.bloom_level)
  from status_learning sl where ${s.status('sl.status_id')}`,
    sql`select 'trust', tr.status_id::text, json_build_object('d', tr.disclosure, 'dt', tr.disclosure_text, 'c', tr.correction, 'l', tr.labels)
  from status_trust tr where ${s.status('tr.status_id')}`,
  ];
  if (s.quotedAuthor) {
    pieces.push(sql`select 'muted', mu.target_account_id::text, null from mutes mu
  where mu.account_id = ${v} and ${s.quotedAuthor('mu.target_account_id')}
    and (mu.expires_at is null or mu.expires_at > ${s.now})`);
  }
  return pieces;
}

/** Statement B: the detail rows (`detailPieces`) of the statuses and authors passed as arrays. */
function buildDetailsQuery(db: DbOrTx) {
  const inArray = (placeholder: Placeholder) => (column: string) =>
    sql`${sql.raw(column)} = any(${placeholder}::bigint[])`;
  const union = sql.join(
    detailPieces({
      status: inArray(P.detail),
      mentionable: inArray(P.all),
      author: inArray(P.authors),
      quotedAuthor: inArray(P.quotedAuthors),
      viewer: sql`${P.viewer}::bigint`,
      now: sql`${P.now}::timestamptz`,
    }),
    sql`\nunion all\n`,
  );
  return db
    .select({
      k: sql<string>`d.k`,
      sid: sql<string>`d.sid`,
      j: sql<Record<string, unknown> | null>`d.j`,
    })
    .from(sql`(${union}) as d`)
    .prepare('rounds_hydrate_details');
}

/**
 * The detail rows of a whole page in one json array of [k, sid, j]: for the statuses of a CTE named
 * `page` (columns `id`, `account_id`) their mentions, tags, media, poll, evidence, the viewer's
 * flags on them, whether they mention the viewer, and the viewer's relations with their authors.
 * A statement that selects a page of statuses adds this as one column (evaluated once: it is
 * uncorrelated) and hydration needs no statement B for those rows (`RowWithAuthor.details`, see
 * `splitPageDetails`). Quoted authors' mutes are not included. `viewer` is the viewer's account id.
 */
export function pageDetailsSql(viewer: SQL | Placeholder): SQL {
  const pageIds = (column: string) => sql`${sql.raw(column)} = any(array(select page.id from page))`;
  const union = sql.join(
    detailPieces({
      status: pageIds,
      mentionable: pageIds,
      author: (column) =>
        sql`${sql.raw(column)} = any(array(select page.account_id from page)) and ${sql.raw(column)} <> ${viewer}`,
      quotedAuthor: null,
      viewer: sql`${viewer}`,
      now: sql`now()`,
    }),
    sql`\nunion all\n`,
  );
  return sql`(select coalesce(json_agg(json_build_array(d.k, d.sid, d.j)), '[]'::json) from (${union}) as d)`;
}

/** Detail kinds keyed by the author's account id rather than the status id. */
const AUTHOR_KINDS = new Set(['follow', 'blocking', 'blocked_by']);

/**
 * Hands each preloaded row its share of a page's detail rows (`pageDetailsSql`): those of its status
 * and those of its author.
 */
export function splitPageDetails(rows: RowWithAuthor[], pageDetails: unknown): RowWithAuthor[] {
  const all = decodeDetails(pageDetails);
  const byKey = new Map<string, DetailRow[]>();
  for (const d of all) {
    const key = `${AUTHOR_KINDS.has(d.k) ? 'a' : 's'}${d.sid}`;
    const list = byKey.get(key);
    if (list) list.push(d);
    else byKey.set(key, [d]);
  }
  return rows.map((r) => ({
    ...r,
    details: [...(byKey.get(`s${r.row.id}`) ?? []), ...(byKey.get(`a${r.row.accountId}`) ?? [])],
  }));
}

/** One detail row: (kind, status or account id, json or null). */
export interface DetailRow {
  k: string;
  sid: string;
  j: Record<string, unknown> | null;
}

function decodeDetails(value: unknown): DetailRow[] {
  const list = typeof value === 'string' ? (JSON.parse(value) as unknown[]) : (value as unknown[] | null);
  return (list ?? []).map((item) => {
    const [k, sid, j] = item as [string, string, Record<string, unknown> | null];
    return { k, sid, j };
  });
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
  /**
   * The row's own detail rows (`splitPageDetails`), loaded for the same viewer as the hydration
   * that receives them; absent when statement B must load them.
   */
  details?: DetailRow[];
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
export async function selectDetails(db: DbOrTx, p: DetailsParams): Promise<DetailRow[]> {
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
