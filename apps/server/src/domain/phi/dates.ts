import { lowerCaseOf, type Token } from './tokens.ts';
import type { Candidate } from './types.ts';

/**
 * Dates more specific than a year (Safe Harbor keeps only the year) and ages over 89.
 * Relative phrases ("last week") and bare years are deliberately left alone.
 */

// Full month names first, so that "March." keeps its full stop out; only abbreviations take one ("Sept.").
const MONTH = String.raw`(?:january|february|march|april|may|june|july|august|september|october|november|december|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)`;
const DAY = String.raw`(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:(?:19|20)\d\d|'\d\d|’\d\d)`;
const WEEKDAY = String.raw`(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)`;
// "at 14:30", "20:21:24", "9:30 am" following a date belongs to it.
const TIME = String.raw`(?:,?\s*(?:at\s+)?(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s*[ap]\.?m\.?)?)?`;

const WRITTEN = [
  // March 5th, 2021 · Jan 15 '23 · Aug 19 2023 · Sept 15th
  String.raw`${WEEKDAY}?${MONTH}\s+${DAY}(?![\d:])(?:,?\s*(?:of\s+)?${YEAR})?`,
  // 12th April 2022 · 4th of July, 2022
  String.raw`${WEEKDAY}?${DAY}\s+(?:of\s+)?${MONTH}(?:,?\s*${YEAR})?`,
  // April 2023 (a month is more specific than a year)
  String.raw`${MONTH}\s*,?\s+(?:19|20)\d\d`,
  // 17-Feb-2023 · 5 Jan 23
  String.raw`${DAY}[-/ ]${MONTH}[-/ ](?:(?:19|20)?\d\d)`,
];

const NUMERIC = [
  // 2023-04-25 · 2023/04/25 with an optional time
  String.raw`(?:19|20)\d\d[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?:[T\s](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?Z?)?`,
  // 02/14/2023 · 4/22/22 · 12-12-2022 (day or month first)
  String.raw`(?:0?[1-9]|[12]\d|3[01])([-/])(?:0?[1-9]|[12]\d|3[01])\1(?:(?:19|20)\d\d|\d\d)`,
  // 31.12.2023: dotted dates only with a four-digit year, so section numbers stay out
  String.raw`(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|[12]\d|3[01])\.(?:19|20)\d\d`,
];

// Sticky: tried only at tokens that can start a written date (a month, a weekday, a day number).
const WRITTEN_RE = new RegExp(String.raw`(?:${WRITTEN.join('|')})${TIME}(?![\p{L}\d])`, 'iuy');
// first letters of months and weekdays: a cheap test before DATE_START
const MONTH_INITIALS = 'jfmasondtw';
const DATE_START = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)/;
const NUMERIC_RE = new RegExp(String.raw`(?<![\w/.-])(?:${NUMERIC.join('|')})${TIME}(?![\w/]|[.-]\d)`, 'giu');
// "on 2/14", "DOB 3/7": month/day without a year only where the context makes it a date.
// "on 2/14", "DOB 3/7": a month/day without a year counts only after a word that makes it a date.
// The date is found first (a digit starts the search fast), then the words before it are checked.
const SHORT_RE = /(?<![\w/.-])(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])(?![\w/]|\.\d)/g;
const SHORT_CONTEXT =
  /\b(?:on|since|from|until|till|dated?|dob|d\.o\.b\.|born|admitted|discharged|died|seen|visit(?:ed)?|surgery|procedure)\s*:?\s*$/i;
/\b(?:on|since|from|until|till|dated?|dob|d\.o\.b\.|born|admitted|discharged|died|seen|visit(?:ed)?|surgery|procedure)\s*:?\s*((?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01]))(?![\w/]|\.\d)/giu;

// Ages 90 and over: "92-year-old", "94 yo", "aged 95", "age: 101", "in her 90s". No look-behind in
// the first pattern (it would run at every position): the character before is checked in code.
const AGE_YEARS = /(?:9\d|1[01]\d)\s*-?\s*(?:y\/o|yo|y\.o\.|yrs?|years?)(?:[\s-]+old)?(?![\w])/giu;
const AGE_AGED = /(?:aged?|age:)\s*(9\d|1[01]\d)\b/iuy;
const AGE_DECADE = /\bin\s+(?:his|her|their)\s+(90s|nineties)\b/giu;
/(?<![\w.])((?:9\d|1[01]\d)\s*-?\s*(?:y\/o|yo|y\.o\.|yrs?|years?)(?:[\s-]+old)?)(?![\w])|\b(?:aged?|age:)\s*((?:9\d|1[01]\d))\b|\bin\s+(?:his|her|their)\s+(90s|nineties)\b/giu;

