import { COMMON, F } from './lexical.ts';
import { PLACE_PHRASES, REGIONS } from './medical-terms.ts';
import { type Token, tokenize } from './tokens.ts';
import type { Range } from './types.ts';

/**
 * What only looks like PHI: citations, hashtags and handles, eponyms ("Crohn's", "Wells score"),
 * diseases and studies named after places ("Lyme disease", "Framingham Heart Study") and drugs.
 * Nothing inside these ranges is reported.
 */

const CITATION_PATTERNS = [
  /\b(?:doi:\s*)?10\.\d{4,9}\/[^\s"<>]+[^\s"<>.,;:)\]]/gi,
  /\bPMID\s*:?\s*\d{5,9}\b/gi,
  /\bPMCID\s*:?\s*PMC\d{5,9}\b|\bPMC\d{5,9}\b/gi,
  /\bNCT\d{8}\b/g,
  /\bISRCTN\d{8}\b/g,
  /\barXiv:\s*\d{4}\.\d{4,5}(?:v\d+)?\b/gi,
  /\bISBN(?:-1[03])?:?\s*(?:97[89][-\s]?)?(?:\d[-\s]?){9}[\dX]\b/gi,
  // "(Smith et al., 2021)", "Smith J, Lee K. N Engl J Med. 2020" – authors of a citation are public.
  /\b\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}{1,2})?,?\s+et\s+al\.?(?:,?\s*\(?\d{4}\)?)?/gu,
];

// A hashtag starts with a letter; "#SF-998877" and "#JCL12345" are record numbers, not tags.
const HASHTAG = /(?<![\w#&])#[\p{L}][\p{L}\p{N}_]*(?![\p{L}\p{N}_-])/gu;
const TAG_LIKE_ID = /^#\p{Lu}{0,6}\d{3,}$/u;
// @alice, @bob@rounds.example: handles are public professional identities, not patients.
const HANDLE = /(?<![\w.@])@[A-Za-z0-9_]{1,30}(?:@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?\b/g;

/** Multi-word phrases looked up token by token, first word first: cheaper than one huge regex. */
function phraseIndex(phrases: readonly string[]): Map<string, string[][]> {
  const index = new Map<string, string[][]>();
  for (const p of phrases) {
    const words = tokenize(p).map((t) => t.lower);
    const first = words[0];
    if (first === undefined) continue;
    const list = index.get(first) ?? [];
    list.push(words);
    index.set(first, list);
  }
  for (const list of index.values()) list.sort((x, y) => y.length - x.length);
  return index;
}

// States and countries are capitalised like names ("North Carolina", "Jordan") but Safe Harbor keeps them.
const REGION_INDEX = phraseIndex(REGIONS);
const PHRASE_INDEX = phraseIndex(PLACE_PHRASES);

function phraseRanges(
  tokens: Token[],
  index: Map<string, string[][]>,
  capitalised: boolean,
  out: Range[],
): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const candidates = (t.flags & F.PHRASE) !== 0 ? index.get(t.lower) : undefined;
    if (!candidates || (capitalised && !t.cap)) continue;
    for (const words of candidates) {
      let k = 0;
      while (k < words.length && tokens[i + k]?.lower === words[k]) k++;
      if (k === words.length) {
        out.push({ start: t.start, end: (tokens[i + k - 1] as Token).end });
        i += k - 1;
        break;
      }
    }
  }
}

// Per citation pattern, a cheap test that most texts fail.
const CITATION_GATES: readonly RegExp[] = [
  /10\.\d/,
  /pmid/i,
  /pmc/i,
  /NCT\d/,
  /ISRCTN/,
  /arxiv/i,
  /isbn/i,
  /et al/,
];

function regexRanges(text: string, out: Range[]): void {
  for (let i = 0; i < CITATION_PATTERNS.length; i++) {
    const re = CITATION_PATTERNS[i] as RegExp;
    if (!(CITATION_GATES[i] as RegExp).test(text)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text))
      out.push({ start: m.index, end: m.index + m[0].length });
  }
  HASHTAG.lastIndex = text.includes('#') ? 0 : text.length;
  for (let m = HASHTAG.exec(text); m; m = HASHTAG.exec(text)) {
    if (!TAG_LIKE_ID.test(m[0])) out.push({ start: m.index, end: m.index + m[0].length });
  }
  HANDLE.lastIndex = text.includes('@') ? 0 : text.length;
  for (let m = HANDLE.exec(text); m; m = HANDLE.exec(text))
    out.push({ start: m.index, end: m.index + m[0].length });
}

// Nouns after which a possessive is always an eponym, whoever it names: "Lou Gehrig's disease".
const STRONG_NOUNS = new Set(
  'disease diseases syndrome sign signs reflex palsy angina esophagus oesophagus lymphoma sarcoma tumor tumour phenomenon diverticulum triad pentad thyroiditis encephalopathy encephalitis contracture ulcer hernia chorea ataxia dystrophy neuralgia gangrene disorder deficiency fever virus chromosome criteria maneuver manoeuvre fracture cyst nodes node membrane bodies cells'.split(
    ' ',
  ),
);
const CAPITAL_FILLERS = new Set(
  'risk coma heart mental state outcome severity activity score stroke bleeding health lung kidney liver mini modified revised simplified new'.split(
    ' ',
  ),
);

