import commonWordsData from './data/common-words.json' with { type: 'json' };
import firstNamesData from './data/first-names.json' with { type: 'json' };
import lastNamesData from './data/last-names.json' with { type: 'json' };
import nameWordsData from './data/name-words.json' with { type: 'json' };

interface WordList {
  source: string;
  count: number;
  words: string;
}

function toSet(list: WordList): ReadonlySet<string> {
  return new Set(list.words.split(' '));
}

// NOTE: every set holds lower-case, NFC-normalised words; look words up through `fold`.
export const FIRST_NAMES = toSet(firstNamesData);
export const LAST_NAMES = toSet(lastNamesData);
/** Everyday English (SCOWL sizes 10-20): a capitalised word from here is rarely a name on its own. */
export const COMMON_WORDS = toSet(commonWordsData);
/** Names that are also English words (Will, Grace, Park, Graves): they need context to count. */
export const NAME_WORDS = toSet(nameWordsData);

export function fold(word: string): string {
  return word.normalize('NFC').toLowerCase();
}

export function isFirstName(lower: string): boolean {
  return FIRST_NAMES.has(lower);
}

export function isLastName(lower: string): boolean {
  return LAST_NAMES.has(lower);
}

export function isKnownName(lower: string): boolean {
  return FIRST_NAMES.has(lower) || LAST_NAMES.has(lower);
}

export function isCommonWord(lower: string): boolean {
  return COMMON_WORDS.has(lower) || NAME_WORDS.has(lower);
}