const MONTH_WORD = /^(?:may|march|june|july|aug|august|jan|dec)$/i;

function plausible(match: string): boolean {
  // "May 5" is a date, "may 5 patients" is not: demand a capital for bare "may"/"march".
  const first = match.split(/[\s.,]/)[0] ?? '';
  if (MONTH_WORD.test(first) && first[0] === first[0]?.toLowerCase() && !/\d{4}|'\d\d/.test(match))
    return false;
  return true;
}

const HAS_MONTH = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;
const HAS_NUMERIC_DATE = /\d[-/.]\d/;
const HAS_OLD_AGE = /9\d|1[01]\d|ninet/;

export function findDates(tokens: readonly Token[], text: string, out: Candidate[]): void {
  if (!/\d/.test(text)) return;
  if (HAS_MONTH.test(text)) {
    let after = 0;
    for (const t of tokens) {
      if (
        t.start < after ||
        (t.kind === 'word'
          ? !MONTH_INITIALS.includes(t.lower[0] ?? ' ') || !DATE_START.test(t.lower)
          : t.kind !== 'num')
      )
        continue;
      const before = text.charCodeAt(t.start - 1);
      if (t.start > 0 && ((before >= 48 && before <= 57) || /\p{L}/u.test(text[t.start - 1] as string)))
        continue;
      WRITTEN_RE.lastIndex = t.start;
      const m = WRITTEN_RE.exec(text);
      if (!m || !plausible(m[0])) continue;
      out.push({ start: m.index, end: m.index + m[0].length, type: 'DATE', priority: 3 });
      after = m.index + m[0].length;
    }
  }
  if (HAS_NUMERIC_DATE.test(text)) {
    NUMERIC_RE.lastIndex = 0;
    for (let m = NUMERIC_RE.exec(text); m; m = NUMERIC_RE.exec(text)) {
      out.push({ start: m.index, end: m.index + m[0].length, type: 'DATE', priority: 3 });
    }
  }
  SHORT_RE.lastIndex = HAS_NUMERIC_DATE.test(text) ? 0 : text.length;
  for (let m = SHORT_RE.exec(text); m; m = SHORT_RE.exec(text)) {
    if (!SHORT_CONTEXT.test(text.slice(Math.max(0, m.index - 24), m.index))) continue;
    out.push({ start: m.index, end: m.index + m[0].length, type: 'DATE', priority: 3 });
  }
  if (!HAS_OLD_AGE.test(text)) return;
  AGE_YEARS.lastIndex = 0;
  for (let m = AGE_YEARS.exec(text); m; m = AGE_YEARS.exec(text)) {
    const before = text[m.index - 1] ?? ' ';
    if (/[\w.]/.test(before)) {
      AGE_YEARS.lastIndex = m.index + 1;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length, type: 'AGE_OVER_89', priority: 3 });
  }
  const lower = lowerCaseOf(text);
  // both patterns end with the age itself
  for (const t of tokens) {
    if (t.kind !== 'word' || (t.lower !== 'age' && t.lower !== 'aged')) continue;
    AGE_AGED.lastIndex = t.start;
    const m = AGE_AGED.exec(text);
    if (m)
      out.push({
        start: m.index + m[0].length - (m[1] ?? '').length,
        end: m.index + m[0].length,
        type: 'AGE_OVER_89',
        priority: 3,
      });
  }
  if (lower.includes('90s') || lower.includes('ninet')) {
    AGE_DECADE.lastIndex = 0;
    for (let m = AGE_DECADE.exec(text); m; m = AGE_DECADE.exec(text)) {
      const end = m.index + m[0].length;
      out.push({ start: end - (m[1] ?? '').length, end, type: 'AGE_OVER_89', priority: 3 });
    }
  }
}
