import {
  CITIES,
  COMPOUND_HEADS,
  INSTITUTIONS,
  SITE_WORDS,
  STATE_ABBREVIATIONS,
  STATES,
} from './gazetteer.ts';
import { COMMON, F } from './lexical.ts';
import { lowerCaseOf, type Token, tokenize } from './tokens.ts';
import type { Candidate, Range } from './types.ts';

/**
 * Cities, neighbourhoods, counties, hospitals and clinics. A place name that is also a word or a
 * first name ("Austin", "Mobile") counts only where the sentence puts it somewhere ("from", "our
 * ... clinic", ", TX"); an institution named as the source of a guideline is not a location.
 */

interface Phrase {
  words: string[];
  kind: 'city' | 'institution';
}

function phraseIndex(): Map<string, Phrase[]> {
  const index = new Map<string, Phrase[]>();
  const addAll = (names: string[], kind: Phrase['kind']) => {
    for (const name of names) {
      const words = tokenize(name).map((t) => t.lower);
      const first = words[0];
      if (!first) continue;
      const list = index.get(first) ?? [];
      list.push({ words, kind });
      index.set(first, list);
    }
  };
  addAll(CITIES, 'city');
  addAll(INSTITUTIONS, 'institution');
  for (const list of index.values()) list.sort((a, b) => b.words.length - a.words.length);
  return index;
}

const PHRASES = phraseIndex();

const LOCATING = new Set(
  'in from at near to of around outside visiting resident residing living lives lived based moved our downtown @'.split(
    ' ',
  ),
);
const SOURCE_BEFORE = new Set(
  'recommendations recommendation guidelines guideline guidance protocol protocols criteria study studies trial trials research researchers experts according published consensus statement review reviews per website resources handbook manual proceedings journal data'.split(
    ' ',
  ),
);
const SOURCE_AFTER = new Set(
  'study studies trial trials researchers guidelines guideline guidance criteria protocol protocols experts proceedings journal calculator score classification recommendations review press'.split(
    ' ',
  ),
);
const STRONG_HEADS = new Set(
  'hospital hospitals hosp clinic clinics infirmary hospice sanatorium sanitarium er'.split(' '),
);
const ABBREVIATED_HEADS = new Set(['hosp', 'ctr', 'cntr', 'med', 'gen']);
const CONNECTORS = new Set(['.', "'", '’', '-', '&']);

