import type { DisclosuresEntity, ShownCorrectionEntity, StatusLabelEntity } from '@rounds/contract';
import type { AccountDisclosures, CorrectionSourceValue } from '../../db/schema/index.ts';
import { referenceUrl } from '../../domain/evidence/index.ts';
import { escapeHtml } from '../../domain/text/render.ts';
import { DISCLOSURE_KIND_LABELS } from '../../domain/trust/disclosures.ts';
import { STATUS_LABEL_NAMES } from '../../domain/trust/labels.ts';
import type { StatusTrust } from '../../domain/trust/marks.ts';

export function renderCorrectionSource(s: CorrectionSourceValue) {
  return { type: s.kind, value: s.value, url: referenceUrl(s) };
}

/** The trust part of the Status entity's `rounds`: `disclosure`, `correction`, `labels`. */
export function renderTrustExtension(trust: StatusTrust): {
  disclosure: { text: string | null } | null;
  correction: ShownCorrectionEntity | null;
  labels: StatusLabelEntity[];
} {
  const c = trust.correction;
  return {
    disclosure: trust.disclosure ? { text: trust.disclosure.text } : null,
    correction: c
      ? {
          id: c.id,
          text: c.text,
          sources: c.sources.map(renderCorrectionSource),
          helpful_count: c.helpfulCount,
          specialties: c.specialties,
        }
      : null,
    labels: trust.labels.map((l) => ({
      label: l.label,
      name: STATUS_LABEL_NAMES[l.label] ?? l.label,
      created_at: l.createdAt,
    })),
  };
}

/**
 * A member's declaration as the Account entity's `rounds.disclosures` and GET /disclosures show it.
 * `d` may be missing from an account row serialised by an older process (streams).
 */
export function renderDisclosures(d: AccountDisclosures | null | undefined): DisclosuresEntity {
  if (!d) return { declared: false, none: false, text: null, entries: [], updated_at: null };
  return {
    declared: true,
    none: d.none,
    text: d.text,
    entries: d.entries.map((e) => ({
      kind: e.kind,
      label: DISCLOSURE_KIND_LABELS[e.kind] ?? e.kind,
      organisation: e.organisation,
      from_year: e.fromYear,
      to_year: e.toYear,
    })),
    updated_at: d.updatedAt,
  };
}

/** Longest value of the profile field; the whole declaration is in `rounds.disclosures`. */
const MAX_FIELD_VALUE = 500;

function years(from: number | null, to: number | null): string {
  if (from === null && to === null) return '';
  if (from === null) return ` (until ${to})`;
  if (to === null) return ` (since ${from})`;
  return from === to ? ` (${from})` : ` (${from}–${to})`;
}

/**
 * The declaration as a profile field other Mastodon apps show: "Disclosures" → "Speaker fees:
 * Novo Nordisk (2021–2023); Equity: Moderna. I chair a guideline panel." or "Competing
 * interests" → "None declared" when the member declared none explicitly; no field when they
 * declared nothing. Plain text, escaped; never `verified_at` (the member says it, nobody checked).
 */
export function disclosureFields(d: AccountDisclosures | null | undefined) {
  if (!d) return [];
  if (d.none) return [{ name: 'Competing interests', value: 'None declared', verified_at: null }];
  const parts = d.entries.map(
    (e) => `${DISCLOSURE_KIND_LABELS[e.kind] ?? e.kind}: ${e.organisation}${years(e.fromYear, e.toYear)}`,
  );
  let value = parts.join('; ');
  if (d.text) value = value ? `${value}. ${d.text}` : d.text;
  value = value.replace(/\s+/g, ' ');
  if (value.length > MAX_FIELD_VALUE) value = `${value.slice(0, MAX_FIELD_VALUE - 1)}…`;
  return [{ name: 'Disclosures', value: escapeHtml(value), verified_at: null }];
}
