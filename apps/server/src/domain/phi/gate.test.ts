import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { guardText, PhiDetectedError } from './gate.ts';

const leak = 'Pt Marguerite Okafor, MRN 4471-2290, seen for chest pain';
const open = { closedAudience: false };
const closed = { closedAudience: true };

describe('guardText', () => {
  it('lets text without identifiers through unchanged and audits nothing', () => {
    const res = guardText(
      'status',
      { status: 'Murphy sign and Wells score in #POCUS teaching' },
      undefined,
      open,
    );
    expect(res.fields.status).toBe('Murphy sign and Wells score in #POCUS teaching');
    expect(res.audit).toBeNull();
  });

  it('rejects identifiers with a message a person can act on, spans and a suggested redaction', () => {
    try {
      guardText('status', { status: leak }, undefined, open);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PhiDetectedError);
      const e = error as PhiDetectedError;
      expect(e.code).toBe('phi_detected');
      expect(e.message).toContain("name 'Marguerite Okafor'");
      expect(e.message).toContain("MRN '4471-2290'");
      expect(e.spans.map((s) => s.type)).toEqual(expect.arrayContaining(['NAME', 'MEDICAL_RECORD_NUMBER']));
      expect(e.redacted.status).not.toContain('Okafor');
      expect(e.redacted.status).not.toContain('4471-2290');
    }
  });

  it('returns the redaction and a pending audit with types and counts only', () => {
    const res = guardText('status', { status: leak }, { action: 'redact' }, open);
    expect(res.fields.status).toContain('[NAME]');
    expect(res.audit).toMatchObject({ action: 'redacted', surface: 'status', reason: null });
    expect(JSON.stringify(res.audit)).not.toContain('Okafor');
    expect(JSON.stringify(res.audit)).not.toContain('4471');
  });

  it('allows an override only with consent, a PHI-free reason and a closed audience', () => {
    const decision = {
      action: 'override' as const,
      reason: 'Consent on file; teaching case for our closed cohort',
      consentAttested: true,
    };
    expect(() =>
      guardText('status', { status: leak }, { ...decision, consentAttested: false }, closed),
    ).toThrow(ValidationError);
    expect(() => guardText('status', { status: leak }, { ...decision, reason: 'ok' }, closed)).toThrow(
      /phi_override_reason/,
    );
    expect(() =>
      guardText(
        'status',
        { status: leak },
        { ...decision, reason: 'Because Marguerite Okafor agreed' },
        closed,
      ),
    ).toThrow(/reason itself/);
    expect(() => guardText('status', { status: leak }, decision, open)).toThrow(PhiDetectedError);
    const res = guardText('status', { status: leak }, decision, closed);
    expect(res.fields.status).toBe(leak);
    expect(res.audit?.action).toBe('overridden');
    expect(
      guardText('status', { status: leak }, decision, { closedAudience: false, verifiedProfessional: true })
        .audit?.action,
    ).toBe('overridden');
  });

  it('checks every field and names the field of each span', () => {
    try {
      guardText('status', { status: 'clean teaching text', spoiler_text: 'Mrs. Okafor' }, undefined, open);
      expect.unreachable();
    } catch (error) {
      expect((error as PhiDetectedError).spans[0]!.field).toBe('spoiler_text');
    }
  });
});
