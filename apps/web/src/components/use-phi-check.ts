import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api } from '../api/client.ts';
import type { PhiCheck, PhiSpan } from '../api/types.ts';
import { findingsFrom, type PhiFinding } from '../lib/phi.ts';

export type PhiField = 'status' | 'spoiler_text';
export type FieldFinding = PhiFinding & { field: PhiField };
export type PhiPhase = 'idle' | 'checking' | 'clear' | 'found' | 'unavailable';

export interface PhiState {
  phase: PhiPhase;
  findings: FieldFinding[];
}

/** How long typing must pause before the text is checked. */
export const PHI_CHECK_DELAY_MS = 400;

/** The server's refusal (422 phi_detected) as findings: its spans and its redacted fields. */
export function findingsFromRefusal(
  fields: Record<PhiField, string>,
  details: Record<string, unknown>,
): FieldFinding[] {
  const spans = Array.isArray(details.spans) ? (details.spans as Array<PhiSpan & { field?: string }>) : [];
  const redacted = (details.redacted ?? {}) as Partial<Record<PhiField, string>>;
  const out: FieldFinding[] = [];
  for (const field of ['spoiler_text', 'status'] as const) {
    const mine = spans.filter((s) => (s.field ?? 'status') === field);
    if (mine.length === 0) continue;
    for (const f of findingsFrom(fields[field], mine, redacted[field] ?? '')) out.push({ ...f, field });
  }
  return out;
}

/**
 * Checks the draft for patient identifiers as the person types (POST /api/rounds/v1/phi/check,
 * after a pause; stale answers are dropped). Stores nothing: the server checks again on submit.
 */
export function usePhiCheck(
  api: Api,
  fields: Record<PhiField, string>,
): PhiState & { show(findings: FieldFinding[]): void } {
  const [state, setState] = useState<PhiState>({ phase: 'idle', findings: [] });
  const { status, spoiler_text } = fields;
  const generation = useRef(0);

  useEffect(() => {
    const current = ++generation.current;
    if (!status.trim() && !spoiler_text.trim()) {
      setState({ phase: 'idle', findings: [] });
      return;
    }
    setState((s) => ({ ...s, phase: 'checking' }));
    const abort = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const checks = await Promise.all(
          (
            [
              ['spoiler_text', spoiler_text],
              ['status', status],
            ] as const
          )
            .filter(([, text]) => text.trim())
            .map(async ([field, text]) => {
              const result = await api.request<PhiCheck>('/api/rounds/v1/phi/check', {
                json: { text },
                signal: abort.signal,
              });
              return findingsFrom(text, result.spans, result.redacted_text).map((f) => ({ ...f, field }));
            }),
        );
        if (current !== generation.current) return;
        const findings = checks.flat();
        setState({ phase: findings.length ? 'found' : 'clear', findings });
      } catch {
        if (abort.signal.aborted || current !== generation.current) return;
        setState({ phase: 'unavailable', findings: [] });
      }
    }, PHI_CHECK_DELAY_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [api, status, spoiler_text]);

  const show = useCallback((findings: FieldFinding[]) => {
    setState({ phase: findings.length ? 'found' : 'clear', findings });
  }, []);

  return { ...state, show };
}
