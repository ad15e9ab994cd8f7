import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { generateId } from '../../db/ids.ts';
import { followedTags, type TagRow, tags } from '../../db/schema/index.ts';
import { ValidationError } from '../errors.ts';
import { orderPage, type Page, pageWindow } from '../pagination.ts';
import { upsertTags } from '../statuses/content.ts';
import { isValidTagName, normalizeTag } from '../text/parse.ts';

/** A tag as the API shows it; `id` is '' for a name no status has used and nobody follows yet. */
export type TagRef = Pick<TagRow, 'id' | 'name' | 'display'>;

/** Checks a hashtag name from a request (a leading # is tolerated) and returns it without #. */
export function parseTagName(raw: string, field = 'name'): string {
  const name = raw.replace(/^#/, '');
  if (!isValidTagName(name)) {
    throw new ValidationError(`${field}: must be a hashtag name (letters, digits and underscores)`, field);
  }
  return name;
}

/** The stored tag for `name`, or an unsaved one (id '') as Mastodon shows unknown tags. */
export async function findTagRef(db: DbOrTx, name: string): Promise<TagRef> {
  const normalized = normalizeTag(name);
  const [row] = await db
    .select({ id: tags.id, name: tags.name, display: tags.display })
    .from(tags)
    .where(eq(tags.name, normalized));
  return row ?? { id: '', name: normalized, display: name };
}

/** Whether `accountId` follows the tag with `tagId`. */
export async function isFollowingTag(db: DbOrTx, accountId: string, tagId: string): Promise<boolean> {
  if (tagId === '') return false;
  const [row] = await db
    .select({ id: followedTags.id })
    .from(followedTags)
    .where(and(eq(followedTags.accountId, accountId), eq(followedTags.tagId, tagId)));
  return row !== undefined;
}

/**
 * Follows a hashtag (creating the tag if no status used it yet): its public statuses join the
 * follower's home timeline. Idempotent. ValidationError for a name that is not a hashtag.
 */
export async function followTag(ctx: AppContext, accountId: string, rawName: string): Promise<TagRef> {
  const name = parseTagName(rawName);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await upsertTags(tx, [{ name: normalizeTag(name), display: name }], now);
    const tag = await findTagRef(tx, name);
    await tx
      .insert(followedTags)
      .values({ id: generateId(), accountId, tagId: tag.id })
      .onConflictDoNothing();
    return tag;
  });
}

/** Stops following a hashtag. Idempotent; an unknown tag is answered as is, not created. */
export async function unfollowTag(ctx: AppContext, accountId: string, rawName: string): Promise<TagRef> {
  const tag = await findTagRef(ctx.db, parseTagName(rawName));
  if (tag.id !== '') {
    await ctx.db
      .delete(followedTags)
      .where(and(eq(followedTags.accountId, accountId), eq(followedTags.tagId, tag.id)));
  }
  return tag;
}

/** Hashtags `accountId` follows, most recently followed first, paginated by the follow row id. */
export async function listFollowedTags(
  ctx: AppContext,
  accountId: string,
  page: Page,
): Promise<Array<{ cursor: string; tag: TagRef }>> {
  const { where, orderBy } = pageWindow(followedTags.id, page);
  const rows = await ctx.db
    .select({ cursor: followedTags.id, tag: { id: tags.id, name: tags.name, display: tags.display } })
    .from(followedTags)
    .innerJoin(tags, eq(tags.id, followedTags.tagId))
    .where(and(eq(followedTags.accountId, accountId), where))
    .orderBy(orderBy)
    .limit(page.limit);
  return orderPage(rows, page);
}
