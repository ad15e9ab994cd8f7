import { F } from './lexical.ts';
import { isCommonWord, isFirstName } from './lexicon.ts';
import { CLINICAL_WORDS, DEPARTMENTS } from './medical-terms.ts';
import { emit, type Features, features, isWord } from './name-features.ts';
import { type Token, tokenIndexAt } from './tokens.ts';
import type { Candidate } from './types.ts';

/**
 * Names recognised by how the text is laid out around them: lists of people, dialogue speakers,
 * lines that hold only a name, a name called out, a name repeated elsewhere in the text.
 */

/** "Don't go to town, Mark!", "Remember me, Maria?": a first name called out, even one that is a word. */
export function findVocatives(tokens: Token[], text: string, out: Candidate[]): void {
  for (let i = 1; i < tokens.length - 1; i++) {
    const t = tokens[i] as Token;
    if (!isWord(t) || !t.cap || tokens[i - 1]?.text !== ',' || !/^[!?]/.test(tokens[i + 1]?.text ?? ''))
      continue;
    const f = features(t);
    if (f.first && !f.blocked && text.slice(t.end, (tokens[i + 1] as Token).start) === '')
      emit(out, tokens, i, i + 1);
  }
}

/** "Usamov and Bowers", "Paul and Torpy": an unknown capitalised word paired with a name is a name. */
export function findPartners(tokens: Token[], text: string, out: Candidate[]): void {
  const named = new Set(out.filter((c) => c.type === 'NAME').map((c) => c.start));
  for (let i = 0; i + 2 < tokens.length; i++) {
    const a = tokens[i] as Token;
    const and = tokens[i + 1] as Token;
    const b = tokens[i + 2] as Token;
    if (and.lower !== 'and' || !isWord(a) || !isWord(b) || !a.cap || !b.cap || a.upper || b.upper) continue;
    if (text.slice(a.end, b.start) !== ' and ') continue;
    const fa = features(a);
    const fb = features(b);
    const plain = (f: Features, t: Token) => !f.common && !f.blocked && (t.flags & F.EPONYM) === 0;
    if (named.has(b.start) && !named.has(a.start) && plain(fa, a)) emit(out, tokens, i, i + 1);
    if (named.has(a.start) && !named.has(b.start) && plain(fb, b)) emit(out, tokens, i + 2, i + 3);
  }
}

/** Every other appearance of a word already found in a name: "Valida spent a year ... assistant to Valida M. Ibragimov". */
export function findRepeats(tokens: Token[], found: Candidate[]): Candidate[] {
  if (found.length === 0) return [];
  const inName = new Uint8Array(tokens.length);
  const words = new Set<string>();
  for (const c of found) {
    for (let k = tokenIndexAt(tokens, c.start); k >= 0 && k < tokens.length; k++) {
      const t = tokens[k] as Token;
      if (t.start >= c.end) break;
      inName[k] = 1;
      if (isWord(t) && t.text.length > 2 && !features(t).common) words.add(t.text);
    }
  }
  if (words.size === 0) return [];
  const extra: Candidate[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (inName[k] === 0 && isWord(t) && words.has(t.text))
      extra.push({ start: t.start, end: t.end, type: 'NAME', priority: 1 });
  }
  return extra;
}

// In all-lower-case text a line of two or three words opening with a known first name: "naomi ryan".
const LOWER_NAME_LINE = /^[ \t>]*([\p{Ll}][\p{Ll}'’-]+(?:[ \t]+[\p{Ll}][\p{Ll}'’.-]*){1,2})[ \t]*$/gmu;

export function findLowerNameLines(tokens: Token[], text: string, out: Candidate[]): void {
  LOWER_NAME_LINE.lastIndex = 0;
  for (let m = LOWER_NAME_LINE.exec(text); m; m = LOWER_NAME_LINE.exec(text)) {
    const name = m[1] ?? '';
    const start = m.index + m[0].indexOf(name);
    const parts = tokens.filter((t) => t.start >= start && t.end <= start + name.length && t.kind === 'word');
    const first = parts[0];
    if (!first || !isFirstName(first.lower) || isCommonWord(first.lower)) continue;
    if (parts.slice(1).every((t) => t.text.length === 1 || !isCommonWord(t.lower)))
      out.push({ start, end: start + name.length, type: 'NAME', priority: 1 });
  }
}

/** "They had 6: Gaetane, Hannah, Anthony, Derek, Anna and Andrew." */
const LIST_JOINERS = new Set([',', 'and', 'or', '&']);

