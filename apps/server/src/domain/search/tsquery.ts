import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { SEARCH_CONFIG_BY_LANGUAGE } from '../../db/schema/index.ts';
import { hasSearchableWords } from './query.ts';

/** At most this many terms of a query are used; the rest would only slow the search down. */
const MAX_TERMS = 16;

/** One term of web-search syntax: a word or "quoted phrase", maybe negated with `-`. */
export interface WebSearchTerm {
  text: string;
  negated: boolean;
}

/**
 * Splits web-search syntax into OR-groups of AND-ed terms: `a b or "c d" -e` is
 * [[a, b], ["c d", -e]]. Unclosed quotes run to the end; terms without letters or digits drop
 * out, and so do groups with nothing but negations (they would match nearly everything, and no
 * index can serve them).
 */
export function parseWebSearch(text: string): WebSearchTerm[][] {
  const groups: WebSearchTerm[][] = [[]];
  let count = 0;
  for (const m of text.matchAll(/(-?)"([^"]*)"?|(\S+)/g)) {
    if (count >= MAX_TERMS) break;
    const bare = m[3];
    if (bare !== undefined && bare.toLowerCase() === 'or') {
      if (groups[groups.length - 1]!.length > 0) groups.push([]);
      continue;
    }
    const negated = bare !== undefined ? bare.startsWith('-') : m[1] === '-';
    const raw = bare !== undefined ? bare.replace(/^-/, '') : m[2]!;
    if (!hasSearchableWords(raw)) continue;
    // NOTE: a phrase keeps its quotes so websearch_to_tsquery matches the words in order.
    groups[groups.length - 1]!.push({ text: bare !== undefined ? raw : `"${raw}"`, negated });
    count++;
  }
  return groups.filter((g) => g.some((t) => !t.negated));
}

/** Web-search syntax again, from the parsed groups: what PostgreSQL is given to read. */
function toWebSearchText(groups: WebSearchTerm[][]): string {
  return groups.map((g) => g.map((t) => (t.negated ? `-${t.text}` : t.text)).join(' ')).join(' or ');
}

/**
 * The tsquery (as text, for `::tsquery`) for status search, from web-search syntax ("quoted
 * phrase", or, -not): the query read with the searcher's stemmer OR read as plain words. The
 * first finds "ultrasounds" for "ultrasound" (the stems agree); the second finds the exact words
 * of a post in another language, whose stems differ (the index holds both forms of every post).
 * When both readings are the same (no word changes under stemming) the query is that one
 * reading. Null when nothing searchable is left.
 *
 * NOTE: PostgreSQL parses and stems (one round trip) and the final query reaches the search as a
 * literal, so it is a planning-time constant and the column statistics apply. The two readings
 * are OR-ed as wholes, not word by word: the planner takes alternatives as independent, and
 * `('pediatr' | 'pediatric') & ('ectop' | 'ectopic')` — the same posts twice over — would be
 * estimated at four times its matches and sent walking the whole table newest-first for them.
 */
export async function buildStatusTsQuery(db: DbOrTx, text: string, config: string): Promise<string | null> {
  if (!Object.values(SEARCH_CONFIG_BY_LANGUAGE).includes(config) && config !== 'simple') {
    throw new Error(`unknown text-search configuration ${config}`);
  }
  const groups = parseWebSearch(text);
  if (groups.length === 0) return null;
  const input = toWebSearchText(groups);
  const cfg = sql.raw(`'${config}'::regconfig`);
  const result = await db.execute(
    sql`select websearch_to_tsquery(${cfg}, ${input})::text as stemmed, websearch_to_tsquery('simple'::regconfig, ${input})::text as plain`,
  );
  const row = (result as unknown as { rows: Array<{ stemmed: string; plain: string }> }).rows[0];
  const readings = [...new Set([row?.stemmed ?? '', row?.plain ?? ''].filter((r) => r !== ''))];
  if (readings.length === 0) return null;
  return readings.length === 1 ? readings[0]! : `(${readings[0]}) | (${readings[1]})`;
}

/**
 * The tsquery for a link: the parser's URL, host and path tokens, as the status index holds them
 * (web-search syntax would split the URL at its punctuation). `http` and `https` match alike.
 */
export function linkTsQuery(url: string): SQL {
  return sql`plainto_tsquery('simple'::regconfig, ${url})`;
}
