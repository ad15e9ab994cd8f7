import { F } from './lexical.ts';
import {
  emit,
  extendName,
  type Features,
  features,
  isInitial,
  isWord,
  resetFeatures,
  sameLine,
} from './name-features.ts';
import {
  findEnumerations,
  findLowerNameLines,
  findNameLines,
  findPartners,
  findRepeats,
  findSpeakers,
  findVocatives,
} from './name-layouts.ts';
import { type Token, tokenIndexAt } from './tokens.ts';
import type { Candidate } from './types.ts';

/**
 * People's names. Evidence, strongest first: a title ("Dr.", "Mrs."), a phrase that introduces a
 * name ("my name is", "named", "called"), a known first name followed by a surname or an initial,
 * a known name that is not also an English word, and the shape of foreign surnames (-ová, -sson,
 * -dóttir). Eponyms, drugs and clinical words never count on their own.
 */

// Phrases after which the next capitalised words are a name.
const INTRODUCERS =
  /(?:(?:my|his|her|their|the patient'?s|pt'?s|maiden|last|first|full|middle)\s+name\s+(?:is|was)|name\s*(?:is|was|:)|named|called|calls?\s+(?:me|him|her)|known\s+as|i'm|i\s+am|this\s+is|user\s*:|patient\s*:|pt\s*:|pt\s+is|patient\s+is|hi|hello|dear|says|said|signed|sincerely|regards|thanks|attn|c\/o|care\s+of|under|maybe\s+it'?s\s+under|account\s+is\s+under|follow\s+up\s+with|tribute\s+to|assistant\s+to|starring|directed\s+by|produced\s+by|sung\s+by|written\s+by|(?:son|daughter|wife|husband|kid|child|mother|father|brother|sister|partner|grandmother|grandfather|mom|dad|nephew|niece)(?:'s\s+name\s+is)?)\s*[,:]?\s+/iuy;

/** A capitalised word that is a name by itself, without any other evidence. */
function isStandaloneName(t: Token, f: Features): boolean {
  if (!t.cap || t.upper || f.blocked || f.common || ((t.flags & F.EPONYM) !== 0 && !f.first)) return false;
  if (f.first || f.last) return true;
  return !t.sentenceStart && (f.shaped || f.foreign) && t.text.length > 2;
}

export function findNames(tokens: Token[], text: string, out: Candidate[]): void {
  const allLower = !/\p{Lu}/u.test(text);
  resetFeatures();
  const found: Candidate[] = [];
  findTitled(tokens, text, found, allLower);
  findIntroduced(tokens, text, found, allLower);
  findLexical(tokens, text, found, allLower);
  findEnumerations(tokens, text, found, allLower);
  // Speakers need two lines; a name line is a line, or a whole short text.
  const lines = text.includes('\n');
  if (lines) findSpeakers(text, found);
  if (lines || text.length <= 80) findNameLines(tokens, text, found);
  if (allLower) findLowerNameLines(tokens, text, found);
  findVocatives(tokens, text, found);
  findPartners(tokens, text, found);
  out.push(...found, ...findRepeats(tokens, found));
}

/** "Dr. A. Barnes", "Mrs. Labrie", "mr. elliott", "Mrs. Kathrine Filemonsen DDS". */
function findTitled(tokens: Token[], text: string, out: Candidate[], allLower: boolean): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (!isWord(t) || (t.flags & F.TITLE) === 0) continue;
    if (!t.cap && !allLower && !/^(?:dr|mr|mrs|ms)$/.test(t.lower)) continue;
    let k = i + 1;
    if (tokens[k]?.text === '.') k++;
    const n = tokens[k];
    if (!isWord(n) || !sameLine(text, t, n)) continue;
    const f = features(n);
    const ok = n.cap
      ? !f.blocked || (n.flags & F.EPONYM) !== 0
      : (allLower || tokens[k - 1]?.text === '.') && !f.common && !f.blocked;
    if (!ok) continue;
    const j = Math.max(extendName(tokens, text, k, allLower || !n.cap), k + 1);
    emit(out, tokens, i, j, 2);
    i = j - 1;
  }
}

/** "My name is Akinori", "named Jenna R.", "Hi Vinicio", "says Joly." */
const INTRODUCER_WORDS = new Set(
  "name named called call calls known i'm i this user patient pt hi hello dear says said signed sincerely regards thanks attn c care under maybe account follow tribute assistant starring directed produced sung written son daughter wife husband kid child mother father brother sister partner grandmother grandfather mom dad nephew niece".split(
    ' ',
  ),
);

function findIntroduced(tokens: Token[], text: string, out: Candidate[], allLower: boolean): void {
  // The phrase is tried only where one of its first words stands, not at every character.
  for (const cue of tokens) {
    if (cue.kind !== 'word' || !INTRODUCER_WORDS.has(cue.lower)) continue;
    INTRODUCERS.lastIndex = cue.start;
    const m = INTRODUCERS.exec(text);
    if (!m) continue;
    const at = m.index + m[0].length;
    const k = tokenIndexAt(tokens, at);
    const n = tokens[k];
    if (!isWord(n) || n.start !== at) continue;
    const f = features(n);
    const evidence = f.first || f.last || f.foreign || f.shaped || (n.cap && !f.common);
    if (f.blocked || !evidence) continue;
    if (!n.cap && !allLower && !/name|call/i.test(m[0])) continue;
    if (!n.cap && f.common) continue;
    const j = extendName(tokens, text, k, allLower || !n.cap);
    emit(out, tokens, k, j, 2);
  }
}

/** Known first names with what follows them, and known names that are not English words. */
function findLexical(tokens: Token[], text: string, out: Candidate[], allLower: boolean): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (!isWord(t) || !t.cap || t.upper) continue;
    const f = features(t);
    if (f.blocked) continue;
    const next = tokens[i + 1];
    if (f.first && !(f.common && t.sentenceStart && !f.last)) {
      const j = extendName(tokens, text, i, allLower);
      if (j > i + 1 && !(next?.kind === 'mark' && next.text !== '.' && j === i + 2)) {
        const startsName =
          !f.common ||
          (t.flags & F.EPONYM) === 0 ||
          (next !== undefined && (isInitial(tokens, i + 1) || features(next).last));
        if (startsName) {
          emit(out, tokens, i, j);
          i = j - 1;
          continue;
        }
      }
    }
    if (isStandaloneName(t, f)) {
      emit(out, tokens, i, extendName(tokens, text, i, allLower));
      continue;
    }
    // Two unknown capitalised words side by side are a proper name ("Bonifacy Kaczmarek").
    if (
      !f.common &&
      !f.first &&
      !f.last &&
      (t.flags & F.EPONYM) === 0 &&
      isWord(next) &&
      next.cap &&
      !next.upper &&
      text.slice(t.end, next.start) === ' '
    ) {
      const g = features(next);
      if (!g.common && !g.blocked && (next.flags & F.EPONYM) === 0 && (next.flags & F.FACILITY) === 0) {
        const j = extendName(tokens, text, i, allLower);
        emit(out, tokens, i, j);
        i = j - 1;
      }
    }
  }
}