export function findEnumerations(tokens: Token[], text: string, out: Candidate[], allLower: boolean): void {
  for (let i = 0; i < tokens.length; i++) {
    // a list item is followed, after one or two words, by a comma or a conjunction
    const t0 = tokens[i] as Token;
    if (t0.kind !== 'word' || (!t0.cap && !allLower)) continue;
    if (!LIST_JOINERS.has(tokens[i + 1]?.lower ?? '') && !LIST_JOINERS.has(tokens[i + 2]?.lower ?? ''))
      continue;
    const items: Array<[number, number]> = [];
    let k = i;
    for (;;) {
      const t = tokens[k];
      if (!isWord(t) || (!t.cap && !allLower)) break;
      let j = k + 1;
      if (
        isWord(tokens[j]) &&
        (tokens[j] as Token).cap === t.cap &&
        text.slice(t.end, (tokens[j] as Token).start) === ' ' &&
        !/^(?:and|or|&)$/.test((tokens[j] as Token).lower)
      )
        j++;
      items.push([k, j]);
      const sep = tokens[j];
      if (sep?.text === ',') {
        k = /^(?:and|or|&)$/.test(tokens[j + 1]?.lower ?? '') ? j + 2 : j + 1;
        continue;
      }
      if (sep && /^(?:and|or|&)$/.test(sep.lower)) {
        k = j + 1;
        const last = tokens[k];
        if (isWord(last) && (last.cap || allLower)) {
          const e =
            isWord(tokens[k + 1]) &&
            (tokens[k + 1] as Token).cap === last.cap &&
            text.slice(last.end, (tokens[k + 1] as Token).start) === ' '
              ? k + 2
              : k + 1;
          items.push([k, e]);
        }
      }
      break;
    }
    if (items.length >= 3 || (items.length === 2 && tokens[items[1]![0] - 1]?.lower === 'and')) {
      let names = 0;
      let bad = false;
      for (const [a] of items) {
        const f = features(tokens[a] as Token);
        if (f.blocked) bad = true;
        if ((f.first || f.last) && !(allLower && f.common)) names++;
      }
      if (!bad && names >= 2 && names * 2 >= items.length) {
        for (const [a, b] of items) emit(out, tokens, a, b);
      }
      const lastItem = items[items.length - 1];
      if (lastItem) i = Math.max(i, lastItem[1] - 1);
    }
  }
}

// "Halldór: What a wife.\nMatthew: Remember me, Kelly?" – speakers of a dialogue.
const SPEAKER = /^[ \t>]*([\p{L}][\p{L}'’-]{1,30})[ \t]*:(?=[ \t]*["“\p{L}])/gmu;
const NOT_SPEAKERS =
  /^(?:name|address|phone|mobile|desk|fax|email|e-mail|website|date|when|where|what|who|why|how|note|notes|bot|user|subject|re|to|from|cc|bcc|dx|rx|hx|tx|sx|hpi|pmh|psh|ros|plan|assessment|impression|history|exam|labs|vitals|meds|medications|allergies|ps|nb|update|edit|source|ref|refs|q|a|question|answer|summary|tl|tldr|case|poll|quiz|answer)$/i;

export function findSpeakers(text: string, out: Candidate[]): void {
  const found: Candidate[] = [];
  SPEAKER.lastIndex = 0;
  for (let m = SPEAKER.exec(text); m; m = SPEAKER.exec(text)) {
    const name = m[1] ?? '';
    if (
      NOT_SPEAKERS.test(name) ||
      CLINICAL_WORDS.has(name.toLowerCase()) ||
      DEPARTMENTS.has(name.toLowerCase())
    )
      continue;
    if (isCommonWord(name.toLowerCase()) && !isFirstName(name.toLowerCase())) continue;
    const start = m.index + m[0].indexOf(name);
    found.push({ start, end: start + name.length, type: 'NAME', priority: 1 });
  }
  if (found.length >= 2) out.push(...found);
}

// A line that holds nothing but a name, as in signatures and address blocks: "Esat Jeknić".
const NAME_LINE =
  /^[ \t>?*]*(?:[\p{L} ]{2,20}:[ \t]*)?((?:\p{Lu}[\p{L}'’-]+|\p{Lu}\.?)(?:[ \t]+(?:\p{Lu}[\p{L}'’-]+|\p{Lu}\.?)){1,3})[ \t]*$/gmu;

export function findNameLines(tokens: Token[], text: string, out: Candidate[]): void {
  NAME_LINE.lastIndex = 0;
  for (let m = NAME_LINE.exec(text); m; m = NAME_LINE.exec(text)) {
    const name = m[1] ?? '';
    const start = m.index + m[0].indexOf(name);
    const parts = tokens.filter((t) => t.start >= start && t.end <= start + name.length && t.kind === 'word');
    let evidence = false;
    let known = false;
    let unknown = false;
    let bad = false;
    for (const t of parts) {
      const f = features(t);
      if (f.blocked || (f.common && !f.first && !f.last) || t.upper) bad = true;
      if ((f.first && !f.common) || f.foreign || f.shaped) evidence = true;
      if (f.first || f.last) known = true;
      if (!f.common && t.text.length > 1) unknown = true;
    }
    if ((evidence || (known && unknown)) && !bad)
      out.push({ start, end: start + name.length, type: 'NAME', priority: 1 });
  }
}
