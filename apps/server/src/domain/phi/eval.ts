import { detectPhi } from './index.ts';
import type { PhiSpan } from './types.ts';

/**
 * Scores the detector on labelled records in the format of shared/eval/phi (see its README):
 * recall is the share of labelled values whose every non-space character lies inside a detected
 * span; over-redaction is the share of records without PHI in which anything is detected.
 */

export interface LabelledValue {
  type: string;
  value: string;
  start?: number;
  end?: number;
}

export interface EvalRecord {
  id: string;
  text: string;
  phi: LabelledValue[];
}

export interface TypeScore {
  total: number;
  found: number;
  recall: number;
}

export interface CorpusScore {
  records: number;
  values: number;
  found: number;
  recall: number;
  cleanRecords: number;
  overRedacted: number;
  overRedaction: number;
  byType: Record<string, TypeScore>;
  misses: Array<{ id: string; type: string; value: string }>;
  falsePositives: Array<{ id: string; spans: PhiSpan[] }>;
}

// Presidio's labels that are HIPAA identifiers; GPE (mostly countries), ORGANIZATION, TITLE, NRP
// and AGE are not. DATE_TIME counts only when it names a day.
const PRESIDIO_COUNTED = new Set([
  'PERSON',
  'STREET_ADDRESS',
  'ZIP_CODE',
  'PHONE_NUMBER',
  'EMAIL_ADDRESS',
  'US_SSN',
  'US_DRIVER_LICENSE',
  'CREDIT_CARD',
  'IBAN_CODE',
  'IP_ADDRESS',
  'DOMAIN_NAME',
]);
const PRESIDIO_ONLY = new Set([
  ...PRESIDIO_COUNTED,
  'DATE_TIME',
  'GPE',
  'ORGANIZATION',
  'TITLE',
  'NRP',
  'AGE',
  'LOCATION',
  'NORP',
]);
const MONTH =
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
const NUMERIC_DAY = /\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b/;

/** Does a DATE_TIME value name a day (not a bare year, a month or a weekday)? */
export function namesADay(value: string): boolean {
  return NUMERIC_DAY.test(value) || MONTH.test(value);
}

/** Is this label one the guard must find? ASQ-PHI types all count; Presidio types per its README. */
export function isCountedLabel(type: string, value: string): boolean {
  if (type === 'DATE_TIME') return namesADay(value);
  if (PRESIDIO_ONLY.has(type)) return PRESIDIO_COUNTED.has(type);
  return true;
}

function locate(text: string, v: LabelledValue, covered: Uint8Array): boolean {
  const isCovered = (start: number, end: number): boolean => {
    for (let i = start; i < end; i++) if (covered[i] === 0 && !/\s/.test(text[i] ?? '')) return false;
    return true;
  };
  if (v.start !== undefined && v.end !== undefined) return isCovered(v.start, v.end);
  // Without offsets any occurrence of the value counts: the value is a literal substring.
  for (let at = text.indexOf(v.value); at >= 0; at = text.indexOf(v.value, at + 1)) {
    if (isCovered(at, at + v.value.length)) return true;
  }
  return false;
}

export function scoreCorpus(
  records: readonly EvalRecord[],
  detect: (text: string) => PhiSpan[] = detectPhi,
): CorpusScore {
  const byType: Record<string, TypeScore> = {};
  const misses: CorpusScore['misses'] = [];
  const falsePositives: CorpusScore['falsePositives'] = [];
  let values = 0;
  let found = 0;
  let cleanRecords = 0;
  let overRedacted = 0;
  for (const r of records) {
    const spans = detect(r.text);
    if (r.phi.length === 0) {
      cleanRecords++;
      if (spans.length > 0) {
        overRedacted++;
        falsePositives.push({ id: r.id, spans });
      }
      continue;
    }
    const covered = new Uint8Array(r.text.length);
    for (const s of spans) covered.fill(1, Math.max(0, s.start), Math.min(r.text.length, s.end));
    for (const v of r.phi) {
      if (!isCountedLabel(v.type, v.value)) continue;
      const score = byType[v.type] ?? { total: 0, found: 0, recall: 0 };
      byType[v.type] = score;
      score.total++;
      values++;
      if (locate(r.text, v, covered)) {
        score.found++;
        found++;
      } else {
        misses.push({ id: r.id, type: v.type, value: v.value });
      }
    }
  }
  for (const s of Object.values(byType)) s.recall = s.total === 0 ? 1 : s.found / s.total;
  return {
    records: records.length,
    values,
    found,
    recall: values === 0 ? 1 : found / values,
    cleanRecords,
    overRedacted,
    overRedaction: cleanRecords === 0 ? 0 : overRedacted / cleanRecords,
    byType,
    misses,
    falsePositives,
  };
}

/** Parses JSON lines into records, skipping blank lines; throws with the line number on bad input. */
export function parseCorpus(jsonl: string): EvalRecord[] {
  const out: EvalRecord[] = [];
  const lines = jsonl.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim();
    if (!line) continue;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch (e) {
      throw new Error(`line ${i + 1}: invalid JSON (${(e as Error).message})`);
    }
    const r = rec as Partial<EvalRecord>;
    if (typeof r.text !== 'string' || !Array.isArray(r.phi))
      throw new Error(`line ${i + 1}: expected {"id", "text", "phi": [...]}`);
    out.push({ id: String(r.id ?? i + 1), text: r.text, phi: r.phi });
  }
  return out;
}
