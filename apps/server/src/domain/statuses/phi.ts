import type { AccountRow, Visibility } from '../../db/schema/index.ts';
import { guardText, type PendingPhiAudit, type PhiDecision, type PhiSurface } from '../phi/gate.ts';

/**
 * The PHI gate for a status's text and content warning. Followers-only and direct posts count as a
 * closed audience (where an override with attested consent is allowed); the author's own name is
 * not a patient identifier. Throws PhiDetectedError when identifiers are found and no decision was
 * made, so nothing is stored.
 */
export function guardStatusText(
  surface: Extract<PhiSurface, 'status' | 'status_edit' | 'direct_message'>,
  text: string,
  spoilerText: string,
  visibility: Visibility,
  author: Pick<AccountRow, 'displayName' | 'username'>,
  decision: PhiDecision | undefined,
): { text: string; spoilerText: string; audit: PendingPhiAudit | null } {
  const guarded = guardText(
    visibility === 'direct' && surface === 'status' ? 'direct_message' : surface,
    { status: text, spoiler_text: spoilerText },
    decision,
    {
      closedAudience: visibility === 'private' || visibility === 'direct',
      ownNames: [author.displayName, author.username],
    },
  );
  return { text: guarded.fields.status, spoilerText: guarded.fields.spoiler_text, audit: guarded.audit };
}
