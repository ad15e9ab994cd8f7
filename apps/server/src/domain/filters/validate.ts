import { FILTER_CONTEXTS, type FilterContext } from '../../db/schema/index.ts';
import { ValidationError } from '../errors.ts';
import { guardText } from '../phi/gate.ts';

/** As Mastodon: titles up to 256 characters, keywords up to 512. */
export const FILTER_TITLE_LIMIT = 256;
export const FILTER_KEYWORD_LIMIT = 512;
/** Caps that keep one account's filters cheap to match on every read and stream event. */
export const FILTERS_PER_ACCOUNT = 100;
export const FILTER_KEYWORDS_PER_FILTER = 100;
/** `expires_in` beyond ten years is almost certainly a unit mistake (milliseconds for seconds). */
export const FILTER_MAX_EXPIRES_IN = 10 * 365 * 24 * 3600;

/**
 * Filter text through the PHI gate like every stored text, although only its owner ever sees it:
 * a filter for "Mrs Jones" is as identifying as a post about her.
 * NOTE: the gate has no 'filter' surface; the surface only labels audit entries, and with no
 * decision nothing is audited (identifiers are refused with a 422).
 */
function guardFilterText(field: string, text: string): void {
  guardText('profile', { [field]: text }, undefined, { closedAudience: true });
}

/** A filter title: not blank, not too long, no patient identifiers. */
export function checkTitle(title: string | undefined, field = 'title'): string {
  const trimmed = (title ?? '').trim();
  if (trimmed === '') throw new ValidationError(`${field}: can't be blank`, field);
  if (trimmed.length > FILTER_TITLE_LIMIT) {
    throw new ValidationError(`${field}: is too long (at most ${FILTER_TITLE_LIMIT} characters)`, field);
  }
  guardFilterText(field, trimmed);
  return trimmed;
}

/** At least one context, each once, in the canonical order. */
export function checkContext(context: readonly FilterContext[] | undefined): FilterContext[] {
  const wanted = new Set(context ?? []);
  if (wanted.size === 0) {
    throw new ValidationError(`context: choose at least one of ${FILTER_CONTEXTS.join(', ')}`, 'context');
  }
  return FILTER_CONTEXTS.filter((c) => wanted.has(c));
}

/**
 * A keyword as typed (surrounding spaces are kept: people use them to match word starts), but
 * never blank or too long, and without patient identifiers.
 */
export function checkKeyword(keyword: string | undefined, field = 'keyword'): string {
  const text = keyword ?? '';
  if (text.trim() === '') throw new ValidationError(`${field}: can't be blank`, field);
  if (text.length > FILTER_KEYWORD_LIMIT) {
    throw new ValidationError(`${field}: is too long (at most ${FILTER_KEYWORD_LIMIT} characters)`, field);
  }
  guardFilterText(field, text);
  return text;
}

/** When a filter given `expires_in` seconds from `now` stops applying; null: never. */
export function expiryFrom(now: Date, expiresIn: number | null): Date | null {
  if (expiresIn === null) return null;
  if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > FILTER_MAX_EXPIRES_IN) {
    throw new ValidationError(
      `expires_in: must be a whole number of seconds from 1 to ${FILTER_MAX_EXPIRES_IN}, or empty for never`,
      'expires_in',
    );
  }
  return new Date(now.getTime() + expiresIn * 1000);
}
