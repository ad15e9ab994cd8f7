import { CITIES, COMPOUND_HEADS, FACILITY_HEADS, INSTITUTIONS } from './gazetteer.ts';
import { COMMON_WORDS, FIRST_NAMES, LAST_NAMES, NAME_WORDS } from './lexicon.ts';
import {
  CLINICAL_WORDS,
  DEPARTMENTS,
  DRUGS,
  EPONYM_NOUNS,
  EPONYMS,
  PLACE_PHRASES,
  PLACE_TERMS,
  REGIONS,
} from './medical-terms.ts';
import { ADDRESS_WORDS, STOP_WORDS, STREET_SUFFIX, STREET_TYPES, WORD_TYPES } from './street-words.ts';

/**
 * Every word list as one bit set per word, looked up once per token by the tokenizer: the
 * detectors then test bits instead of probing a dozen sets for every word.
 */
export const F = {
  FIRST: 1 << 0,
  LAST: 1 << 1,
  /** Everyday English (SCOWL 10-20). */
  ENGLISH: 1 << 2,
  DRUG: 1 << 3,
  CLINICAL: 1 << 4,
  DEPARTMENT: 1 << 5,
  FACILITY: 1 << 6,
  PLACE_TERM: 1 << 7,
  EPONYM: 1 << 8,
  EPONYM_NOUN: 1 << 9,
  STREET: 1 << 10,
  WORD_TYPE: 1 << 11,
  ADDRESS_WORD: 1 << 12,
  STOP: 1 << 13,
  /** A name that is also an English word (Will, Grace, Park). */
  NAME_WORD: 1 << 14,
  /** First word of a place, institution, region or place-named disease of several words. */
  PHRASE: 1 << 15,
  TITLE: 1 << 16,
  /** First word of a two-word facility head ("medical" of "Medical Center"). */
  COMPOUND_HEAD: 1 << 17,
} as const;

export const TITLES: ReadonlySet<string> = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'prof',
  'professor',
  'sister',
  'nurse',
  'doctor',
  'madam',
  'mister',
]);

/** Everyday English or a name that is also a word: neither is a name by itself. */
export const COMMON = F.ENGLISH | F.NAME_WORD;

/** Words that never count as a name by themselves. */
export const BLOCKED = F.DRUG | F.CLINICAL | F.DEPARTMENT | F.FACILITY | F.PLACE_TERM;

const LEX = new Map<string, number>();

function mark(words: Iterable<string>, flag: number): void {
  for (const w of words) LEX.set(w, (LEX.get(w) ?? 0) | flag);
}

mark(FIRST_NAMES, F.FIRST);
mark(LAST_NAMES, F.LAST);
mark(COMMON_WORDS, F.ENGLISH);
mark(NAME_WORDS, F.NAME_WORD);
mark(DRUGS, F.DRUG);
mark(CLINICAL_WORDS, F.CLINICAL);
mark(DEPARTMENTS, F.DEPARTMENT);
mark(FACILITY_HEADS, F.FACILITY);
mark(PLACE_TERMS, F.PLACE_TERM);
mark(EPONYMS, F.EPONYM);
mark(EPONYM_NOUNS, F.EPONYM_NOUN);
mark(STREET_TYPES, F.STREET);
mark(WORD_TYPES, F.WORD_TYPE);
mark(ADDRESS_WORDS, F.ADDRESS_WORD);
mark(STOP_WORDS, F.STOP);
mark(TITLES, F.TITLE);
const firstWord = (phrase: string): string => phrase.split(/[\s.'’-]+/)[0] ?? '';
mark([...CITIES, ...INSTITUTIONS, ...REGIONS, ...PLACE_PHRASES].map(firstWord), F.PHRASE);
mark([...COMPOUND_HEADS].map(firstWord), F.COMPOUND_HEAD);

/** The flags of a lower-case word; compound street names ("søndergade") get STREET from their suffix. */
// NOTE: the full table is large and cold in the CPU cache; everyday words repeat, so a small table
// of recent words answers most lookups. It is emptied when full rather than kept in LRU order.
const recent = new Map<string, number>();
const RECENT_MAX = 4096;

export function lexFlags(lower: string): number {
  const hit = recent.get(lower);
  if (hit !== undefined) return hit;
  if (recent.size >= RECENT_MAX) recent.clear();
  const f = lookup(lower);
  recent.set(lower, f);
  return f;
}

function lookup(lower: string): number {
  const f = LEX.get(lower) ?? 0;
  // only words no list knows can be compound street names; this keeps the regex off everyday words
  if (f === 0 && lower.length >= 6 && STREET_SUFFIX.test(lower)) return F.STREET;
  return f;
}
