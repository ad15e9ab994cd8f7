import { isCitationUrl } from './citations.ts';
import type { Candidate, Range } from './types.ts';

/**
 * Identifiers recognisable by their shape alone: e-mail addresses, links, IP addresses, phone
 * numbers, SSNs, payment cards, IBANs and VINs. Labelled identifiers live in labels.ts.
 */

const EMAIL = /(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}\b/g;

// A scheme or "www." start; the tail stops before closing punctuation that ends a sentence.
export const URL_RE = /\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'`]+[^\s<>"'`.,;:!?)\]}]/gi;

const IPV4 = /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.]\d)/g;
const IPV6 = /(?<![\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\w:])|(?<![\w:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4}(?![\w:])/gi;

// North American numbers need separators so that lab values and counts never match.
const PHONE_NANP = /(?<![\w/.-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[.-])\d{3}[.-]\d{4}(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w/-]|\.\d)/gi;
const PHONE_INTL = /(?<![\w+])\+\d{1,3}(?:[\s.-]?\(0\))?(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w-])/g;
const PHONE_INTL_00 = /(?<![\w])00\d{1,3}[\s.-]\d{2,4}[\s.-]\d{3,4}[\s.-]\d{3,4}(?![\w-])/g;

const SSN = /(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])/g;
const SSN_SPACED = /(?<=\b(?:SSN|social security(?: number)?)\D{0,12})\d{3}\s\d{2}\s\d{4}\b/gi;

const CARD = /(?<![\w-])(?:\d[ -]?){11,18}\d(?![\w-])/g;
const IBAN = /\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]){11,30}\b/gi;
const VIN = /\b(?=[A-HJ-NPR-Z0-9]*\d[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])(?=[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{17}\b/g;

// "#SF-998877", "UCSF-12345", "JHC-20220410SL": a letter prefix and a long number is an
// identifier of some record even without a label.
const PREFIXED_ID = /(?<![\w#-])#?[A-Z]{1,5}-\d{5,}[A-Z]{0,3}(?:-\d+)?(?![\w-])|(?<![\w#])#[A-Z]{0,5}-?\d{4,}[A-Z]{0,3}(?![\w-])/g;

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
  scan(URL_RE, text, (m) => {
    const start = m.index;
    const end = start + m[0].length;
    if (isCitationUrl(m[0])) allowed.push({ start, end });
    else add(out, start, end, 'URL', 3);
  });
}

export function findShapes(text: string, out: Candidate[]): void {
  scan(EMAIL, text, (m) => add(out, m.index, m.index + m[0].length, 'EMAIL_ADDRESS', 4));
  scan(IPV4, text, (m) => {
    // Dotted version numbers and section numbers are not addresses: demand a context-free full quad.
    add(out, m.index, m.index + m[0].length, 'IP_ADDRESS', 3);
  });
  scan(IPV6, text, (m) => {
    if ((m[0].match(/:/g) ?? []).length >= 4) add(out, m.index, m.index + m[0].length, 'IP_ADDRESS', 3);
  });
  scan(PHONE_NANP, text, (m) => add(out, m.index, m.index + m[0].length, 'PHONE_NUMBER', 2));
  scan(PHONE_INTL, text, (m) => {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length >= 8 && digits.length <= 15) add(out, m.index, m.index + m[0].length, 'PHONE_NUMBER', 2);
  });
  scan(PHONE_INTL_00, text, (m) => add(out, m.index, m.index + m[0].length, 'PHONE_NUMBER', 2));
  scan(SSN, text, (m) => add(out, m.index, m.index + m[0].length, 'SOCIAL_SECURITY_NUMBER', 2));
  scan(SSN_SPACED, text, (m) => add(out, m.index, m.index + m[0].length, 'SOCIAL_SECURITY_NUMBER', 5));
  scan(CARD, text, (m) => {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length >= 12 && digits.length <= 19 && isLuhnValid(digits) && !/^(\d)\1+$/.test(digits)) {
      add(out, m.index, m.index + m[0].length, 'ACCOUNT_NUMBER', 2);
    }
  });
  scan(IBAN, text, (m) => {
    if (isIbanValid(m[0])) add(out, m.index, m.index + m[0].length, 'ACCOUNT_NUMBER', 3);
  });
  scan(VIN, text, (m) => add(out, m.index, m.index + m[0].length, 'VEHICLE_IDENTIFIER', 2));
  scan(PREFIXED_ID, text, (m) => add(out, m.index, m.index + m[0].length, 'UNIQUE_IDENTIFIER', 1));
}
