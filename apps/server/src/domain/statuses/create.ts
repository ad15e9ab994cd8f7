import { and, eq, gt, lte } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { generateId } from '../../db/ids.ts';
import { idempotencyKeys, type QuotePolicy, statuses, type Visibility } from '../../db/schema/index.ts';
import { getAccount } from '../accounts/index.ts';
import { getPostingDefaults } from '../accounts/preferences.ts';
import { ValidationError } from '../errors.ts';
import { type EvidenceInput, insertStatusEvidence, prepareStatusEvidence } from '../evidence/store.ts';
import { attachMediaToStatus } from '../media/index.ts';
import { type PhiDecision, recordPhiAudit } from '../phi/gate.ts';
import { assertPollWithoutMedia, guardPollOptions, type PollInput, preparePoll } from '../polls/input.ts';
import { insertPoll } from '../polls/store.ts';
import {
  type PostDisclosureInput,
  preparePostDisclosure,
  storePostDisclosure,
} from '../trust/disclosures.ts';
import {
  assertStatusLength,
  cleanText,
  linkMentionsAndTags,
  normalizeLanguage,
  prepareContent,
} from './content.ts';
import {
  bumpAccountStatuses,
  bumpStatusCounter,
  countsAsReply,
  countsTowardsStatuses,
  findStatusRow,
  getVisibleProperRow,
  type StatusRecord,
} from './lookup.ts';
import { guardStatusText } from './phi.ts';
import { checkQuotable } from './quotes.ts';

export interface CreateStatusInput {
  text?: string | undefined;
  spoilerText?: string | undefined;
  sensitive?: boolean | undefined;
  visibility?: Visibility | undefined;
  language?: string | null | undefined;
  inReplyToId?: string | undefined;
  quotedStatusId?: string | undefined;
  quotePolicy?: QuotePolicy | undefined;
  /** Idempotency-Key header: the same key from the same account within 24 h returns the first status. */
  idempotencyKey?: string | undefined;
  /** Uploads to attach (at most 4, the uploader's own, not yet on another post), in display order. */
  mediaIds?: readonly string[] | undefined;
  /** A poll to attach (a post has media or a poll, not both). */
  poll?: PollInput | undefined;
  scheduledAt?: string | undefined;
  /** The author's answer when the PHI guard found identifiers (Rounds API). */
  phi?: PhiDecision | undefined;
  /** References attached explicitly and the evidence level (Rounds API); the text's are found anyway. */
  evidence?: EvidenceInput | undefined;
  /** The per-post disclosure flag (Rounds API; domain/trust). */
  disclosure?: PostDisclosureInput | undefined;
}

export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Thrown inside the transaction when another request stored the same Idempotency-Key first. */
class IdempotencyRace extends Error {}

/** `media_ids[]=` (an empty form value) means no media, as an absent list does. */
export function listedMediaIds(ids: readonly string[] | undefined): string[] {
  return (ids ?? []).filter((id) => id.trim() !== '');
}

/** createStatus publishes now; routes hand a post with `scheduled_at` to domain/scheduled instead. */
function rejectScheduled(input: CreateStatusInput): void {
  if (input.scheduledAt) {
    throw new ValidationError(
      'scheduled_at: this path publishes at once; schedule the post instead',
      'scheduled_at',
    );
  }
}

/**
 * The status an `Idempotency-Key` of this account already produced within the window, or null.
 * Objects published as several statuses (tweetorials) key on their first status.
 */
export async function findIdempotentStatusId(
  db: DbOrTx,
  accountId: string,
  key: string,
  now: Date,
): Promise<string | null> {
  const [hit] = await db
    .select({ statusId: idempotencyKeys.statusId })
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.accountId, accountId),
        eq(idempotencyKeys.key, key),
        gt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS)),
      ),
    );
  return hit?.statusId ?? null;
}

async function findIdempotent(
  db: DbOrTx,
  accountId: string,
  key: string,
  now: Date,
): Promise<StatusRecord | null> {
  const statusId = await findIdempotentStatusId(db, accountId, key, now);
  return statusId ? findStatusRow(db, statusId) : null;
}

/**
 * Publishes a status for `accountId`: validates text (≤ 5,000 characters as Mastodon counts; it
 * may be empty when media are attached), visibility and language; checks that the replied-to and
 * quoted statuses are visible to the author (404 otherwise) and that the quote policy allows the
 * quote; stores mentions and hashtags, attaches the uploads in `mediaIds` (a refusal there, 422
 * naming media_ids, stores nothing) and keeps statuses_count, last_status_at, replies_count and
 * quotes_count right, all in one transaction; emits StatusCreated (and StatusQuoted) after commit.
 * The same Idempotency-Key within 24 h returns the first status instead of posting twice.
 */
