import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { followedTags, type TagRow, tags } from '../../db/schema/index.ts';
import { normalizeTag } from '../text/parse.ts';
import { escapeLike } from './query.ts';

export interface HashtagSearchInput {
  /** `pocus`, `#POC`, ... : the start of a hashtag name. */
  text: string;
  limit: number;
  offset: number;
}

/**
 * Hashtag autocomplete: tags whose name starts with the query (case- and width-insensitive, as
 * tags are stored normalised), shortest first so the exact tag leads, then by code point (the
 * same order whatever the database collation) — as Mastodon orders them. Uses `tags_name_prefix_idx`. A query that cannot be a hashtag name
 * (spaces, punctuation) finds none.
 */
export async function searchHashtags(db: DbOrTx, input: HashtagSearchInput): Promise<TagRow[]> {
  if (input.limit <= 0) return [];
  const name = normalizeTag(input.text.trim().replace(/^#/, ''));
  // A prefix of a valid name may itself be all digits ("19" of "19yo"), so only the alphabet is checked.
  if (!/^[\p{L}\p{N}_]{1,100}$/u.test(name)) return [];
  return db
    .select()
    .from(tags)
    .where(sql`${tags.name} like ${`${escapeLike(name)}%`}`)
    .orderBy(sql`length(${tags.name})`, sql`${tags.name} collate "C"`)
    .limit(input.limit)
    .offset(input.offset);
}

/** Which of these tags the viewer follows (one query). */
export async function findFollowedTagIds(
  db: DbOrTx,
  viewerId: string,
  tagIds: readonly string[],
): Promise<Set<string>> {
  if (tagIds.length === 0) return new Set();
  const rows = await db
    .select({ id: followedTags.tagId })
    .from(followedTags)
    .where(and(eq(followedTags.accountId, viewerId), inArray(followedTags.tagId, [...tagIds])));
  return new Set(rows.map((r) => r.id));
}
