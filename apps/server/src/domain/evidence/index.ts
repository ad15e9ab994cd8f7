/**
 * Evidence on posts (issue 6): references (DOI, PubMed id, URL) recognised in a post's text or
 * attached through the Rounds API, normalised so every spelling of a paper is one key; the
 * author's evidence level; the readable evidence line; and the paper page with its altmetrics.
 */
export { EVIDENCE_LEVEL_LABELS, EVIDENCE_LINE_CLASS, renderEvidenceLine } from './line.ts';
export {
  findReferencesInText,
  normalizeDoi,
  normalizePmid,
  normalizeUrl,
  type Reference,
  recognizeReference,
  referenceLabel,
  referenceUrl,
} from './normalize.ts';
export {
  type CitationPeriod,
  listPaperCitations,
  PAPER_HISTORY_DAYS,
  PAPER_HISTORY_WEEKS,
  type PaperCitations,
  parsePaperDoi,
} from './papers.ts';
export {
  applyEvidenceEdit,
  type EvidenceEdit,
  type EvidenceInput,
  insertStatusEvidence,
  MAX_REFERENCES_PER_STATUS,
  NO_EVIDENCE,
  parseReferenceParam,
  planEvidenceEdit,
  prepareStatusEvidence,
  type ReferenceParam,
  type StatusEvidence,
  type StoredReference,
} from './store.ts';