export async function createStatus(
  ctx: AppContext,
  accountId: string,
  input: CreateStatusInput,
): Promise<StatusRecord> {
  const now = ctx.clock.now();
  const key = input.idempotencyKey?.trim() || undefined;
  if (key && key.length > 255) throw new ValidationError('Idempotency-Key is too long', 'Idempotency-Key');
  if (key) {
    const earlier = await findIdempotent(ctx.db, accountId, key, now);
    if (earlier) return earlier;
  }
  rejectScheduled(input);
  const mediaIds = listedMediaIds(input.mediaIds);
  const poll = input.poll ? preparePoll(input.poll, now) : null;
  assertPollWithoutMedia(poll, mediaIds.length);

  // NOTE: the defaults of the account posting: a persona has its own (decision 0009).
  const defaults = await getPostingDefaults(ctx, accountId);
  const author = await getAccount(ctx.db, accountId);
  let spoilerText = cleanText(input.spoilerText);
  let text = cleanText(input.text);
  // As Mastodon: a content warning alone becomes the text.
  if (text === '' && spoilerText !== '') text = spoilerText;
  // As Mastodon: attached media are a post of their own; otherwise there must be text.
  if (text === '' && mediaIds.length === 0) throw new ValidationError("status: can't be blank", 'status');
  assertStatusLength(text, spoilerText);
  const language = normalizeLanguage(input.language ?? defaults.language);

  const parent = input.inReplyToId ? await getVisibleProperRow(ctx.db, accountId, input.inReplyToId) : null;
  let visibility: Visibility =
    input.visibility ?? (parent?.visibility === 'direct' ? 'direct' : undefined) ?? defaults.visibility;

  const quoted = input.quotedStatusId
    ? await getVisibleProperRow(ctx.db, accountId, input.quotedStatusId)
    : null;
  // NOTE: the PHI gate runs before anything is stored; a redaction replaces the text here.
  const guarded = guardStatusText('status', text, spoilerText, visibility, author, input.phi);
  text = guarded.text;
  spoilerText = guarded.spoilerText;
  const guardedPoll = poll ? guardPollOptions(poll, visibility, author, input.phi) : null;
  const evidence = prepareStatusEvidence(text, input.evidence, author);
  const disclosure = preparePostDisclosure(input.disclosure, author);
  const content = await prepareContent(ctx.db, ctx.config, text);
  if (quoted) {
    await checkQuotable(ctx.db, accountId, quoted);
    // Quoting a followers-only post keeps the quote among followers too.
    if (quoted.visibility === 'private' && (visibility === 'public' || visibility === 'unlisted')) {
      visibility = 'private';
    }
    if (
      visibility === 'direct' &&
      quoted.accountId !== accountId &&
      !content.mentioned.some((a) => a.id === quoted.accountId)
    ) {
      throw new ValidationError(
        'quoted_status_id: a private mention that quotes a post must mention its author',
        'quoted_status_id',
      );
    }
  }
  const quotePolicy: QuotePolicy =
    visibility === 'private' || visibility === 'direct'
      ? 'nobody'
      : (input.quotePolicy ?? author.defaultQuotePolicy);

  const row: StatusRecord = {
    id: generateId(),
    uri: null,
    accountId,
    text,
    contentHtml: content.contentHtml,
    spoilerText,
    sensitive: (input.sensitive ?? defaults.sensitive) || spoilerText !== '',
    visibility,
    language,
    inReplyToId: parent?.id ?? null,
    inReplyToAccountId: parent?.accountId ?? null,
    reblogOfId: null,
    quoteOfId: quoted?.id ?? null,
    quotePolicy,
    repliesCount: 0,
    reblogsCount: 0,
    favouritesCount: 0,
    quotesCount: 0,
    createdAt: now,
    editedAt: null,
  };

  try {
    await ctx.db.transaction(async (tx) => {
      await tx.insert(statuses).values(row);
      await linkMentionsAndTags(tx, row.id, content, now);
      await insertStatusEvidence(tx, row.id, evidence);
      await storePostDisclosure(tx, row.id, disclosure, now);
      if (mediaIds.length > 0) await attachMediaToStatus(tx, accountId, row.id, mediaIds, [], now);
      if (guarded.audit) await recordPhiAudit(tx, guarded.audit, accountId, row.id, now);
      if (guardedPoll) await insertPoll(tx, row.id, accountId, guardedPoll.poll, now);
      if (guardedPoll?.audit) await recordPhiAudit(tx, guardedPoll.audit, accountId, row.id, now);
      if (countsTowardsStatuses(row)) await bumpAccountStatuses(tx, accountId, 1, now);
      if (parent && countsAsReply(row)) await bumpStatusCounter(tx, parent.id, 'repliesCount', 1);
      if (quoted) await bumpStatusCounter(tx, quoted.id, 'quotesCount', 1);
      if (key) {
        const cutoff = new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS);
        await tx
          .delete(idempotencyKeys)
          .where(
            and(
              eq(idempotencyKeys.accountId, accountId),
              eq(idempotencyKeys.key, key),
              lte(idempotencyKeys.createdAt, cutoff),
            ),
          );
        const stored = await tx
          .insert(idempotencyKeys)
          .values({ accountId, key, statusId: row.id, createdAt: now })
          .onConflictDoNothing()
          .returning({ statusId: idempotencyKeys.statusId });
        if (stored.length === 0) throw new IdempotencyRace();
      }
    });
  } catch (error) {
    if (error instanceof IdempotencyRace && key) {
      const earlier = await findIdempotent(ctx.db, accountId, key, now);
      if (earlier) return earlier;
    }
    throw error;
  }

  ctx.events.emit('StatusCreated', { statusId: row.id, accountId });
  if (quoted) ctx.events.emit('StatusQuoted', { statusId: quoted.id, quoteId: row.id, accountId });
  return row;
}
