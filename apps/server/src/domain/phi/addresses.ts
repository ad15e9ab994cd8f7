import { F } from './lexical.ts';
import { STREET_TYPES } from './street-words.ts';
import { lowerCaseOf, type Token, tokenIndexAt } from './tokens.ts';
import type { Candidate } from './types.ts';

/**
 * Street addresses in the many shapes people type them: "123 Elm St, Springfield, IL 62704",
 * "Koskikatu 25 Apt. 864", "the corner of Dalbraut 99 and Frederikke Coves", "PSC 1234, Box 5678".
 * An address is a street core (a number beside words with a street type, or a street word with
 * a house number) followed by as many address-like tokens and lines as follow it.
 */

const UNIT_AFTER =
  /^\s*(?:mg|mcg|µg|ug|g|kg|ml|mL|l|mmol|mmhg|mm|cm|m|km|%|units?|iu|meq|hours?|hrs?|h|days?|d|weeks?|wks?|months?|years?|yrs?|y|x|times|patients?|pts?|cases?|beats?|bpm|breaths?|mins?|minutes?|seconds?|s)(?![\p{L}\p{N}])/iu;

// Letters outside ASCII (ø, é, ł, Greek) mark foreign street and place names.
const NON_ASCII_RE = /[^\p{ASCII}]/u;

// For each token, the index of the next number or street word: lets the street scan skip plain prose.
let nextClue = new Int32Array(0);

function isStreetWord(t: Token): boolean {
  return (t.flags & F.STREET) !== 0;
}

/** A street suffix that is also a word counts only capitalised and after a name: "Kishiev Squares". */
function isWordType(t: Token, afterName: boolean): boolean {
  return afterName && t.kind === 'word' && t.cap && (t.flags & F.WORD_TYPE) !== 0;
}

function isNumberish(t: Token | undefined): boolean {
  return t !== undefined && t.kind === 'num' && t.text.length <= 6;
}

/** A word that can be part of a street name: never a drug, an eponym or a function word. */
function isNameWord(t: Token | undefined): t is Token {
  if (t?.kind !== 'word') return false;
  if ((t.flags & F.DRUG) !== 0 || (t.flags & F.EPONYM) !== 0) return false;
  return t.cap || (t.flags & F.STOP) === 0;
}

// Street types that open a street name: "Rue de Tanger", "Via Roma", "ul. Narewska", "Avenida Pedro".
const PREFIX_TYPES = new Set(
  'rue via ul ulica rua avenida avda calle piazza viale corso largo carrer paseo plaza praça travessa avenue route'.split(
    ' ',
  ),
);
const FULL_TYPES = /^(?:street|avenue|road|boulevard|lane|drive|terrace|parkway|highway|strasse|straße)$/i;
const SKIP_MARKS = new Set(['.', '-', "'", '’']);

function sameLine(text: string, a: Token, b: Token): boolean {
  return !text.slice(a.end, b.start).includes('\n');
}

