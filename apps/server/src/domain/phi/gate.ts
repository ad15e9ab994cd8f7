import type { DbOrTx } from '../../db/client.ts';
import { generateId } from '../../db/ids.ts';
import { phiAuditLog } from '../../db/schema/index.ts';
import { AppError, ValidationError } from '../errors.ts';
import { describeSpans, detectPhi, type PhiSpan, type PhiType, redactPhi } from './index.ts';

/** Where a piece of text is going; recorded in the audit log. */
export type PhiSurface =
  | 'status'
  | 'status_edit'
  | 'spoiler_text'
  | 'profile'
  | 'profile_field'
  | 'media_description'
  | 'poll_option'
  | 'direct_message'
  | 'credential'
  | 'learning_record';

/** What the author chose after seeing the spans: accept the redaction, or override with a reason. */
export type PhiDecision =
  | { action: 'redact' }
  | { action: 'override'; reason: string; consentAttested: boolean };

/** Facts about the space that decide whether an override is allowed there. */
export interface PhiSpace {
  /** The audience: an override needs a closed one (followers-only, direct) ... */
  closedAudience: boolean;
  /** ... unless the author is a verified professional (credentials arrive with the trust issue). */
  verifiedProfessional?: boolean;
  /**
   * The author's own names (display name, username): a person naming themselves is not a patient
   * identifier, so NAME spans made only of these words are not reported.
   */
  ownNames?: readonly string[];
  /**
   * Types the fields hold by design, not reported: a credential's jurisdiction or issuing body names
   * a place ("Ontario", "General Medical Council") that describes the member, not a patient.
   */
  expectedTypes?: readonly PhiType[];
}

function isOwnName(span: PhiSpan, ownNames: readonly string[] | undefined): boolean {
  if (span.type !== 'NAME' || !ownNames?.length) return false;
  const own = new Set(ownNames.flatMap((n) => n.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter(Boolean));
  const words = span.text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return words.length > 0 && words.every((w) => own.has(w) || /^(dr|mr|mrs|ms|prof)$/.test(w));
}

export interface PhiFieldSpan extends PhiSpan {
  field: string;
}

/** The 422 a Mastodon app shows as "Possible patient identifiers: name 'X', MRN 'Y'". */
export class PhiDetectedError extends AppError {
  constructor(
    readonly spans: PhiFieldSpan[],
    readonly redacted: Record<string, string>,
    hint: string,
  ) {
    super('phi_detected', `${describeSpans(spans)}. ${hint}`, {
      spans: spans.map((s) => ({ field: s.field, type: s.type, text: s.text, start: s.start, end: s.end })),
      redacted,
    });
  }
}

/** An audit entry to write, in the same transaction, once the target has an id. */
export interface PendingPhiAudit {
  action: 'redacted' | 'overridden';
  surface: PhiSurface;
  typeCounts: Partial<Record<PhiType, number>>;
  spanCount: number;
  reason: string | null;
}

export interface GuardedText<F extends string> {
  fields: Record<F, string>;
  audit: PendingPhiAudit | null;
}

const MIN_REASON = 10;

/**
 * The one gate every write path calls before storing user text. No PHI: the text passes as is.
 * PHI and no decision: PhiDetectedError listing each span with a suggested redaction; nothing is
 * stored. `redact`: the redacted text is returned for storing and an audit entry is pending.
 * `override`: allowed only with attested consent, a reason, and a closed audience or a verified
 * author; the text passes unchanged and an audit entry (types and counts, never the text) is pending.
 */
export function guardText<F extends string>(
  surface: PhiSurface,
  fields: Record<F, string>,
  decision: PhiDecision | undefined,
  space: PhiSpace,
): GuardedText<F> {
  const spans: PhiFieldSpan[] = [];
  for (const [field, text] of Object.entries(fields) as Array<[F, string]>) {
    for (const s of detectPhi(text)) {
      if (!isOwnName(s, space.ownNames) && !space.expectedTypes?.includes(s.type))
        spans.push({ ...s, field });
    }
  }
  if (spans.length === 0) return { fields, audit: null };

  const redacted = Object.fromEntries(
    (Object.entries(fields) as Array<[F, string]>).map(([field, text]) => [
      field,
      redactPhi(
        text,
        spans.filter((s) => s.field === field),
      ),
    ]),
  ) as Record<F, string>;
  const typeCounts: Partial<Record<PhiType, number>> = {};
  for (const s of spans) typeCounts[s.type] = (typeCounts[s.type] ?? 0) + 1;

  if (!decision) {
    throw new PhiDetectedError(spans, redacted, 'Remove them, or accept the suggested redaction.');
  }
  if (decision.action === 'redact') {
    return {
      fields: redacted,
      audit: { action: 'redacted', surface, typeCounts, spanCount: spans.length, reason: null },
    };
  }
  if (!decision.consentAttested) {
    throw new ValidationError(
      'consent_attested: an override needs the patient’s consent (or no identifiable features) attested',
      'consent_attested',
    );
  }
  const reason = decision.reason.trim();
  if (reason.length < MIN_REASON) {
    throw new ValidationError(
      `phi_override_reason: say why this must be posted as written (at least ${MIN_REASON} characters)`,
      'phi_override_reason',
    );
  }
  if (detectPhi(reason).length > 0) {
    throw new ValidationError(
      'phi_override_reason: the reason itself contains a patient identifier; describe it without one',
      'phi_override_reason',
    );
  }
  if (!space.closedAudience && !space.verifiedProfessional) {
    throw new PhiDetectedError(
      spans,
      redacted,
      'Overrides are allowed only in a closed space (followers-only or direct) or for a verified professional; accept the redaction instead.',
    );
  }
  return { fields, audit: { action: 'overridden', surface, typeCounts, spanCount: spans.length, reason } };
}

/** Writes a pending audit entry: who, when, where, which types and how many. Append-only. */
export async function recordPhiAudit(
  db: DbOrTx,
  entry: PendingPhiAudit,
  accountId: string,
  targetId: string | null,
  now: Date,
): Promise<void> {
  await db.insert(phiAuditLog).values({
    id: generateId(),
    accountId,
    action: entry.action,
    surface: entry.surface,
    targetId,
    typeCounts: entry.typeCounts as Record<string, number>,
    spanCount: entry.spanCount,
    reason: entry.reason,
    createdAt: now,
  });
}

/**
 * The gate for text that is never posted with an identifier (tweetorials, cases, quizzes, sources
 * and references: teaching material and links): no redaction, no override. Any identifier refuses
 * the whole request (422 `phi_detected`, each span naming its field) with `hint(where)` as the
 * advice, `where` listing the fields it was found in. The author's own names are not identifiers.
 */
export function refuseIdentifiers(
  fields: Record<string, string>,
  author: { displayName: string; username: string },
  hint: (where: string) => string,
): void {
  try {
    // NOTE: the surface only labels audit entries, and with no decision the gate writes none.
    guardText('status', fields, undefined, {
      closedAudience: false,
      ownNames: [author.displayName, author.username],
    });
  } catch (error) {
    if (!(error instanceof PhiDetectedError)) throw error;
    const where = [...new Set(error.spans.map((s) => s.field))].join(', ');
    throw new PhiDetectedError(error.spans, error.redacted, hint(where));
  }
}
