import type { CaseVisibility } from '@rounds/contract';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { generateId } from '../../db/ids.ts';
import { type CaseRow, cases, mediaAttachments } from '../../db/schema/index.ts';
import { getAccount } from '../accounts/index.ts';
import { getPostingDefaults } from '../accounts/preferences.ts';
import { ValidationError } from '../errors.ts';
import { linkStatuses } from '../learning/index.ts';
import { findOwnMedia } from '../media/manage.ts';
import { createStatus } from '../statuses/index.ts';
import { inOneTransaction } from '../transaction.ts';
import { caseStatusText, pollStatusText } from './compose.ts';
import { type CreateCaseInput, type PreparedCase, prepareCase } from './input.ts';
import { caseRef, caseStatusIds } from './lookup.ts';

/** The author's default audience, never direct (a case is discussed in the open or among followers). */
async function defaultCaseVisibility(ctx: AppContext, accountId: string): Promise<CaseVisibility> {
  const v = (await getPostingDefaults(ctx, accountId)).visibility;
  return v === 'unlisted' || v === 'private' ? v : v === 'direct' ? 'private' : 'public';
}

/**
 * Gives each image its alt text (the one sent with the case, or the upload's own) inside the
 * case's transaction; an image with none is refused, as is an upload that is not the author's or
 * already posted. Returns the ids in order.
 */
async function describeMedia(ctx: AppContext, accountId: string, prepared: PreparedCase): Promise<string[]> {
  for (const m of prepared.media) {
    const row = await findOwnMedia(ctx.db, accountId, m.id);
    if (!row) {
      throw new ValidationError(
        `${m.field}: media ${m.id} was not found among your uploads (it may have expired after a day)`,
        m.field,
      );
    }
    if (row.statusId !== null) {
      throw new ValidationError(`${m.field}: media ${m.id} is already attached to another post`, m.field);
    }
    const description = m.description ?? row.description;
    if (!description) {
      const field = m.field.startsWith('media.') ? `${m.field}.description` : m.field;
      throw new ValidationError(
        `${field}: every image of a case needs alt text describing it for people who cannot see it`,
        field,
      );
    }
    if (description !== row.description) {
      await ctx.db.update(mediaAttachments).set({ description }).where(eq(mediaAttachments.id, row.id));
    }
  }
  return prepared.media.map((m) => m.id);
}

/**
 * Publishes a clinical case for `accountId`. Every field is checked and passes the PHI guard
 * before anything is stored (prepareCase); images need alt text and a consent attestation. Then,
 * in one transaction: the case status (presentation, question, hashtags, images, and the
 * differential poll, or — as a Mastodon post has media or a poll, not both — the poll on a
 * self-reply right under it), the case row with its hidden answer, and the learning links that
 * show the case in each status' `rounds.learning`. Events go out after the commit.
 */
export async function createCase(
  ctx: AppContext,
  accountId: string,
  input: CreateCaseInput,
): Promise<CaseRow> {
  const now = ctx.clock.now();
  const author = await getAccount(ctx.db, accountId);
  const prepared = prepareCase(input, author, now);
  const visibility = input.visibility ?? (await defaultCaseVisibility(ctx, accountId));
  const language = input.language;

  return inOneTransaction(ctx, async (txCtx) => {
    const mediaIds = await describeMedia(txCtx, accountId, prepared);
    const pollOnCase = prepared.poll !== null && mediaIds.length === 0;
    const caseStatus = await createStatus(txCtx, accountId, {
      text: caseStatusText(prepared),
      visibility,
      sensitive: input.sensitive,
      language,
      mediaIds,
      poll: pollOnCase ? (prepared.poll ?? undefined) : undefined,
    });
    let pollStatusId: string | null = pollOnCase ? caseStatus.id : null;
    if (prepared.poll && !pollOnCase) {
      const pollStatus = await createStatus(txCtx, accountId, {
        text: pollStatusText(prepared.title),
        inReplyToId: caseStatus.id,
        visibility,
        language,
        poll: prepared.poll,
      });
      pollStatusId = pollStatus.id;
    }
    const [row] = await txCtx.db
      .insert(cases)
      .values({
        id: generateId(),
        accountId,
        statusId: caseStatus.id,
        pollStatusId,
        title: prepared.title,
        history: prepared.history,
        examination: prepared.examination,
        investigations: prepared.investigations,
        question: prepared.question,
        tags: prepared.tags,
        bloomLevel: prepared.bloomLevel,
        consent: prepared.consent,
        consentAccountId: prepared.consent ? accountId : null,
        consentAt: prepared.consent ? now : null,
        answer: prepared.answer,
        teachingPoints: prepared.teachingPoints,
        revealAt: prepared.revealAt,
        createdAt: now,
      })
      .returning();
    await linkStatuses(txCtx.db, caseRef(row!), caseStatusIds(row!));
    return row!;
  });
}
