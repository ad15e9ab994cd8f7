import { isCitationUrl, isRecordUrl } from './citations.ts';
import type { Token } from './tokens.ts';
import type { Candidate, Range } from './types.ts';

/**
 * Identifiers recognisable by their shape alone: e-mail addresses, links, IP addresses, phone
 * numbers, SSNs, payment cards, IBANs and VINs. Labelled identifiers live in labels.ts.
 */

const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}\b/g;

// A scheme or "www." start; the tail stops before closing punctuation that ends a sentence.
export const URL_RE = /\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'`]+[^\s<>"'`.,;:!?)\]}]/gi;

const IPV4 =
  /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.]\d)/g;
const IPV6 =
  /(?<![\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\w:])|(?<![\w:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4}(?![\w:])/gi;

// North American numbers need separators so that lab values and counts never match.
const PHONE_NANP =
  /(?<![\w/.-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[.-])\d{3}[.-]\d{4}(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w/-]|\.\d)/gi;
const PHONE_INTL =
  /(?<![\w+])\+\d{1,3}(?:[\s.-]?\(0\))?(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w-])/g;
const PHONE_INTL_00 = /(?<![\w])00\d{1,3}[\s.-]\d{2,4}[\s.-]\d{3,4}[\s.-]\d{3,4}(?![\w-])/g;

const SSN = /(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])/g;
// The value is the last group of the match: only its offset is reported.
const SSN_SPACED = /\b(?:SSN|social security(?: number)?)\D{0,12}?(\d{3}\s\d{2}\s\d{4})\b/gi;

const CARD = /(?<![\w-])(?:\d[ -]?){11,18}\d(?![\w-])/g;
const IBAN = /\b[A-Z]{2}\d{2}[A-Z0-9]{11,30}\b|\b[A-Z]{2}\d{2}(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?\b/g;
const IBAN_LOWER = /\b[a-z]{2}\d{2}[a-z0-9]{11,30}\b/g;
// Without a valid checksum an IBAN still counts when its shape is unmistakable: GB82 WEST 1234 5698 7654 32.
const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z]{4}\d{10,}$/i;
// A VIN has letters and digits; checked in code, since look-aheads here would run at every position.
const VIN = /\b[A-HJ-NPR-Z0-9]{17}\b/g;

// "#SF-998877", "UCSF-12345", "JHC-20220410SL": a letter prefix and a long number is an
// identifier of some record even without a label.
const PREFIXED_ID = /#?[A-Z]{1,5}-\d{5,}[A-Z]{0,3}(?:-\d+)?(?![\w-])|#[A-Z]{0,5}-?\d{4,}[A-Z]{0,3}(?![\w-])/g;

function countColons(text: string): number {
  let n = 0;
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) n++;
  return n;
}

/** Luhn check: payment card numbers carry one, long lab values and counts almost never do. */
export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

function isIbanValid(raw: string): boolean {
  const s = raw.replace(/\s/g, '').toUpperCase();
  if (s.length < 15 || s.length > 34) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of moved) {
    const code = ch.charCodeAt(0);
    const val = code >= 65 ? String(code - 55) : ch;
    for (const d of val) rem = (rem * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return rem === 1;
}

function add(out: Candidate[], start: number, end: number, type: Candidate['type'], priority: number): void {
  out.push({ start, end, type, priority });
}

function scan(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) fn(m);
}

/** Ranges of every link in the text; citation links are returned as allowed ranges. */
export function findUrls(text: string, out: Candidate[], allowed: Range[]): void {
  if (!text.includes('://') && !/www\./i.test(text)) return;
  scan(URL_RE, text, (m) => {
    const start = m.index;
    const end = start + m[0].length;
    if (isCitationUrl(m[0])) allowed.push({ start, end });
    else if (isRecordUrl(m[0])) add(out, start, end, 'URL', 3);
    // Any other link is neither flagged nor shielded: a name written inside it is still found.
  });
}

// Cheap tests that let most texts skip the costlier patterns entirely.
const HAS_DIGIT = /\d/;
const HAS_LONG_NUMBER = /\d{4}/;
const HAS_PHONE_SHAPE = /\d[\s.)-]*\d{3}/;

const LOCAL_PART = /[A-Za-z0-9._%+-]/;
const EMAIL_AT = new RegExp(EMAIL.source, 'y');

/** E-mail addresses, tried only around each "@" rather than at every character. */
function findEmails(text: string, out: Candidate[]): void {
  let searchFrom = 0;
  for (let at = text.indexOf('@'); at > 0; at = text.indexOf('@', Math.max(at + 1, searchFrom))) {
    let start = at;
    while (start > 0 && start > at - 64 && LOCAL_PART.test(text[start - 1] as string)) start--;
    // the local part may not start with a mark: step to its first letter or digit
    while (start < at && !/[A-Za-z0-9]/.test(text[start] as string)) start++;
    EMAIL_AT.lastIndex = start;
    const m = EMAIL_AT.exec(text);
    if (m) {
      add(out, m.index, m.index + m[0].length, 'EMAIL_ADDRESS', 4);
      searchFrom = m.index + m[0].length;
    }
  }
}

/** Starts of runs of letters and digits touching each other ("GB82WEST1234", "1HGCM82633A004352"), with the run length. */
function alnumRuns(tokens: readonly Token[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i] as Token;
    if (t.kind === 'mark') {
      i++;
      continue;
    }
    let j = i + 1;
    let kinds = t.kind === 'num' ? 1 : 2;
    while (
      j < tokens.length &&
      (tokens[j] as Token).kind !== 'mark' &&
      (tokens[j] as Token).start === (tokens[j - 1] as Token).end
    ) {
      kinds |= (tokens[j] as Token).kind === 'num' ? 1 : 2;
      j++;
    }
    if (kinds === 3) runs.push([t.start, (tokens[j - 1] as Token).end - t.start]);
    i = j;
  }
  return runs;
}

export function findShapes(tokens: readonly Token[], text: string, out: Candidate[]): void {
  if (text.includes('@')) findEmails(text, out);
  if (!HAS_DIGIT.test(text)) return;
  if (/\d\.\d+\.\d/.test(text))
    scan(IPV4, text, (m) => add(out, m.index, m.index + m[0].length, 'IP_ADDRESS', 3));
  if (/[0-9a-f]:[0-9a-f]{1,4}:/i.test(text) && (text.includes('::') || countColons(text) >= 7))
    scan(IPV6, text, (m) => {
      if ((m[0].match(/:/g) ?? []).length >= 4) add(out, m.index, m.index + m[0].length, 'IP_ADDRESS', 3);
    });
  if (!HAS_PHONE_SHAPE.test(text)) return;
  scan(PHONE_NANP, text, (m) => add(out, m.index, m.index + m[0].length, 'PHONE_NUMBER', 2));
  if (text.includes('+'))
    scan(PHONE_INTL, text, (m) => {
      const digits = m[0].replace(/\D/g, '');
      if (digits.length >= 8 && digits.length <= 15)
        add(out, m.index, m.index + m[0].length, 'PHONE_NUMBER', 2);
    });
  scan(PHONE_INTL_00, text, (m) => add(out, m.index, m.index + m[0].length, 'PHONE_NUMBER', 2));
  scan(SSN, text, (m) => add(out, m.index, m.index + m[0].length, 'SOCIAL_SECURITY_NUMBER', 2));
  if (/ss|social/i.test(text))
    scan(SSN_SPACED, text, (m) =>
      add(
        out,
        m.index + m[0].length - (m[1] ?? '').length,
        m.index + m[0].length,
        'SOCIAL_SECURITY_NUMBER',
        5,
      ),
    );
  if (!HAS_LONG_NUMBER.test(text)) return;
  scan(CARD, text, (m) => {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length >= 12 && digits.length <= 19 && isLuhnValid(digits) && !/^(\d)\1+$/.test(digits)) {
      add(out, m.index, m.index + m[0].length, 'ACCOUNT_NUMBER', 2);
    }
  });
  const runs = alnumRuns(tokens);
  // IBANs and VINs mix letters and digits in one run; texts without such a run skip both patterns.
  if (runs.some(([, len]) => len >= 12))
    scan(IBAN_LOWER, text, (m) => {
      if (isIbanValid(m[0]) || IBAN_SHAPE.test(m[0]))
        add(out, m.index, m.index + m[0].length, 'ACCOUNT_NUMBER', 3);
    });
  if (runs.some(([, len]) => len >= 6))
    scan(IBAN, text, (m) => {
      if (isIbanValid(m[0]) || IBAN_SHAPE.test(m[0].replace(/\s/g, '')))
        add(out, m.index, m.index + m[0].length, 'ACCOUNT_NUMBER', 3);
    });
  if (runs.some(([, len]) => len === 17))
    scan(VIN, text, (m) => {
      if (/\d/.test(m[0]) && /[A-Z]/.test(m[0]))
        add(out, m.index, m.index + m[0].length, 'VEHICLE_IDENTIFIER', 2);
    });
  if (text.includes('-') || text.includes('#'))
    scan(PREFIXED_ID, text, (m) => {
      // the character before must not continue a word (checked here: a look-behind slows the scan)
      const before = text[m.index - 1] ?? ' ';
      if (/[\w#-]/.test(before)) return;
      add(out, m.index, m.index + m[0].length, 'UNIQUE_IDENTIFIER', 1);
    });
}
