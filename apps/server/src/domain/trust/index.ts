/**
 * Trust on profiles and posts (issue 7, docs/rounds-api.md): competing-interest disclosures on the
 * profile (kept on the account row) and per post; peer correction notes that verified members write
 * and rate, shown when raters of two specialties agree (rule.ts); moderator labels. What a post
 * shows is kept in status_trust (marks.ts), which hydration reads as one detail kind, and rendered
 * as `rounds.*` and readable lines in the HTML (lines.ts).
 */
export {
  type CorrectionNoteInput,
  type CorrectionNoteView,
  deleteCorrectionNote,
  editCorrectionNote,
  listCorrectionNotes,
  rateCorrectionNote,
  unrateCorrectionNote,
  writeCorrectionNote,
} from './corrections.ts';
export {
  DISCLOSURE_KIND_LABELS,
  type DisclosuresInput,
  declareDisclosures,
  getDisclosures,
  type PostDisclosureInput,
  preparePostDisclosure,
  storePostDisclosure,
} from './disclosures.ts';
export { labelStatus, STATUS_LABEL_NAMES, unlabelStatus } from './labels.ts';
export { renderQuotedCorrectionLine, renderTrustLines } from './lines.ts';
export { decodeTrust, NO_TRUST, type StatusTrust } from './marks.ts';
export { notifyCorrectionShown } from './notify.ts';
export { MIN_HELPFUL_SPECIALTIES, tallyRatings } from './rule.ts';
export { fieldLabel, getStanding, isModerator, type Standing } from './standing.ts';
