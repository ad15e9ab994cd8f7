import { BLOCKED, COMMON, F } from './lexical.ts';
import type { Token } from './tokens.ts';
import type { Candidate } from './types.ts';

/** What a word says about being part of a person's name, and how names extend over words. */

const NAME_SUFFIXES = new Set([
  'ii',
  'iii',
  'iv',
  'jr',
  'sr',
  'md',
  'dds',
  'phd',
  'rn',
  'np',
  'dnp',
  'do',
  'dvm',
  'esq',
]);
const PARTICLES = new Set([
  'van',
  'von',
  'de',
  'der',
  'den',
  'del',
  'della',
  'di',
  'da',
  'du',
  'le',
  'la',
  'bin',
  'ibn',
  'al',
  'el',
  'ter',
  'ten',
  'dos',
  'das',
]);
const SURNAME_SHAPE =
  /(?:ov|ova|ová|ev|eva|ski|ska|sky|ský|ská|wicz|vić|vic|ić|sson|sen|dóttir|dottir|nen|escu|opoulos|akis|idis|shvili|dze|enko|chuk|yuk|oglu|ini|elli|etti|ucci|ström|qvist|kvist|gaard|berg|stad|hausen|mann|czyk|szyk|iak|ieva|yeva|uk)$/u;
const NON_ASCII = /[^\p{ASCII}]/u;

export interface Features {
  first: boolean;
  last: boolean;
  common: boolean;
  blocked: boolean;
  foreign: boolean;
  shaped: boolean;
}

// Features depend only on a word's characters, so they are kept per word across scans (token texts
// are shared strings, see tokens.ts); the table is emptied when full rather than kept in LRU order.
const featureCache = new Map<string, Features>();
const FEATURES_MAX = 4096;

export function features(t: Token): Features {
  const cached = featureCache.get(t.text);
  if (cached) return cached;
  if (featureCache.size >= FEATURES_MAX) featureCache.clear();
  const f = computeFeatures(t);
  featureCache.set(t.text, f);
  return f;
}

function computeFeatures(t: Token): Features {
  const f = t.flags;
  const first = (f & F.FIRST) !== 0;
  const last = (f & F.LAST) !== 0;
  return {
    first,
    last,
    common: (f & COMMON) !== 0,
    blocked: (f & BLOCKED) !== 0,
    foreign: NON_ASCII.test(t.text),
    // the shape only matters for words no list knows
    shaped: !first && !last && t.text.length >= 5 && SURNAME_SHAPE.test(t.lower),
  };
}

export function isWord(t: Token | undefined): t is Token {
  return t !== undefined && t.kind === 'word';
}

export function isInitial(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  return isWord(t) && t.cap && t.text.length === 1;
}

export function sameLine(text: string, a: Token, b: Token): boolean {
  return !text.slice(a.end, b.start).includes('\n');
}

/** Could token i continue a name already started: a surname, a second given name, an initial? */
function continuesName(t: Token, allLower: boolean): boolean {
  if (!isWord(t)) return false;
  const f = features(t);
  if (f.blocked || t.upper) return NAME_SUFFIXES.has(t.lower) && t.upper;
  if (!t.cap && !allLower) return false;
  if (allLower && !t.cap) return (f.first || f.last || f.foreign || f.shaped) && !f.common;
  return f.last || f.first || !f.common || f.foreign || f.shaped;
}

/** Extends a name that starts at token i as far as names go; returns the index after its last token. */
export function extendName(tokens: Token[], text: string, i: number, allLower: boolean): number {
  let j = i + 1;
  while (j < tokens.length && j < i + 6) {
    const t = tokens[j] as Token;
    const prev = tokens[j - 1] as Token;
    if (!sameLine(text, prev, t)) break;
    const gap = text.slice(prev.end, t.start);
    if (gap.length > 2 && gap.trim() !== '') break;
    if (t.kind === 'mark') {
      // "Sarah P." keeps its full stop; "Smith-Jones" its hyphen.
      if (t.text === '.' && isInitial(tokens, j - 1)) {
        j++;
        continue;
      }
      if (t.text === '-' && isWord(tokens[j + 1]) && (tokens[j + 1] as Token).cap && text[t.end] !== ' ') {
        j++;
        continue;
      }
      break;
    }
    // glued words are one token's business, except after a hyphen: "Mary-Ann"
    if (gap === '' && prev.text !== '-') break;
    if (
      isInitial(tokens, j) &&
      (tokens[j + 1]?.text === '.' ||
        !isWord(tokens[j + 1]) ||
        !(tokens[j + 1] as Token).cap ||
        sameLine(text, t, tokens[j + 1] as Token))
    ) {
      // A capital letter alone: middle or surname initial ("John A. Leiva", "David S.")
      if (tokens[j + 1]?.lower === 's' && tokens[j + 1]?.kind === 'word') break;
      j++;
      continue;
    }
    if (PARTICLES.has(t.lower) && isWord(tokens[j + 1]) && (tokens[j + 1] as Token).cap) {
      j++;
      continue;
    }
    if (continuesName(t, allLower) || (NAME_SUFFIXES.has(t.lower) && (t.upper || t.cap))) {
      j++;
      continue;
    }
    break;
  }
  // Trailing particles or hyphens never end a name.
  while (
    j > i + 1 &&
    ((tokens[j - 1]?.kind === 'mark' && tokens[j - 1]?.text !== '.') ||
      PARTICLES.has(tokens[j - 1]?.lower ?? ''))
  )
    j--;
  return j;
}

export function emit(out: Candidate[], tokens: Token[], i: number, j: number, priority = 1): void {
  const a = tokens[i];
  const b = tokens[j - 1];
  if (a && b && j > i) out.push({ start: a.start, end: b.end, type: 'NAME', priority });
}

/** Kept for callers that scan a new text: features are per word, so nothing needs forgetting. */
export function resetFeatures(): void {}
