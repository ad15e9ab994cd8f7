import type { HydratedStatus } from '../statuses/hydrate.ts';

/**
 * Keyword matching, as Mastodon's CustomFilterKeyword#to_regex: case-insensitive; a whole-word
 * keyword must not continue a word at an end that is itself a word character ("cat" matches
 * "cat!" but not "catheter"; "#tag" has no boundary before its "#"). Unicode-aware, unlike `\b`.
 */
const WORD_CHAR = '[\\p{L}\\p{M}\\p{Nd}\\p{Pc}]';
const STARTS_WITH_WORD = new RegExp(`^${WORD_CHAR}`, 'u');
const ENDS_WITH_WORD = new RegExp(`${WORD_CHAR}$`, 'u');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The regular-expression source matching `keyword` (compile with flags `iu`). */
export function keywordSource(keyword: string, wholeWord: boolean): string {
  const body = escapeRegExp(keyword);
  if (!wholeWord) return body;
  const before = STARTS_WITH_WORD.test(keyword) ? `(?<!${WORD_CHAR})` : '';
  const after = ENDS_WITH_WORD.test(keyword) ? `(?!${WORD_CHAR})` : '';
  return `${before}${body}${after}`;
}

export interface CompiledKeyword {
  keyword: string;
  pattern: RegExp;
}

export function compileKeyword(keyword: string, wholeWord: boolean): CompiledKeyword {
  return { keyword, pattern: new RegExp(keywordSource(keyword, wholeWord), 'iu') };
}

/** One expression for all of a filter's keywords: a status is scanned once per filter. */
export function compileAny(keywords: readonly { keyword: string; wholeWord: boolean }[]): RegExp | null {
  if (keywords.length === 0) return null;
  return new RegExp(keywords.map((k) => `(?:${keywordSource(k.keyword, k.wholeWord)})`).join('|'), 'iu');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    const code =
      name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Sanitised status HTML as the text a reader sees: breaks and paragraphs become line breaks. */
export function htmlToText(html: string): string {
  const spaced = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>\s*<p[^>]*>/gi, '\n\n');
  return decodeEntities(spaced.replace(/<[^>]*>/g, ''));
}

/**
 * Poll option titles. Read structurally so that statuses hydrated without polls (or before polls
 * existed) simply have none.
 */
function pollOptionTitles(h: HydratedStatus): readonly string[] {
  const view = (h as { poll?: { poll?: { options?: readonly string[] } } | null }).poll;
  return view?.poll?.options ?? [];
}

/**
 * What keywords are matched against, as Mastodon's Status#searchable_text: the content warning,
 * the text, the poll's options and the media descriptions. For a reblog, pass the reblogged status.
 */
export function searchableText(h: HydratedStatus): string {
  return [
    h.row.spoilerText,
    htmlToText(h.row.contentHtml),
    ...pollOptionTitles(h),
    ...h.media.map((m) => m.description ?? ''),
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}
