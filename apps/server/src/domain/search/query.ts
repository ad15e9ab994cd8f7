import { SEARCH_CONFIG_BY_LANGUAGE } from '../../db/schema/index.ts';

/** Longest query accepted; longer input is a mistake (or an attack on the parser), not a search. */
export const MAX_QUERY_LENGTH = 500;

/** What kind of thing a query asks for, following Mastodon's reading of `q`. */
export interface ParsedSearchQuery {
  /** Trimmed, inner whitespace collapsed. */
  text: string;
  /** `#name` without spaces: a hashtag, so statuses are not full-text searched. */
  isHashtag: boolean;
  /** `@name` or `name@domain` without spaces: an account, so statuses are not searched. */
  isAcct: boolean;
  /** An http(s) URL, resolved against this server's own status and profile URLs. */
  url: URL | null;
}

/** Reads `q` as Mastodon does: hashtag-looking and address-looking queries skip status search. */
export function parseSearchQuery(raw: string): ParsedSearchQuery {
  const text = raw.trim().replace(/\s+/g, ' ');
  const oneWord = !text.includes(' ');
  let url: URL | null = null;
  if (oneWord && /^https?:\/\//i.test(text)) {
    try {
      url = new URL(text);
    } catch {
      url = null;
    }
  }
  return {
    text,
    isHashtag: oneWord && text.startsWith('#'),
    isAcct: oneWord && url === null && text.includes('@'),
    url,
  };
}

/**
 * The text-search configuration for a searcher's language (ISO 639-1, e.g. their posting
 * language or locale): the same table the status index uses, English when unknown.
 */
export function searchConfigFor(language: string | null | undefined): string {
  const code = (language ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return SEARCH_CONFIG_BY_LANGUAGE[code] ?? (code === '' ? 'english' : 'simple');
}

/** Whether the text has anything a text-search parser would keep (letters or digits). */
export function hasSearchableWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** Escapes LIKE wildcards so user text matches literally (`_` is common in usernames and tags). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * A prefix tsquery over words: every word must start a word of the document ("bob sm" finds
 * "Bob Smith"). Only letters and digits survive, so the string is safe to give `to_tsquery`.
 * Null when no word is left.
 */
export function prefixTsQueryText(text: string): string | null {
  const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}
