import type { VerifiedCredentialBadge } from '../../db/schema/index.ts';
import { describeCredential } from '../../domain/credentials/vocabulary.ts';

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}

/** The account's verified credentials as the Account entity's `rounds.credentials`. */
/** `badges` may be missing from an account row serialised by an older process (streams). */
export function renderCredentialBadges(badges: readonly VerifiedCredentialBadge[] | undefined) {
  return (badges ?? []).map((b) => ({
    profession: b.profession,
    specialty: b.specialty,
    training_year: b.trainingYear,
    school: b.school,
    jurisdiction: b.jurisdiction,
    description: describeCredential(b),
    verified_by: b.verifiedBy,
    verified_at: b.verifiedAt,
    valid_until: b.validUntil,
  }));
}

/**
 * Each verified credential as a profile field ("Verified" → "Emergency medicine physician — by
 * General Medical Council until 2027-06-30") with `verified_at` set, so any Mastodon app shows it
 * with its verified mark. Members' own fields never carry `verified_at`.
 */
export function verifiedCredentialFields(badges: readonly VerifiedCredentialBadge[] | undefined) {
  return (badges ?? []).map((b) => ({
    name: 'Verified',
    value: escapeHtml(`${describeCredential(b)} — by ${b.verifiedBy} until ${b.validUntil.slice(0, 10)}`),
    verified_at: b.verifiedAt,
  }));
}
