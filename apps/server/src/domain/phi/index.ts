import { findAddresses } from './addresses.ts';
import { findAllowed } from './allow.ts';
import { findDates } from './dates.ts';
import { findLabelled } from './labels.ts';
import { applyAllowed, mergeCandidates } from './merge.ts';
import { findNames } from './names.ts';
import { findShapes, findUrls } from './patterns.ts';
import { findPlaces } from './places.ts';
import { tokenizeForScan } from './tokens.ts';
import type { Candidate, PhiSpan, PhiType, Range } from './types.ts';

export type { PhiSpan, PhiType } from './types.ts';
export { PHI_TYPES } from './types.ts';

/**
 * Finds HIPAA Safe Harbor identifiers in user text. Pure and synchronous: no I/O, no network,
 * safe to call on every keystroke batch. Returns sorted, non-overlapping spans with UTF-16
 * offsets (JavaScript string indices), end exclusive.
 */
export function detectPhi(text: string): PhiSpan[] {
  if (text.length === 0) return [];
  const tokens = tokenizeForScan(text);
  const cands: Candidate[] = [];
  const urlAllowed: Range[] = [];
  findUrls(text, cands, urlAllowed);
  findShapes(tokens, text, cands);
  findLabelled(tokens, text, cands);
  findDates(tokens, text, cands);
  findAddresses(tokens, text, cands);
  const sources: Range[] = [];
  findPlaces(tokens, text, cands, sources);
  findNames(tokens, text, cands);
  const { all, words } = findAllowed(tokens, text);
  return mergeCandidates(text, applyAllowed(cands, [...all, ...urlAllowed], [...words, ...sources]));
}

const PLACEHOLDERS: Record<PhiType, string> = {
  NAME: 'NAME',
  GEOGRAPHIC_LOCATION: 'LOCATION',
  DATE: 'DATE',
  AGE_OVER_89: 'AGE 90+',
  PHONE_NUMBER: 'PHONE',
  FAX_NUMBER: 'FAX',
  EMAIL_ADDRESS: 'EMAIL',
  SOCIAL_SECURITY_NUMBER: 'SSN',
  MEDICAL_RECORD_NUMBER: 'MRN',
  HEALTH_PLAN_BENEFICIARY_NUMBER: 'HEALTH PLAN ID',
  ACCOUNT_NUMBER: 'ACCOUNT',
  CERTIFICATE_LICENSE_NUMBER: 'LICENSE',
  VEHICLE_IDENTIFIER: 'VEHICLE ID',
  DEVICE_IDENTIFIER: 'DEVICE ID',
  URL: 'URL',
  IP_ADDRESS: 'IP ADDRESS',
  UNIQUE_IDENTIFIER: 'ID',
};

const LABELS: Record<PhiType, string> = {
  NAME: 'name',
  GEOGRAPHIC_LOCATION: 'location',
  DATE: 'date',
  AGE_OVER_89: 'age over 89',
  PHONE_NUMBER: 'phone number',
  FAX_NUMBER: 'fax number',
  EMAIL_ADDRESS: 'email',
  SOCIAL_SECURITY_NUMBER: 'SSN',
  MEDICAL_RECORD_NUMBER: 'MRN',
  HEALTH_PLAN_BENEFICIARY_NUMBER: 'health plan number',
  ACCOUNT_NUMBER: 'account number',
  CERTIFICATE_LICENSE_NUMBER: 'licence number',
  VEHICLE_IDENTIFIER: 'vehicle identifier',
  DEVICE_IDENTIFIER: 'device identifier',
  URL: 'link',
  IP_ADDRESS: 'IP address',
  UNIQUE_IDENTIFIER: 'identifier',
};

/** The placeholder a redaction puts in place of a span: "[NAME]", "[MRN]". */
export function placeholderFor(type: PhiType): string {
  return `[${PLACEHOLDERS[type]}]`;
}

/**
 * Replaces each span with a readable placeholder. Spans default to `detectPhi(text)`; spans
 * passed in must come from the same text (they are applied from the end so offsets stay valid).
 */
export function redactPhi(text: string, spans: readonly PhiSpan[] = detectPhi(text)): string {
  const ordered = [...spans].sort((a, b) => b.start - a.start);
  let out = text;
  let limit = text.length;
  for (const s of ordered) {
    if (s.end > limit || s.start < 0) continue;
    out = out.slice(0, s.start) + placeholderFor(s.type) + out.slice(s.end);
    limit = s.start;
  }
  return out;
}

/** One line a person can act on: "Possible patient identifiers: name 'Marguerite Okafor', MRN '4471-2290'". */
export function describeSpans(spans: readonly PhiSpan[]): string {
  if (spans.length === 0) return 'No patient identifiers found.';
  const parts = spans.map((s) => `${LABELS[s.type]} '${s.text.replace(/\s+/g, ' ').trim()}'`);
  return `Possible patient identifiers: ${parts.join(', ')}`;
}