/** Where does a street core start at token i, and at which token does it end? */
function streetCore(
  tokens: Token[],
  text: string,
  i: number,
  allLower: boolean,
): { start: number; end: number } | undefined {
  const t = tokens[i];
  if (!t) return undefined;
  if (isNumberish(t)) {
    // a house number needs a street word or a second number within reach
    if ((nextClue[i + 1] ?? Number.MAX_SAFE_INTEGER) - i > 8) return undefined;
    // "CHA2DS2-VASc", "HbA1c 7": digits glued to letters are not house numbers.
    const after = text.charCodeAt(t.end);
    if ((after !== 32 && after !== 9) || /[\p{L}\p{N}-]/u.test(text[t.start - 1] ?? ' ')) return undefined;
    if (UNIT_AFTER.test(text.slice(t.end, t.end + 12)) || /^[.,/:]\d/.test(text.slice(t.end, t.end + 2)))
      return undefined;
    // number [number] words... (street type | number): "233 Erzsébet tér 19", "28030 Edeby 55"
    let j = i + 1;
    const second = tokens[j];
    if (second !== undefined && isNumberish(second) && /^ +$/.test(text.slice(t.end, second.start))) j++;
    let words = 0;
    let foreign = false;
    for (let k = j; k < tokens.length && k < j + 7; k++) {
      const w = tokens[k] as Token;
      // a street name does not run across the end of a sentence
      if (!sameLine(text, tokens[k - 1] as Token, w) || (w.sentenceStart && k > j)) break;
      if (w.kind === 'mark') {
        if (SKIP_MARKS.has(w.text)) continue;
        break;
      }
      if (w.kind === 'num') {
        if (words > 0 && foreign && !UNIT_AFTER.test(text.slice(w.end, w.end + 12)))
          return { start: i, end: k };
        break;
      }
      if (isStreetWord(w)) {
        const compound = !STREET_TYPES.has(w.lower);
        if (words > 0 || compound || PREFIX_TYPES.has(w.lower)) return { start: i, end: k };
      }
      if (isWordType(w, foreign)) return { start: i, end: k };
      if (!isNameWord(w)) break;
      if (!w.cap && !allLower && !NON_ASCII_RE.test(w.text)) break;
      if ((w.flags & F.ENGLISH) === 0 && (w.cap || allLower || NON_ASCII_RE.test(w.text))) foreign = true;
      words++;
    }
    return undefined;
  }
  if (
    t.kind !== 'word' ||
    t.lower === 'dr' ||
    t.lower === 'st' ||
    !(t.cap || isStreetWord(t) || NON_ASCII_RE.test(t.text))
  ) {
    return undefined;
  }
  // Street words and a house number: "Villacher Strasse 89", "ul. Północna 73", "Fuglie 41 Popović Dam".
  // Most capitalised words have neither a number nor a street word within reach.
  if ((nextClue[i] ?? Number.MAX_SAFE_INTEGER) - i >= 7) return undefined;
  let sawStreet = false;
  let sawNum = false;
  let named = false;
  for (let k = i; k < tokens.length && k < i + 7; k++) {
    const w = tokens[k] as Token;
    if (k > i && (!sameLine(text, tokens[k - 1] as Token, w) || w.sentenceStart)) return undefined;
    if (w.kind === 'mark') {
      if (SKIP_MARKS.has(w.text)) continue;
      return undefined;
    }
    if (w.kind === 'num') {
      if (sawNum || w.text.length > 5 || UNIT_AFTER.test(text.slice(w.end, w.end + 12))) return undefined;
      if (sawStreet) return { start: i, end: k };
      sawNum = true;
      continue;
    }
    if (isStreetWord(w) || isWordType(w, named)) {
      sawStreet = true;
      // "Marina Fort Street", "Elm Street": a full street type needs no number.
      if (sawNum || (k > i && w.cap && FULL_TYPES.test(w.text))) return { start: i, end: k };
      continue;
    }
    if ((w.flags & F.ADDRESS_WORD) !== 0 && !w.cap && k > i) continue;
    if (!isNameWord(w) || (!w.cap && !allLower && !NON_ASCII_RE.test(w.text))) return undefined;
    if ((w.flags & F.ENGLISH) === 0) named = true;
  }
  return undefined;
}

/** Does the line starting at token `from` carry on an address ("Suite 680", "Kissousa", ", CO")? */
function lineLooksLikeAddress(tokens: Token[], from: number, allLower: boolean): boolean {
  const t = tokens[from];
  if (!t) return false;
  const next = tokens[from + 1];
  // "Mobile: 0490 39 07 81", "E-mail:" and other labelled lines end the address.
  if (t.kind === 'word' && (next?.text === ':' || (next?.text === '-' && tokens[from + 3]?.text === ':')))
    return false;
  if (t.kind === 'num' || t.text === ',' || t.text === '(') return true;
  if (t.kind !== 'word') return false;
  if ((t.flags & F.STOP) !== 0 && !t.upper) return false;
  if (t.cap || t.upper || (t.flags & F.ADDRESS_WORD) !== 0 || NON_ASCII_RE.test(t.text)) return true;
  return allLower;
}

