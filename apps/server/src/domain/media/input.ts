import type { DbOrTx } from '../../db/client.ts';
import { getAccount } from '../accounts/index.ts';
import { ValidationError } from '../errors.ts';
import { guardText, type PendingPhiAudit, type PhiDecision } from '../phi/gate.ts';
import { MAX_DESCRIPTION_LENGTH } from './limits.ts';

/**
 * Alt text: at most 1,500 characters (counted as people count them, not UTF-16 units); blank
 * means none. Control characters other than line breaks and tabs are dropped.
 */
export function normalizeDescription(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const text = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  if (text === '') return null;
  const length = [...text].length;
  if (length > MAX_DESCRIPTION_LENGTH) {
    throw new ValidationError(
      `description: the description is ${length} characters; it can be at most ${MAX_DESCRIPTION_LENGTH}`,
      'description',
    );
  }
  return text;
}

/**
 * Focal point "x,y", each from -1.0 (left/bottom) to 1.0 (right/top), as Mastodon's clients send
 * it; an empty value means the centre.
 */
export function parseFocus(value: string | null | undefined): { x: number; y: number } {
  if (value === undefined || value === null || value.trim() === '') return { x: 0, y: 0 };
  const parts = value.split(',').map((p) => p.trim());
  const [x, y] = parts.map(Number);
  const inRange = (n: number | undefined): n is number =>
    n !== undefined && Number.isFinite(n) && n >= -1 && n <= 1;
  if (parts.length !== 2 || parts.some((p) => p === '') || !inRange(x) || !inRange(y)) {
    throw new ValidationError(
      `focus: give the focal point as "x,y" with both numbers between -1.0 and 1.0 (for example "0.2,-0.5"); got ${JSON.stringify(value.slice(0, 40))}`,
      'focus',
    );
  }
  return { x, y };
}

/**
 * Alt text through the PHI gate (surface `media_description`). An upload's audience is not known
 * until it is posted, so it counts as public: identifiers are refused (422 with the spans and a
 * suggested redaction) unless the author chose to redact; the author's own name is not reported.
 */
export async function guardDescription(
  db: DbOrTx,
  accountId: string,
  description: string | null,
  decision: PhiDecision | undefined,
): Promise<{ description: string | null; audit: PendingPhiAudit | null }> {
  if (description === null) return { description, audit: null };
  const author = await getAccount(db, accountId);
  const guarded = guardText('media_description', { description }, decision, {
    closedAudience: false,
    ownNames: [author.displayName, author.username],
  });
  return { description: guarded.fields.description, audit: guarded.audit };
}
