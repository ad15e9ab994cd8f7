import type { AccountRow, Visibility } from '../../db/schema/index.ts';
import { ValidationError } from '../errors.ts';
import { guardText, type PendingPhiAudit, type PhiDecision } from '../phi/gate.ts';
import { POLL_LIMITS } from './limits.ts';

/**
 * A poll as status creation and editing take it (Mastodon's `poll[...]` parameters). Plain data,
 * so a scheduled status can store it and post it later through the same rules.
 */
export interface PollInput {
  options: readonly string[];
  /** Seconds from the moment the status is posted (or edited) until the poll ends. */
  expiresIn: number;
  multiple?: boolean | undefined;
  hideTotals?: boolean | undefined;
}

/** A checked poll, ready to store. */
export interface PreparedPoll {
  options: string[];
  multiple: boolean;
  hideTotals: boolean;
  expiresAt: Date;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function graphemeCount(text: string): number {
  let n = 0;
  for (const _ of graphemes.segment(text)) n++;
  return n;
}

/** As Mastodon: options are trimmed and blank ones dropped (forms often send an empty last field). */
function normalizeOptions(options: readonly string[]): string[] {
  return options.map((o) => o.replaceAll('\u0000', '').trim()).filter((o) => o !== '');
}

function assertOptions(options: readonly string[]): void {
  const { maxOptions, maxCharactersPerOption } = POLL_LIMITS;
  const field = 'poll.options';
  if (options.length < 2) {
    throw new ValidationError(`${field}: a poll needs at least 2 options that are not blank`, field);
  }
  if (options.length > maxOptions) {
    throw new ValidationError(
      `${field}: a poll can have at most ${maxOptions} options (${options.length} given)`,
      field,
    );
  }
  const long = options.find((o) => graphemeCount(o) > maxCharactersPerOption);
  if (long !== undefined) {
    throw new ValidationError(
      `${field}: each option can be at most ${maxCharactersPerOption} characters ("${long.slice(0, 20)}…" has ${graphemeCount(long)})`,
      field,
    );
  }
  const seen = new Set<string>();
  for (const o of options) {
    if (seen.has(o))
      throw new ValidationError(`${field}: the options must differ ("${o}" appears twice)`, field);
    seen.add(o);
  }
}

function assertExpiresIn(seconds: number): void {
  const { minExpiration, maxExpiration } = POLL_LIMITS;
  const field = 'poll.expires_in';
  if (!Number.isInteger(seconds) || seconds < minExpiration) {
    throw new ValidationError(
      `${field}: a poll must run for at least ${minExpiration} seconds (${minExpiration / 60} minutes)`,
      field,
    );
  }
  if (seconds > maxExpiration) {
    throw new ValidationError(
      `${field}: a poll can run for at most ${maxExpiration} seconds (about a month)`,
      field,
    );
  }
}

/**
 * Checks a poll against the server's limits (2 to 4 distinct options of 1 to 50 characters after
 * trimming, 5 minutes to a month) and fixes its end time from `now`. 422 naming the field otherwise.
 */
export function preparePoll(input: PollInput, now: Date): PreparedPoll {
  const options = normalizeOptions(input.options);
  assertOptions(options);
  assertExpiresIn(input.expiresIn);
  return {
    options,
    multiple: input.multiple ?? false,
    hideTotals: input.hideTotals ?? false,
    expiresAt: new Date(now.getTime() + input.expiresIn * 1000),
  };
}

/** A post's media and its poll are exclusive, as in Mastodon. */
export function assertPollWithoutMedia(poll: unknown, mediaCount: number): void {
  if (poll && mediaCount > 0) {
    throw new ValidationError('media_ids: a post can have media or a poll, not both', 'media_ids');
  }
}

/**
 * The PHI gate for poll options, with the same rules as the status they belong to: followers-only
 * and direct posts are a closed audience, the author's own names are not identifiers. A redaction
 * is checked against the limits again (two options could redact to the same text).
 */
export function guardPollOptions(
  poll: PreparedPoll,
  visibility: Visibility,
  author: Pick<AccountRow, 'displayName' | 'username'>,
  decision: PhiDecision | undefined,
): { poll: PreparedPoll; audit: PendingPhiAudit | null } {
  const fields = Object.fromEntries(poll.options.map((o, i) => [`poll.options.${i}`, o]));
  const guarded = guardText('poll_option', fields, decision, {
    closedAudience: visibility === 'private' || visibility === 'direct',
    ownNames: [author.displayName, author.username],
  });
  if (!guarded.audit) return { poll, audit: null };
  const options = poll.options.map((o, i) => guarded.fields[`poll.options.${i}`] ?? o);
  assertOptions(options);
  return { poll: { ...poll, options }, audit: guarded.audit };
}
