import type { PhiSpan } from '../api/types.ts';

/** Spans with the placeholder the server's redaction puts in place of each ("[NAME]", "[MRN]"). */
export interface PhiFinding extends PhiSpan {
  replacement: string;
}

/**
 * Pairs each span with its placeholder by walking the original and the redacted text together:
 * the text between spans is unchanged, and every placeholder is one bracketed word. Spans the
 * walk cannot place get a generic "[…]" so the person can still redact them one by one.
 */
export function findingsFrom(text: string, spans: readonly PhiSpan[], redacted: string): PhiFinding[] {
  const ordered = [...spans].sort((a, b) => a.start - b.start);
  const findings: PhiFinding[] = [];
  let at = 0;
  let redactedAt = 0;
  let aligned = true;
  for (const span of ordered) {
    let replacement = '[…]';
    if (aligned && span.start >= at) {
      const between = text.slice(at, span.start);
      if (redacted.startsWith(between, redactedAt)) {
        const start = redactedAt + between.length;
        const close = redacted.indexOf(']', start);
        if (redacted[start] === '[' && close > start) {
          replacement = redacted.slice(start, close + 1);
          redactedAt = close + 1;
          at = span.end;
        } else aligned = false;
      } else aligned = false;
    }
    findings.push({ ...span, replacement });
  }
  return findings;
}

/** The text with one finding replaced, or null when the text changed under it (check again). */
export function applyFinding(text: string, finding: PhiFinding): string | null {
  if (text.slice(finding.start, finding.end) !== finding.text) return null;
  return text.slice(0, finding.start) + finding.replacement + text.slice(finding.end);
}

/** Every finding applied, from the end so earlier offsets stay valid. */
export function applyAllFindings(text: string, findings: readonly PhiFinding[]): string | null {
  let out = text;
  for (const finding of [...findings].sort((a, b) => b.start - a.start)) {
    const next = applyFinding(out, finding);
    if (next === null) return null;
    out = next;
  }
  return out;
}