// Phrases after which an address follows, whatever shape it takes: "billing address with Serenade Opus 420 ...".
const ADDRESS_CUE =
  /\b(?:address(?:es)?(?:\s+(?:is|are|with|to))?|(?:located|situated)\s+at|(?:lives?|lived|living)\s+(?:at|on|in)|office\s+is\s+at|sent\s+to|send\s+(?:it|them|a\s+new\s+one)\s+to|return\s+(?:it\s+)?to|taxi\s+to|arrived\s+at|meet\s+(?:you|me)\s+at|it'?s\s+in|here\s+they\s+are|the\s+following\?)\s*:?\s+/gi;

// The first words of ADDRESS_CUE: without one of them the pattern is not tried.
const CUE_WORDS = new Set(
  "address addresses located situated live lives lived living office sent send return taxi arrived meet it's here following".split(
    ' ',
  ),
);

function cuedStarts(tokens: Token[], text: string): Set<number> {
  const starts = new Set<number>();
  ADDRESS_CUE.lastIndex = text.length;
  for (const t of tokens) {
    if (t.kind === 'word' && CUE_WORDS.has(t.lower)) {
      ADDRESS_CUE.lastIndex = 0;
      break;
    }
  }
  for (let m = ADDRESS_CUE.exec(text); m; m = ADDRESS_CUE.exec(text)) {
    const at = m.index + m[0].length;
    const i = tokenIndexAt(tokens, at);
    const t = tokens[i];
    if (!t || t.start !== at) continue;
    // the first line must hold a house number before prose resumes
    for (let k = i; k < tokens.length && k < i + 8; k++) {
      const w = tokens[k] as Token;
      if (k > i && w.lineStart) break;
      if (w.kind === 'word' && (w.flags & F.STOP) !== 0 && !w.upper) break;
      if (w.kind === 'num') {
        starts.add(i);
        break;
      }
    }
  }
  return starts;
}

export function findAddresses(tokens: Token[], text: string, out: Candidate[]): void {
  const allLower = !/\p{Lu}/u.test(text);
  if (!/\d/.test(text)) return;
  // reused between calls; the entry after the last token is a sentinel
  if (nextClue.length <= tokens.length) nextClue = new Int32Array(tokens.length * 2 + 1);
  nextClue[tokens.length] = 2 ** 30;
  let next = Number.MAX_SAFE_INTEGER;
  for (let k = tokens.length - 1; k >= 0; k--) {
    const w = tokens[k] as Token;
    if (
      w.kind === 'num' ||
      (w.kind === 'word' && (isStreetWord(w) || (w.cap && (w.flags & F.WORD_TYPE) !== 0)))
    )
      next = k;
    nextClue[k] = Math.min(next, 2 ** 30);
  }
  const cued = cuedStarts(tokens, text);
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i] as Token;
    const core =
      streetCore(tokens, text, i, allLower) ??
      (cued.has(i) && (t.kind === 'num' || t.cap || allLower) ? { start: i, end: i } : undefined);
    if (!core) {
      i++;
      continue;
    }
    let startTok = core.start;
    // "hegyalja út 98", "Király u. 15": street names before their type word
    if ((tokens[startTok] as Token).kind === 'word') {
      for (let k = startTok - 1; k >= 0 && k >= core.start - 3; k--) {
        const w = tokens[k] as Token;
        if (!sameLine(text, w, tokens[k + 1] as Token) || w.kind !== 'word' || (w.flags & F.STOP) !== 0)
          break;
        if (
          !isNameWord(w) ||
          ((w.flags & F.ENGLISH) !== 0 && !w.cap) ||
          (!w.cap && !allLower && !NON_ASCII_RE.test(w.text))
        )
          break;
        startTok = k;
      }
    }
    // "Katrina and Rúa do Paseo 46", "Maarit and Hersnapvej 75": a lone word joined by "and".
    const andTok = tokens[startTok - 1];
    const before = tokens[startTok - 2];
    if (
      andTok?.lower === 'and' &&
      before?.kind === 'word' &&
      before.cap &&
      (before.flags & F.ENGLISH) === 0
    ) {
      startTok -= 2;
    }
    // "the corner of X and Y"
    const c = tokens[startTok - 1];
    const th = tokens[startTok - 3];
    if (c?.lower === 'of' && tokens[startTok - 2]?.lower === 'corner' && th?.lower === 'the') startTok -= 3;
    const last = extendBlock(tokens, text, core.end);
    const startT = tokens[startTok] as Token;
    const endT = tokens[last] as Token;
    let end = endT.end;
    if (text[end] === '.' && endT.kind !== 'mark') end++;
    out.push({ start: startT.start, end, type: 'GEOGRAPHIC_LOCATION', priority: 2 });
    i = last + 1;
  }
  findOtherAddresses(text, out);
}

