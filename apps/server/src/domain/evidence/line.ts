import type { EvidenceLevel } from '../../db/schema/index.ts';
import { escapeHtml, sanitizeRendered } from '../text/render.ts';
import { referenceLabel, referenceUrl } from './normalize.ts';
import type { StatusEvidence } from './store.ts';

/** How each evidence level reads to people (the line in the HTML, the web client's labels). */
export const EVIDENCE_LEVEL_LABELS: Readonly<Record<EvidenceLevel, string>> = {
  systematic_review: 'Systematic review/meta-analysis',
  rct: 'RCT',
  cohort: 'Cohort study',
  case_control: 'Case-control study',
  case_series: 'Case series/report',
  guideline: 'Guideline',
  expert_opinion: 'Expert opinion',
};

/** The class of the evidence paragraph, so a client that shows `rounds` itself can hide it. */
export const EVIDENCE_LINE_CLASS = 'rounds-evidence';

/**
 * The readable evidence line other apps show, as an HTML paragraph appended to the content:
 * `Evidence: RCT · doi:10.1056/nejmoa2034577 · PMID 33301246` (`References: …` without a level),
 * each reference a link. It lists the level, every DOI and PMID, and attached URLs; a URL written
 * in the text is a link there already and is not repeated. Empty when there is nothing to say.
 * Escaped and passed through the same sanitiser as the rest of the content (domain/text).
 */
export function renderEvidenceLine(evidence: StatusEvidence): string {
  const refs = evidence.references.filter((r) => r.kind !== 'url' || r.source === 'attached');
  if (evidence.level === null && refs.length === 0) return '';
  const parts = [
    ...(evidence.level ? [escapeHtml(EVIDENCE_LEVEL_LABELS[evidence.level])] : []),
    ...refs.map(
      (r) =>
        `<a href="${escapeHtml(referenceUrl(r))}" target="_blank" rel="nofollow noopener noreferrer" translate="no">${escapeHtml(referenceLabel(r))}</a>`,
    ),
  ];
  const lead = evidence.level ? 'Evidence' : 'References';
  return sanitizeRendered(`<p class="${EVIDENCE_LINE_CLASS}">${lead}: ${parts.join(' · ')}</p>`);
}
