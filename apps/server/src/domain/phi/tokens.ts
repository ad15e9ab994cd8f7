import { lexFlags } from './lexical.ts';
import { fold } from './lexicon.ts';

/** A word, number or mark of the scanned text, with its UTF-16 offsets. */
export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  kind: 'word' | 'num' | 'mark';
  /** First letter upper case ("Smith", "McKay", "ÓLAFUR"). */
  cap: boolean;
  /** Every letter upper case and more than one letter ("UCLA", "COPD"). */
  upper: boolean;
  /** Starts a sentence or a line, where capitals say nothing about names. */
  sentenceStart: boolean;
  /** Whitespace before this token contains a line break. */
  lineStart: boolean;
  /** Word lists this word belongs to (bits of `F` in lexical.ts); 0 for numbers and marks. */
  flags: number;
}

// NOTE: a hand-written scanner rather than one regex: it runs on every keystroke batch and is the
// first cost of every scan. Words are runs of letters (and combining marks); letters joined by an
// apostrophe stay one word (O'Brien, D’Angelo) but a possessive 's does not; digits form numbers;
// anything else is a one-character mark.
const UPPER_START = /^\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;
const LETTER = /[\p{L}\p{M}]/u;
const SPACE = /\s/u;
const letterCache = new Map<number, boolean>();

function isLetter(c: number): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  let v = letterCache.get(c);
  if (v === undefined) {
    v = c < 0xd800 || c > 0xdfff ? LETTER.test(String.fromCharCode(c)) : false;
    letterCache.set(c, v);
  }
  return v;
}

function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (c === 0xa0 || c >= 0x2000) && SPACE.test(String.fromCharCode(c));
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

function wordEnd(text: string, i: number): number {
  const n = text.length;
  let j = i + 1;
  for (;;) {
    while (j < n && isLetter(text.charCodeAt(j))) j++;
    if (j + 1 < n && isApostrophe(text.charCodeAt(j)) && isLetter(text.charCodeAt(j + 1))) {
      const s = text.charCodeAt(j + 1);
      const after = j + 2 < n ? text.charCodeAt(j + 2) : 32;
      const wordChar = (after >= 48 && after <= 57) || after === 95 || (after < 128 && isLetter(after));
      if ((s === 115 || s === 83) && !wordChar) return j;
      j += 1;
      continue;
    }
    return j;
  }
}

function isAllUpper(t: string): boolean {
  for (let k = 0; k < t.length; k++) {
    const c = t.charCodeAt(k);
    if (c >= 97 && c <= 122) return false;
    if (c >= 128) return !HAS_LOWER.test(t);
  }
  return true;
}

function isAscii(t: string): boolean {
  for (let k = 0; k < t.length; k++) if (t.charCodeAt(k) >= 128) return false;
  return true;
}

/** What a token's characters alone decide, shared by every occurrence of the same characters. */
interface Word {
  text: string;
  lower: string;
  flags: number;
  cap: boolean;
  upper: boolean;
}

// NOTE: a direct-mapped cache of recent words keyed by a hash of their characters: a repeated word
// costs no new string, no case folding and no lexicon lookup, so a scan allocates little more than
// its Token objects (less garbage, fewer and shorter collector pauses in the tail of the latency).
const WORD_SLOTS = 8192;
const words: Array<Word | undefined> = new Array(WORD_SLOTS).fill(undefined);

function wordAt(text: string, i: number, end: number, kind: Token['kind']): Word {
  let h = 0x811c9dc5;
  for (let k = i; k < end; k++) h = Math.imul(h ^ text.charCodeAt(k), 16777619);
  const slot = (h ^ (h >>> 13)) & (WORD_SLOTS - 1);
  const hit = words[slot];
  if (hit !== undefined && hit.text.length === end - i && text.startsWith(hit.text, i)) return hit;
  const t = text.slice(i, end);
  const isWordKind = kind === 'word';
  const c = t.charCodeAt(0);
  const cap = isWordKind && (c < 128 ? c >= 65 && c <= 90 : UPPER_START.test(t));
  const lower = !isWordKind ? t : isAscii(t) ? t.toLowerCase() : fold(t);
  const w: Word = {
    text: t,
    lower,
    flags: isWordKind ? lexFlags(lower) : 0,
    cap,
    upper: cap && t.length > 1 && isAllUpper(t),
  };
  words[slot] = w;
  return w;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = scan(text, tokens, false);
  tokens.length = n;
  return tokens;
}