/** Index of the last token of an address whose core ends at token `from`. */
function extendBlock(tokens: Token[], text: string, from: number): number {
  let last = from;
  let sawAnd = false;
  let blankLines = 0;
  const lower = !/\p{Lu}/u.test(text);
  for (let k = from + 1; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.lineStart) {
      const gap = text.slice((tokens[k - 1] as Token).end, t.start);
      blankLines = (gap.match(/\n/g) ?? []).length - 1;
      if (blankLines > 1) break;
      let first = k;
      while (
        first < tokens.length &&
        (tokens[first] as Token).kind === 'mark' &&
        /^[>?|*•-]$/.test((tokens[first] as Token).text)
      )
        first++;
      if (!lineLooksLikeAddress(tokens, first, lower)) break;
    }
    if (t.kind === 'num') {
      if (UNIT_AFTER.test(text.slice(t.end, t.end + 12))) break;
      last = k;
      continue;
    }
    if (t.kind === 'mark') {
      if (t.text === '?' && (t.lineStart || (tokens[k - 1] as Token).text === '?')) continue;
      if ('?!;:"“”@'.includes(t.text)) break;
      continue;
    }
    if (t.lower === 'and') {
      if (sawAnd) break;
      sawAnd = true;
      // "and" continues only the corner form: "the corner of A 1 and B Street"
      if (!/\bcorner\s+of\b/i.test(text.slice(Math.max(0, t.start - 80), t.start))) break;
      continue;
    }
    // particles inside names: "Caxias do Sul", "Mora de Rubielos"
    if (
      (t.flags & F.ADDRESS_WORD) !== 0 &&
      !t.cap &&
      tokens[k - 1]?.cap &&
      tokens[k + 1]?.cap &&
      sameLine(text, t, tokens[k + 1] as Token)
    )
      continue;
    if ((t.flags & F.STOP) !== 0 && !t.upper && !(t.lower === 'the' && tokens[k + 1]?.lower === 'corner'))
      break;
    if (
      t.cap ||
      t.upper ||
      (t.flags & F.ADDRESS_WORD) !== 0 ||
      isStreetWord(t) ||
      (lower && (t.flags & F.STOP) === 0) ||
      NON_ASCII_RE.test(t.text)
    ) {
      if (
        !t.cap &&
        (t.flags & F.ADDRESS_WORD) === 0 &&
        !isStreetWord(t) &&
        !lower &&
        (t.flags & F.ENGLISH) !== 0
      )
        break;
      last = k;
      continue;
    }
    // lower-case words of foreign street names: "rue des lieutemants", "Avenue d'Ouchy"
    if ((t.flags & F.ENGLISH) === 0) {
      last = k;
      continue;
    }
    break;
  }
  return last;
}

// Military and diplomatic mail: "PSC 6293, Box 8158\nAPO AP 04336", "USNS Sekerková\nFPO AA 65728".
const MILITARY =
  /\b(?:(?:PSC|Unit|CMR)\s+\d{3,5},?\s+Box\s+\d{3,5}|(?:USNS|USNV|USS|USCGC)\s+[\p{L}'-]+(?:\s+[\p{L}'-]+)?)\s*,?\s*(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5}\b/giu;
const PO_BOX = /\b(?:P\.?\s?O\.?\s?Box|Post\s+Office\s+Box|Postbox)\s+\d{1,6}\b/gi;
const UNIT = /\b(?:Apt|Apartment|Suite|Ste|Unit|Flat)\.?\s*#?\d{1,5}[A-Z]?\b/g;
const CORNER =
  /\bthe\s+corner\s+of\s+[^\n?!]{3,80}?\s+and\s+[\p{L}\d][\p{L}\d'’.-]*(?:\s+[\p{Lu}\d][\p{L}\d'’.-]*){0,3}/giu;
const ZIP_LABEL =
  /\b(?:zip|postal|post)(?:\s*code)?(?:\s+is|\s*:|\s*#)?\s*([A-Z0-9]{2,5}(?:[ -][A-Z0-9]{2,4})?)\b/gi;
const STATE_ZIP =
  /\b(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY])\s+\d{5}(?:-\d{4})?\b/g;
// "in ARENDAL 4844", "in Tokoza Ext 1426": a place name with a postcode.
const PLACE_POSTCODE =
  /\bin\s+((?:\p{Lu}[\p{L}'’-]*\s+){1,3}\d{3,5}(?:\s\d{2,3})?)(?![\d%]|\s*(?:mg|ml|patients|cases|units)\b)/gu;

// A cheap test per pattern: most texts contain none of these words.
// Substrings of the lower-cased text one of which each pattern needs: most texts have none.
const GATES: ReadonlyArray<[RegExp, readonly string[]]> = [
  [MILITARY, ['apo', 'fpo', 'dpo']],
  [PO_BOX, ['box']],
  [UNIT, ['apt', 'apartment', 'suite', 'ste', 'unit', 'flat']],
  [CORNER, ['corner']],
  [ZIP_LABEL, ['zip', 'post']],
  [STATE_ZIP, ['']],
  [PLACE_POSTCODE, ['in ']],
];

function includesAny(text: string, words: readonly string[]): boolean {
  for (const w of words) if (text.includes(w)) return true;
  return false;
}

function findOtherAddresses(text: string, out: Candidate[]): void {
  const lower = lowerCaseOf(text);
  for (const [re, words] of GATES) {
    if (!includesAny(lower, words)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (re === PLACE_POSTCODE && /^(?:19|20)\d\d$/.test(m[0].trim().split(/\s+/).pop() ?? '')) continue;
      // ZIP_LABEL and PLACE_POSTCODE report only their last group, the code itself.
      const end = m.index + m[0].length;
      const start = m[1] !== undefined ? end - m[1].length : m.index;
      out.push({ start, end, type: 'GEOGRAPHIC_LOCATION', priority: 2 });
    }
  }
}