function matchPhrase(tokens: Token[], i: number): Phrase | undefined {
  const t = tokens[i];
  if (!t) return undefined;
  if ((t.flags & F.PHRASE) === 0) return undefined;
  for (const p of PHRASES.get(t.lower) ?? []) {
    let ok = true;
    for (let k = 0; k < p.words.length; k++) {
      if (tokens[i + k]?.lower !== p.words[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return p;
  }
  return undefined;
}

function isAmbiguous(t: Token): boolean {
  return (t.flags & (COMMON | F.FIRST | F.EPONYM | F.PLACE_TERM | F.CLINICAL)) !== 0;
}

/** Is the place at tokens [i, j) named as the source of knowledge rather than a place of care? */
function isSourceContext(tokens: Token[], i: number, j: number): boolean {
  for (let k = Math.max(0, i - 4); k < i; k++) if (SOURCE_BEFORE.has((tokens[k] as Token).lower)) return true;
  const next = tokens[j];
  return next !== undefined && SOURCE_AFTER.has(next.lower);
}

function hasLocatingContext(tokens: Token[], i: number, j: number): boolean {
  const prev = tokens[i - 1];
  if (prev && LOCATING.has(prev.lower)) return true;
  const next = tokens[j];
  const after = tokens[j + 1];
  if (
    next?.text === ',' &&
    after &&
    ((STATE_ABBREVIATIONS.has(after.lower) && after.upper) || STATES.has(after.lower))
  )
    return true;
  return next !== undefined && !next.cap && SITE_WORDS.has(next.lower);
}

function isState(t: Token | undefined): boolean {
  return t !== undefined && ((STATE_ABBREVIATIONS.has(t.lower) && t.upper) || (STATES.has(t.lower) && t.cap));
}

/** Records tokens [i, j) as a place, with a state that follows it: "Mt. Sinai Hospital in NY", "Cedar Falls Med Center, IA". */
function push(out: Candidate[], tokens: Token[], i: number, j: number): void {
  const a = tokens[i];
  let b = tokens[j - 1];
  if (!a || !b) return;
  const sep = tokens[j];
  if ((sep?.text === ',' || sep?.lower === 'in') && isState(tokens[j + 1])) b = tokens[j + 1] as Token;
  let end = b.end;
  if (ABBREVIATED_HEADS.has(b.lower) && tokens[j]?.text === '.' && tokens[j]?.start === end) end++;
  out.push({ start: a.start, end, type: 'GEOGRAPHIC_LOCATION', priority: 2 });
}

/** Extends a place over a trailing "clinic" / "office" and a ", ST" state: "Dallas clinic", "Springfield, IL". */
function extendPlace(tokens: Token[], j: number): number {
  const next = tokens[j];
  if (next && SITE_WORDS.has(next.lower)) return j + 1;
  const after = tokens[j + 1];
  if (
    next?.text === ',' &&
    after &&
    ((STATE_ABBREVIATIONS.has(after.lower) && after.upper) || STATES.has(after.lower))
  )
    return j + 2;
  return j;
}

function findGazetteer(tokens: Token[], out: Candidate[], sources: Range[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== 'word') continue;
    const p = matchPhrase(tokens, i);
    if (!p) continue;
    const j = i + p.words.length;
    const first = t.lower === 'the' ? tokens[i + 1] : t;
    if (!first?.cap) continue;
    const single = p.words.length === 1;
    if (single && isAmbiguous(t) && !hasLocatingContext(tokens, i, j)) continue;
    if (isSourceContext(tokens, i, j)) {
      sources.push({ start: t.start, end: (tokens[j - 1] as Token).end });
      i = j - 1;
      continue;
    }
    push(out, tokens, i, extendPlace(tokens, j));
    i = j - 1;
  }
}

function headAt(tokens: Token[], h: number): { strong: boolean; end: number } | undefined {
  const t = tokens[h];
  const n = tokens[h + 1];
  if (t?.kind !== 'word') return undefined;
  if ((t.flags & (F.FACILITY | F.COMPOUND_HEAD)) === 0) return undefined;
  const prev = tokens[h - 1];
  // "UCLA med center": a lower-case head still closes a capitalised name.
  if (n && COMPOUND_HEADS.has(`${t.lower} ${n.lower}`) && (t.cap || n.cap || prev?.cap === true))
    return { strong: true, end: h + 2 };
  if (!t.cap || (t.flags & F.FACILITY) === 0) return undefined;
  return { strong: STRONG_HEADS.has(t.lower), end: h + 1 };
}

/** "Lakeside Clinic", "St. Luke's Medical Center", "Children's Hospital of Atlanta", "Dr. Smith's Office". */
function findFacilities(tokens: Token[], text: string, out: Candidate[], sources: Range[]): void {
  for (let h = 0; h < tokens.length; h++) {
    const head = headAt(tokens, h);
    if (!head) continue;
    let start = h;
    let distinctive = false;
    for (let k = h - 1; k >= 0; k--) {
      const t = tokens[k] as Token;
      const nextTok = tokens[k + 1] as Token;
      if (text.slice(t.end, nextTok.start).includes('\n')) break;
      if (t.kind === 'mark') {
        if (!CONNECTORS.has(t.text)) break;
        continue;
      }
      if (t.kind === 'word' && t.lower === 's' && tokens[k - 1]?.kind === 'mark') continue;
      if (t.lower === 'and' && tokens[k - 1]?.cap && nextTok.cap) continue;
      if (t.kind === 'num' && /^(?:st|nd|rd|th)$/.test(nextTok.lower)) {
        start = k;
        continue;
      }
      if (t.kind !== 'word' || !t.cap) break;
      if (t.sentenceStart && (t.flags & F.ENGLISH) !== 0 && (t.flags & F.FACILITY) === 0) break;
      if ((t.flags & F.ENGLISH) === 0 || t.upper) distinctive = true;
      start = k;
    }
    while (start < h && (tokens[start] as Token).kind === 'mark') start++;
    let end = head.end;
    // "General Hospital", "Hospital of Atlanta", "Cedars-Sinai ER"
    for (;;) {
      const n = tokens[end];
      if (n && headAt(tokens, end)) {
        end = (headAt(tokens, end) as { end: number }).end;
        continue;
      }
      if (
        n?.lower === 'of' &&
        tokens[end + 1]?.cap &&
        !text.slice(n.end, (tokens[end + 1] as Token).start).includes('\n')
      ) {
        end += 2;
        while (tokens[end]?.cap && tokens[end]?.kind === 'word') end++;
        continue;
      }
      break;
    }
    const hasLeft = start < h;
    // "Cardiology Clinic", "Oncology Center" name a service, not a place.
    const left = tokens.slice(start, h).filter((t) => t.kind === 'word');
    if (left.length > 0 && left.every((t) => (t.flags & (F.DEPARTMENT | F.CLINICAL)) !== 0)) continue;
    const strong = head.strong || end - h > 1;
    if (!hasLeft && !(strong && end - h > 1)) continue;
    if (!strong && !distinctive) continue;
    if (isSourceContext(tokens, start, end)) {
      sources.push({ start: (tokens[start] as Token).start, end: (tokens[end - 1] as Token).end });
      h = end - 1;
      continue;
    }
    push(out, tokens, start, end);
    h = end - 1;
  }
}

// "Dr. Smith's Office", "our Newport office", "Westside clinic": a site of care named after someone or somewhere.
const OUR_SITE =
  /\bour\s+((?:[\p{Lu}][\p{L}'-]+\s+){1,3}(?:office|clinic|practice|branch|location|site|campus))\b/gu;
// "St. Luke's", "Saint Mary's", "Mt. Sinai's": hospitals known by their saint.
const SAINT_PLACE = /\b(?:St\.?|Saint|Mt\.?|Mount)\s+\p{Lu}\p{Ll}+['’]s\b(?!\s+wort)/gu;
const COUNTY = /\b(?:[\p{Lu}][\p{L}'-]+\s+){1,3}(?:County|Parish|Borough|Township)\b/gu;
// "admitted to Central Health", "consulted at Baylor", "seen @ Stanford": found token by token.
const CARE_VERBS = new Set(
  'admitted readmitted transferred presented seen treated consulted evaluated reviewed checked hospitalized hospitalised operated delivered discharged followed managed visited resides residing living lives'.split(
    ' ',
  ),
);
const CARE_PREPOSITIONS = new Set(['at', 'to', 'in', 'from', '@']);
const NOT_PLACES = new Set(['dr', 'mr', 'mrs', 'ms', 'the', 'a', 'an', 'our', 'his', 'her', 'their', 'this']);

// Cheap substring tests on the lower-cased text that let most texts skip a pattern.
const GATES: ReadonlyArray<[RegExp, readonly string[]]> = [
  [OUR_SITE, ['our ']],
  [SAINT_PLACE, ['st', 'saint', 'mt', 'mount']],
  [COUNTY, ['county', 'parish', 'borough', 'township']],
];

function includesAny(text: string, words: readonly string[]): boolean {
  for (const w of words) if (text.includes(w)) return true;
  return false;
}

const SITES = new Set(['office', 'clinic', 'practice', 'hospital']);
const ORDINAL_STREETS = new Set(['avenue', 'street', 'ave', 'st']);

/**
 * "Dr. Smith's Office", "Dr. Anthony Brown's clinic", "5th avenue clinic": a site of care named after
 * its doctor or its street. Found token by token: as regexes these cost most on long posts.
 */
function findNamedSites(tokens: Token[], out: Candidate[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'word' && (t.lower === 'dr' || t.lower === 'doctor')) {
      let k = tokens[i + 1]?.text === '.' ? i + 2 : i + 1;
      const first = k;
      while (k < first + 2 && tokens[k]?.cap && tokens[k]?.kind === 'word') k++;
      const apostrophe = tokens[k];
      const s = tokens[k + 1];
      const site = tokens[k + 2];
      if (
        k > first &&
        apostrophe &&
        (apostrophe.text === "'" || apostrophe.text === '’') &&
        s?.lower === 's' &&
        site &&
        SITES.has(site.lower)
      ) {
        out.push({ start: t.start, end: site.end, type: 'GEOGRAPHIC_LOCATION', priority: 2 });
      }
    } else if (t.kind === 'num' && t.text.length <= 3) {
      const suffix = tokens[i + 1];
      const street = tokens[i + 2];
      const site = tokens[i + 3];
      if (
        suffix?.start === t.end &&
        /^(?:st|nd|rd|th)$/.test(suffix.lower) &&
        street &&
        ORDINAL_STREETS.has(street.lower) &&
        site &&
        SITES.has(site.lower)
      ) {
        out.push({ start: t.start, end: site.end, type: 'GEOGRAPHIC_LOCATION', priority: 2 });
      }
    }
  }
}

function findContextual(tokens: Token[], text: string, out: Candidate[]): void {
  const lower = lowerCaseOf(text);
  for (const [re, words] of GATES) {
    if (!includesAny(lower, words)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const end = m.index + m[0].length;
      out.push({
        start: m[1] !== undefined ? end - m[1].length : m.index,
        end,
        type: 'GEOGRAPHIC_LOCATION',
        priority: 2,
      });
    }
  }
  for (let v = 0; v + 2 < tokens.length; v++) {
    const verb = tokens[v] as Token;
    if (verb.kind !== 'word' || !CARE_VERBS.has(verb.lower)) continue;
    let p = v + 1;
    // "checked in at", "operated on at"
    if (tokens[p]?.lower === 'in' && tokens[p + 1] && CARE_PREPOSITIONS.has((tokens[p + 1] as Token).lower))
      p++;
    else if (tokens[p]?.lower === 'on' && verb.lower === 'operated') p++;
    if (!CARE_PREPOSITIONS.has(tokens[p]?.lower ?? '')) continue;
    const i = p + 1;
    let j = i;
    while (j < tokens.length && j < i + 5) {
      const t = tokens[j] as Token;
      if (t.kind === 'word' && t.cap) j++;
      else if (t.kind === 'mark' && CONNECTORS.has(t.text) && tokens[j + 1]?.kind === 'word') j++;
      else if (t.lower === 's' && tokens[j - 1]?.kind === 'mark') j++;
      else break;
    }
    const first = tokens[i];
    if (j === i || !first?.cap) continue;
    if (NOT_PLACES.has(first.lower) || (first.flags & (F.DEPARTMENT | F.CLINICAL)) !== 0) continue;
    if (isSourceContext(tokens, i, j)) continue;
    push(out, tokens, i, j);
  }
}

/**
 * Places of care and residence. Institutions named as a source ("Mayo Clinic guidelines") are
 * added to `sources` so that no other detector reads their words as a person's name.
 */
export function findPlaces(tokens: Token[], text: string, out: Candidate[], sources: Range[]): void {
  findGazetteer(tokens, out, sources);
  findFacilities(tokens, text, out, sources);
  findContextual(tokens, text, out);
  findNamedSites(tokens, out);
}