// Token objects reused from scan to scan by `tokenizeForScan`.
const pool: Token[] = [];

/**
 * Like `tokenize`, but the Token objects are reused by the next call: for the detector's own scan
 * (index.ts), which keeps no token once it returns. Reusing them spares the collector most of a
 * scan's garbage, and with it the pauses that made the slowest calls slow.
 */
export function tokenizeForScan(text: string): Token[] {
  return pool.slice(0, scan(text, pool, true));
}

/** Writes the tokens of `text` to `tokens` from index 0 (reusing its objects when `reuse`); returns their count. */
function scan(text: string, tokens: Token[], reuse: boolean): number {
  let count = 0;
  const n = text.length;
  let sentenceStart = true;
  let lineStart = true;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (c === 10 || c === 13 || c === 0x2028) lineStart = true;
      i++;
      continue;
    }
    let end: number;
    let kind: Token['kind'];
    if (c >= 48 && c <= 57) {
      end = i + 1;
      while (end < n && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
      kind = 'num';
    } else if (isLetter(c)) {
      end = wordEnd(text, i);
      kind = 'word';
    } else {
      const low = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      end = c >= 0xd800 && c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? i + 2 : i + 1;
      kind = 'mark';
    }
    const w = wordAt(text, i, end, kind);
    const t = w.text;
    const old = reuse ? tokens[count] : undefined;
    if (old === undefined) {
      tokens[count] = {
        text: t,
        lower: w.lower,
        flags: w.flags,
        start: i,
        end,
        kind,
        cap: w.cap,
        upper: w.upper,
        sentenceStart: sentenceStart || lineStart || count === 0,
        lineStart: lineStart || count === 0,
      };
    } else {
      old.text = t;
      old.lower = w.lower;
      old.flags = w.flags;
      old.start = i;
      old.end = end;
      old.kind = kind;
      old.cap = w.cap;
      old.upper = w.upper;
      old.sentenceStart = sentenceStart || lineStart || count === 0;
      old.lineStart = lineStart || count === 0;
    }
    count++;
    lineStart = false;
    i = end;
    if (kind === 'mark') {
      // A full stop after a single capital or a title is an abbreviation, not a sentence end.
      const prev = count >= 2 ? tokens[count - 2] : undefined;
      const abbrev =
        t === '.' &&
        prev !== undefined &&
        prev.kind === 'word' &&
        (prev.text.length === 1 || ABBREVIATIONS.has(prev.lower));
      if (
        (t === '.' && !abbrev) ||
        t === '?' ||
        t === '!' ||
        t === ':' ||
        t === ';' ||
        t === '"' ||
        t === '“' ||
        t === '(' ||
        t === '>' ||
        t === '•' ||
        t === '*'
      )
        sentenceStart = true;
      else if (t !== "'" && t !== '‘') sentenceStart = false;
    } else {
      sentenceStart = false;
    }
  }
  return count;
}

const ABBREVIATIONS = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'mx',
  'prof',
  'st',
  'mt',
  'ft',
  'jr',
  'sr',
  'vs',
  'no',
  'apt',
  'ave',
  'rd',
  'blvd',
  'e.g',
  'i.e',
  'hosp',
  'ctr',
  'med',
  'dept',
  'univ',
  'ul',
  'str',
  'avda',
  'pt',
  'approx',
  'etc',
  'co',
  'inc',
  'corp',
  'ltd',
  'sept',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
  'ins',
  'ref',
]);

let lastText = '';
let lastLower = '';

/** The text in lower case; detectors of one scan share it (a one-entry cache, as they run one after another). */
export function lowerCaseOf(text: string): string {
  if (text !== lastText) {
    lastText = text;
    lastLower = text.toLowerCase();
  }
  return lastLower;
}

/** Index of the first token starting at or after `offset` (binary search), or -1. */
export function tokenIndexAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < tokens.length ? lo : -1;
}

/** Characters between two tokens, used to see whether words are adjacent ("John Smith") or split ("John, Smith"). */
export function between(text: string, a: Token, b: Token): string {
  return text.slice(a.end, b.start);
}
