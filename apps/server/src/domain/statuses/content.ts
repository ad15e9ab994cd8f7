import { isStatusLanguage } from '@rounds/contract';
import { eq, inArray } from 'drizzle-orm';
import type { Config } from '../../config/index.ts';
import type { DbOrTx } from '../../db/client.ts';
import { generateId } from '../../db/ids.ts';
import { type AccountRow, mentions, statusTags, tags } from '../../db/schema/index.ts';
import { findLocalAccountsByUsernames } from '../accounts/index.ts';
import { ValidationError } from '../errors.ts';
import { isValidTagName, normalizeTag, tokenize } from '../text/parse.ts';
import { mentionKey, type ResolvedMention, renderContent } from '../text/render.ts';

export const MAX_STATUS_CHARS = 5000;
/** Every link counts as this many characters, whatever its length (as Mastodon counts). */
export const URL_PLACEHOLDER_LENGTH = 23;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function graphemeCount(text: string): number {
  let n = 0;
  for (const _ of graphemes.segment(text)) n++;
  return n;
}

/**
 * The length Mastodon checks against the limit: content warning plus text, in user-perceived
 * characters, with each link counted as 23 and a remote mention counted without its domain.
 */
export function countStatusLength(text: string, spoilerText = ''): number {
  let counted = '';
  let at = 0;
  for (const token of tokenize(text)) {
    counted += text.slice(at, token.start);
    if (token.kind === 'link') counted += 'x'.repeat(URL_PLACEHOLDER_LENGTH);
    else if (token.kind === 'mention') counted += `@${token.username}`;
    else counted += text.slice(token.start, token.end);
    at = token.end;
  }
  counted += text.slice(at);
  return graphemeCount(spoilerText) + graphemeCount(counted);
}

/** Checks the length limit; the error names the `status` field. */
export function assertStatusLength(text: string, spoilerText: string): void {
  const length = countStatusLength(text, spoilerText);
  if (length > MAX_STATUS_CHARS) {
    throw new ValidationError(
      `status: the text is too long (${length} characters; at most ${MAX_STATUS_CHARS}, links count as ${URL_PLACEHOLDER_LENGTH})`,
      'status',
    );
  }
}

/**
 * Source text as stored: line endings normalised, surrounding space trimmed, NUL characters
 * (which PostgreSQL text cannot hold) removed.
 */
export function cleanText(text: string | undefined): string {
  return (text ?? '').replaceAll('\u0000', '').replace(/\r\n?/g, '\n').trim();
}

/** Lower-cased ISO 639 code, or a 422 naming `language`. */
export function normalizeLanguage(language: string | null | undefined): string | null {
  if (language === undefined || language === null || language.trim() === '') return null;
  if (!isStatusLanguage(language.trim())) {
    throw new ValidationError('language: must be an ISO 639-1 language code such as "en"', 'language');
  }
  return language.trim().toLowerCase();
}

export interface PreparedContent {
  text: string;
  contentHtml: string;
  /** Local accounts mentioned, once each. Unknown mentions stay plain text. */
  mentioned: AccountRow[];
  /** Hashtags used, once each by normalised name; `display` keeps the first spelling. */
  tags: Array<{ name: string; display: string }>;
}

/** Parses mentions and hashtags, resolves mentions against local accounts and renders the HTML. */
export async function prepareContent(db: DbOrTx, config: Config, text: string): Promise<PreparedContent> {
  const tokens = tokenize(text);
  const localDomain = config.domain.toLowerCase();
  const usernames = tokens.flatMap((t) =>
    t.kind === 'mention' && (t.domain === null || t.domain === localDomain) ? [t.username] : [],
  );
  const found = await findLocalAccountsByUsernames(db, usernames);
  const byName = new Map(found.map((a) => [a.username.toLowerCase(), a]));
  const resolved = new Map<string, ResolvedMention>();
  const mentioned = new Map<string, AccountRow>();
  for (const t of tokens) {
    if (t.kind !== 'mention') continue;
    if (t.domain !== null && t.domain !== localDomain) continue;
    const account = byName.get(t.username.toLowerCase());
    if (!account) continue;
    const value = {
      username: account.username,
      acct: account.username,
      url: `${config.publicUrl}/@${account.username}`,
    };
    resolved.set(mentionKey(t.username, t.domain), value);
    mentioned.set(account.id, account);
  }
  const tagsByName = new Map<string, { name: string; display: string }>();
  for (const t of tokens) {
    if (t.kind !== 'tag' || !isValidTagName(t.name)) continue;
    const name = normalizeTag(t.name);
    if (!tagsByName.has(name)) tagsByName.set(name, { name, display: t.name });
  }
  return {
    text,
    contentHtml: renderContent(text, { publicUrl: config.publicUrl, mentions: resolved }),
    mentioned: [...mentioned.values()],
    tags: [...tagsByName.values()],
  };
}

/** Upserts hashtags by normalised name and returns their ids. */
export async function upsertTags(
  tx: DbOrTx,
  list: ReadonlyArray<{ name: string; display: string }>,
  now: Date,
): Promise<string[]> {
  if (list.length === 0) return [];
  await tx
    .insert(tags)
    .values(list.map((t) => ({ id: generateId(), name: t.name, display: t.display, createdAt: now })))
    .onConflictDoNothing({ target: tags.name });
  const rows = await tx
    .select({ id: tags.id })
    .from(tags)
    .where(
      inArray(
        tags.name,
        list.map((t) => t.name),
      ),
    );
  return rows.map((r) => r.id);
}

/** Replaces a status' mention and hashtag links with those of `content` (create and edit). */
export async function linkMentionsAndTags(
  tx: DbOrTx,
  statusId: string,
  content: PreparedContent,
  now: Date,
): Promise<void> {
  await tx.delete(mentions).where(eq(mentions.statusId, statusId));
  await tx.delete(statusTags).where(eq(statusTags.statusId, statusId));
  if (content.mentioned.length) {
    await tx
      .insert(mentions)
      .values(content.mentioned.map((a) => ({ statusId, accountId: a.id })))
      .onConflictDoNothing();
  }
  const tagIds = await upsertTags(tx, content.tags, now);
  if (tagIds.length) {
    await tx
      .insert(statusTags)
      .values(tagIds.map((tagId) => ({ statusId, tagId })))
      .onConflictDoNothing();
  }
}
