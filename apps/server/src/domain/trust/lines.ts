import type { ShownCorrectionMark } from '../../db/schema/index.ts';
import { referenceLabel, referenceUrl } from '../evidence/index.ts';
import { escapeHtml } from '../text/render.ts';
import { STATUS_LABEL_NAMES } from './labels.ts';
import type { StatusTrust } from './marks.ts';
import { fieldLabel } from './standing.ts';

/** The classes of the trust paragraphs, so a client that shows `rounds` itself can hide them. */
export const DISCLOSURE_LINE_CLASS = 'rounds-disclosure';
export const LABELS_LINE_CLASS = 'rounds-labels';
export const CORRECTION_LINE_CLASS = 'rounds-correction';

// NOTE: these paragraphs are built only from escaped text and from links that domain/evidence
// normalised to http(s) URLs, so they need no pass through sanitize-html (whose class list is the
// text domain's); every dynamic part goes through escapeHtml.

function link(href: string, text: string): string {
  return `<a href="${escapeHtml(href)}" target="_blank" rel="nofollow noopener noreferrer" translate="no">${escapeHtml(text)}</a>`;
}

function escapeLines(text: string): string {
  return escapeHtml(text).replace(/\r\n?|\n/g, '<br>');
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "Correction note: … Sources: doi:… · PMID … (rated helpful by verified members in A and B)". */
function correctionBody(c: ShownCorrectionMark): string {
  const sources = c.sources.map((s) => link(referenceUrl(s), referenceLabel(s))).join(' · ');
  const who = list(c.specialties.map(fieldLabel));
  return `${escapeLines(c.text)} — Sources: ${sources} (rated helpful by verified members in ${escapeHtml(who)})`;
}

/**
 * The readable trust lines other apps show, as HTML paragraphs appended to a post's content after
 * the evidence line: the author's disclosure, the moderator labels, the correction note shown.
 * Empty when there is nothing to say.
 */
export function renderTrustLines(trust: StatusTrust): string {
  let html = '';
  if (trust.disclosure) {
    const what = trust.disclosure.text
      ? `: ${escapeLines(trust.disclosure.text)}`
      : ' (see the competing interests on their profile)';
    html += `<p class="${DISCLOSURE_LINE_CLASS}">Disclosure: the author declares a competing interest related to this post${what}</p>`;
  }
  if (trust.labels.length > 0) {
    const names = trust.labels.map((l) => escapeHtml(STATUS_LABEL_NAMES[l.label] ?? l.label));
    const lead = names.length === 1 ? 'Moderator label' : 'Moderator labels';
    html += `<p class="${LABELS_LINE_CLASS}">${lead}: ${names.join(' · ')}</p>`;
  }
  if (trust.correction) {
    html += `<p class="${CORRECTION_LINE_CLASS}">Correction note: ${correctionBody(trust.correction)}</p>`;
  }
  return html;
}

/**
 * For a post that quotes a post with a correction note shown: the note as a `quote-inline`
 * paragraph, which apps that show quotes hide (they show the quoted post, with its own line) and
 * older apps, which show only "RE: <link>", display.
 */
export function renderQuotedCorrectionLine(quoted: StatusTrust | undefined): string {
  if (!quoted?.correction) return '';
  return `<p class="quote-inline ${CORRECTION_LINE_CLASS}">Correction note on the quoted post: ${correctionBody(quoted.correction)}</p>`;
}
