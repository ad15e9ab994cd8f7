import { describe, expect, it } from 'vitest';
import type { PhiSpan } from '../api/types.ts';
import { applyAllFindings, applyFinding, findingsFrom } from './phi.ts';

const text = 'Saw Marguerite Okafor, MRN 4471-2290, DOB 03/14/1961 today';
const spans: PhiSpan[] = [
  { start: 4, end: 21, type: 'NAME', text: 'Marguerite Okafor' },
  { start: 27, end: 36, type: 'MEDICAL_RECORD_NUMBER', text: '4471-2290' },
  { start: 42, end: 52, type: 'DATE', text: '03/14/1961' },
];
// What the server's redactPhi answers for this text (`rounds phi scan`).
const redacted = 'Saw [NAME], MRN [MRN], DOB [DATE] today';

describe('PHI findings in the composer', () => {
  it('pairs every span with the placeholder the server would put there', () => {
    expect(findingsFrom(text, spans, redacted).map((f) => f.replacement)).toEqual([
      '[NAME]',
      '[MRN]',
      '[DATE]',
    ]);
  });

  it('redacts one span, or all at once, to exactly the server’s redaction', () => {
    const findings = findingsFrom(text, spans, redacted);
    expect(applyFinding(text, findings[1]!)).toBe('Saw Marguerite Okafor, MRN [MRN], DOB 03/14/1961 today');
    expect(applyAllFindings(text, findings)).toBe(redacted);
  });

  it('refuses to redact a span the person has since edited away', () => {
    const [name] = findingsFrom(text, spans, redacted);
    expect(applyFinding('Saw M. Okafor today', name!)).toBeNull();
  });

  it('still offers a generic redaction when the texts cannot be aligned', () => {
    const findings = findingsFrom(text, spans, 'something else entirely');
    expect(findings.map((f) => f.replacement)).toEqual(['[…]', '[…]', '[…]']);
    expect(applyFinding(text, findings[0]!)).toBe('Saw […], MRN 4471-2290, DOB 03/14/1961 today');
  });
});