function isApostrophe(t: Token | undefined): boolean {
  return t !== undefined && t.kind === 'mark' && (t.text === "'" || t.text === '’');
}

/** Eponyms by their grammar: capitalised words before an eponym noun, or a possessive eponym. */
function eponymRanges(tokens: Token[], out: Range[]): void {
  for (let n = 0; n < tokens.length; n++) {
    const noun = tokens[n] as Token;
    if (noun.kind !== 'word' || (noun.flags & F.EPONYM_NOUN) === 0) continue;
    // Walk back over fillers ("Framingham Risk Score"), possessives and hyphenated eponyms.
    let k = n - 1;
    while (
      k >= 0 &&
      (tokens[k] as Token).kind === 'word' &&
      ((tokens[k] as Token).cap || (tokens[k] as Token).upper) &&
      CAPITAL_FILLERS.has((tokens[k] as Token).lower)
    )
      k--;
    // "Ottawa ankle rules", "Bristol stool chart": up to two lower-case words between eponym and noun
    for (let f = 0; f < 2 && k > 0; f++) {
      const w = tokens[k] as Token;
      const before = tokens[k - 1] as Token;
      if (w.kind !== 'word' || w.cap || before.kind !== 'word' || !before.cap) break;
      if (/^(?:and|or|the|a|an|of|in|on|at|to|for|with|is|was|has|had)$/.test(w.lower)) break;
      k--;
    }
    let possessive = false;
    if (tokens[k]?.lower === 's' && isApostrophe(tokens[k - 1])) {
      possessive = true;
      k -= 2;
    } else if (isApostrophe(tokens[k])) {
      possessive = true;
      k -= 1;
    }
    let start = -1;
    let names = 0;
    let eponymish = false;
    let hyphenated = false;
    while (k >= 0) {
      const t = tokens[k] as Token;
      if (t.kind === 'word' && (t.cap || t.lower === 'von' || t.lower === 'van' || t.lower === 'de')) {
        // a sentence-initial word is part of the eponym only when hyphenated to it ("Reed-Sternberg")
        if (t.sentenceStart && !hyphenated && (t.flags & COMMON) !== 0 && (t.flags & F.EPONYM) === 0) break;
        if (
          (t.flags & F.EPONYM) !== 0 ||
          (t.flags & F.PLACE_TERM) !== 0 ||
          (t.flags & COMMON) === 0 ||
          t.upper
        )
          eponymish = true;
        if ((t.flags & F.FIRST) !== 0 && (t.flags & F.EPONYM) === 0) names++;
        start = k;
        k--;
        hyphenated = tokens[k]?.text === '-' || tokens[k]?.text === '–';
        if (hyphenated) k--;
        continue;
      }
      break;
    }
    if (start < 0 || !eponymish) continue;
    const strong = STRONG_NOUNS.has(noun.lower);
    // "John Smith's test results" names a person; "Wells score" and "Apgar" do not.
    if (
      !strong &&
      (names > 0 || (possessive && ((tokens[n - 1 - (possessive ? 2 : 0)] ?? noun).flags & F.EPONYM) === 0))
    ) {
      const eponymWords = tokens.slice(start, n).filter((t) => t.kind === 'word' && t.cap);
      if (
        !eponymWords.every(
          (t) => (t.flags & F.EPONYM) !== 0 || (t.flags & F.PLACE_TERM) !== 0 || (t.flags & COMMON) === 0,
        )
      )
        continue;
      if (names > 0) continue;
    }
    out.push({ start: (tokens[start] as Token).start, end: noun.end });
  }
}

/** "history of Parkinson's", "Crohn's flare", "Graves'", "positive Murphy", "on Lantus". */
function wordRanges(tokens: Token[], out: Range[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== 'word') continue;
    if ((t.flags & F.DRUG) !== 0 || (t.flags & F.PLACE_TERM) !== 0) {
      out.push({ start: t.start, end: t.end });
      continue;
    }
    if ((t.flags & F.EPONYM) === 0 || !t.cap) continue;
    const prev = tokens[i - 1];
    const afterTitle =
      prev !== undefined &&
      (prev.text === '.' || /^(?:dr|mr|mrs|ms|prof|i'm|am|named|called|dear|hi|hello)$/.test(prev.lower));
    const afterName =
      prev !== undefined &&
      prev.kind === 'word' &&
      prev.cap &&
      (prev.flags & F.FIRST) !== 0 &&
      (prev.flags & F.EPONYM) === 0;
    if (afterTitle || afterName) continue;
    const possessive = isApostrophe(tokens[i + 1]);
    if (possessive) {
      const end = tokens[i + 2]?.lower === 's' ? (tokens[i + 2] as Token).end : (tokens[i + 1] as Token).end;
      out.push({ start: t.start, end });
    }
  }
}

/**
 * `all` ranges (citations, tags, handles) hide every kind of finding; `words` ranges (eponyms,
 * drugs, place-named diseases) hide only names and places, so "Crohn's flare on 3/4/2023" keeps its date.
 */
export function findAllowed(tokens: Token[], text: string): { all: Range[]; words: Range[] } {
  const all: Range[] = [];
  const words: Range[] = [];
  regexRanges(text, all);
  phraseRanges(tokens, REGION_INDEX, true, words);
  phraseRanges(tokens, PHRASE_INDEX, false, words);
  eponymRanges(tokens, words);
  wordRanges(tokens, words);
  return { all, words };
}
