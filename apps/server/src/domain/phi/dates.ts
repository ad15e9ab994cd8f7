import type { Candidate } from './types.ts';

/**
 * Dates more specific than a year (Safe Harbor keeps only the year) and ages over 89.
 * Relative phrases ("last week") and bare years are deliberately left alone.
 */

const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
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
  // 02/14/2023 · 4/22/22 · 12-12-2022 · 31.12.2023 (day or month first)
  String.raw`(?:0?[1-9]|[12]\d|3[01])([-/.])(?:0?[1-9]|[12]\d|3[01])\1(?:(?:19|20)\d\d|\d\d)`,
];

const WRITTEN_RE = new RegExp(String.raw`(?<![\p{L}\d])(?:${WRITTEN.join('|')})${TIME}(?![\p{L}\d])`, 'giu');
const NUMERIC_RE = new RegExp(String.raw`(?<![\w/.-])(?:${NUMERIC.join('|')})${TIME}(?![\w/]|[.-]\d)`, 'giu');
// "on 2/14", "DOB 3/7": month/day without a year only where the context makes it a date.
const SHORT_RE = /(?<=\b(?:on|since|from|until|till|dated?|dob|d\.o\.b\.|born|admitted|discharged|died|seen|visit(?:ed)?|surgery|procedure)\s*:?\s*)(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])(?![\w/]|\.\d)/giu;

// Ages 90 and over: "92-year-old", "aged 95", "age: 101", "94 yo", "in her 90s".
const AGE_RE = /(?<![\w.])(?:(?:9\d|1[01]\d)(?:\s*|-)(?:y\/?o\b|yo\b|y\.o\.|yrs?\b|years?(?:[\s-]old\b)?|-year-old\b|year\s+old\b|(?:-|\s)?(?:month|mo)s?\b(?!\s))|(?<=\b(?:aged?|age:)\s*)(?:9\d|1[01]\d)\b|(?<=\bin\s+(?:his|her|their)\s+)(?:90s|nineties|hundreds)\b)/giu;

const MONTH_WORD = /^(?:may|march|june|july|aug|august|jan|dec)$/i;

function plausible(match: string): boolean {
  // "May 5" is a date, "may 5 patients" is not: demand a capital for bare "may"/"march".
  const first = match.split(/[\s.,]/)[0] ?? '';
  if (MONTH_WORD.test(first) && first[0] === first[0]?.toLowerCase() && !/\d{4}|'\d\d/.test(match)) return false;
  return true;
}

export function findDates(text: string, out: Candidate[]): void {
  for (const re of [WRITTEN_RE, NUMERIC_RE, SHORT_RE]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (re === WRITTEN_RE && !plausible(m[0])) continue;
      out.push({ start: m.index, end: m.index + m[0].length, type: 'DATE', priority: 3 });
    }
  }
  AGE_RE.lastIndex = 0;
  for (let m = AGE_RE.exec(text); m; m = AGE_RE.exec(text)) {
    // "95 months" is under eight years old: only years count.
    if (/mo/i.test(m[0]) && !/year/i.test(m[0])) continue;
    out.push({ start: m.index, end: m.index + m[0].length, type: 'AGE_OVER_89', priority: 3 });
  }
}
