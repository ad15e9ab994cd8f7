import { asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { generateId } from '../../db/ids.ts';
import {
  type AccountRow,
  type MediaAttachmentRow,
  type QuotePolicy,
  type StatusEditRow,
  statusEdits,
  statuses,
} from '../../db/schema/index.ts';
import { getAccount } from '../accounts/index.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { applyEvidenceEdit, type EvidenceInput, planEvidenceEdit } from '../evidence/store.ts';
import { attachMediaToStatus, listMediaForStatuses, type MediaAttributes } from '../media/index.ts';
import { type PhiDecision, recordPhiAudit } from '../phi/gate.ts';
import { assertPollWithoutMedia, guardPollOptions, type PollInput, preparePoll } from '../polls/input.ts';
import { applyPollEdit, findPollOfStatus, listEditPolls, recordEditPoll } from '../polls/store.ts';
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
import { listedMediaIds } from './create.ts';
import { findStatusRow, getVisibleStatusRow, STATUS_COLUMNS, type StatusRecord } from './lookup.ts';
import { guardStatusText } from './phi.ts';

export interface EditStatusInput {
  text?: string | undefined;
  spoilerText?: string | undefined;
  sensitive?: boolean | undefined;
  language?: string | null | undefined;
  quotePolicy?: QuotePolicy | undefined;
  /** The post's media after the edit, in order: listed uploads are attached, omitted ones detached. */
  mediaIds?: readonly string[] | undefined;
  /** New alt text or focal point for media of the post (`media_attributes[]`). */
  mediaAttributes?: readonly MediaAttributes[] | undefined;
  /** The post's poll after the edit: absent keeps it, null removes it; new options reset the votes. */
  poll?: PollInput | null | undefined;
  /** The author's answer when the PHI guard found identifiers (Rounds API). */
  phi?: PhiDecision | undefined;
  /** Attached references and evidence level (Rounds API): absent keeps them; the text's are found again. */
  evidence?: EvidenceInput | undefined;
  /** The per-post disclosure flag (Rounds API; domain/trust): absent keeps it. */
  disclosure?: PostDisclosureInput | undefined;
}

/** Whether what readers see of the media changed: the set, the order, alt text or focal point. */
function mediaChanged(before: readonly MediaAttachmentRow[], after: readonly MediaAttachmentRow[]): boolean {
  return (
    before.length !== after.length ||
    before.some((b, i) => {
      const a = after[i]!;
      return (
        a.id !== b.id || a.description !== b.description || a.focusX !== b.focusX || a.focusY !== b.focusY
      );
    })
  );
}

/** The author's own status (not a reblog); anything else reads as "not found". */
async function getOwnEditable(ctx: AppContext, accountId: string, id: string): Promise<StatusRecord> {
  const row = await findStatusRow(ctx.db, id);
  if (!row || row.accountId !== accountId || row.reblogOfId !== null) throw new NotFoundError();
  return row;
}

/**
 * Edits the author's status: only the given attributes change. `mediaIds` replaces the post's
 * media (listed uploads attached in order, omitted ones detached, as Mastodon) and
 * `mediaAttributes` updates alt text and focus, in the same transaction as the text. The previous
 * version goes to status_edits (so /history can show every version), edited_at is set, and
 * mentions and hashtags are parsed again. An edit that changes nothing visible — text, content
 * warning, sensitivity or media — records no new version.
 */
export async function editStatus(
  ctx: AppContext,
  accountId: string,
  id: string,
  input: EditStatusInput,
): Promise<StatusRecord> {
  const row = await getOwnEditable(ctx, accountId, id);
  const mediaBefore = (await listMediaForStatuses(ctx.db, [row.id])).get(row.id) ?? [];
  const touchesMedia = input.mediaIds !== undefined || (input.mediaAttributes?.length ?? 0) > 0;
  const mediaIds =
    input.mediaIds !== undefined ? listedMediaIds(input.mediaIds) : mediaBefore.map((m) => m.id);
  const pollBefore = await findPollOfStatus(ctx.db, row.id);
  const pollAfter = input.poll ? preparePoll(input.poll, ctx.clock.now()) : input.poll;
  assertPollWithoutMedia(pollAfter === undefined ? pollBefore : pollAfter, mediaIds.length);
  let spoilerText = input.spoilerText !== undefined ? cleanText(input.spoilerText) : row.spoilerText;
  let text = input.text !== undefined ? cleanText(input.text) : row.text;
  if (text === '' && spoilerText !== '') text = spoilerText;
  if (text === '' && mediaIds.length === 0) throw new ValidationError("status: can't be blank", 'status');
  assertStatusLength(text, spoilerText);
  const guarded = guardStatusText(
    'status_edit',
    text,
    spoilerText,
    row.visibility,
    await getAccount(ctx.db, accountId),
    input.phi,
  );
  text = guarded.text;
  spoilerText = guarded.spoilerText;
  const guardedPoll = pollAfter
    ? guardPollOptions(pollAfter, row.visibility, await getAccount(ctx.db, accountId), input.phi)
    : null;
  const language = input.language !== undefined ? normalizeLanguage(input.language) : row.language;
  const sensitive = (input.sensitive ?? row.sensitive) || spoilerText !== '';
  const quotePolicy =
    row.visibility === 'private' || row.visibility === 'direct'
      ? 'nobody'
      : (input.quotePolicy ?? row.quotePolicy);
  const textChanged = text !== row.text || spoilerText !== row.spoilerText || sensitive !== row.sensitive;
  const now = ctx.clock.now();
  const content = textChanged ? await prepareContent(ctx.db, ctx.config, text) : null;
  const disclosure = input.disclosure
    ? preparePostDisclosure(input.disclosure, await getAccount(ctx.db, accountId))
    : undefined;
  const evidence =
    text !== row.text || input.evidence
      ? await planEvidenceEdit(
          ctx.db,
          row.id,
          text,
          text !== row.text,
          input.evidence,
          await getAccount(ctx.db, accountId),
        )
      : null;

  const updated = await ctx.db.transaction(async (tx) => {
    const mediaAfter = touchesMedia
      ? await attachMediaToStatus(tx, accountId, row.id, mediaIds, input.mediaAttributes ?? [], now)
      : mediaBefore;
    const pollNext = guardedPoll?.poll ?? pollAfter;
    const pollChanged = await applyPollEdit(tx, pollBefore, row.id, accountId, pollNext, now);
    const versioned = textChanged || mediaChanged(mediaBefore, mediaAfter) || pollChanged;
    if (versioned) {
      const editId = generateId();
      // NOTE: status_edits keeps the text (and poll options) of earlier versions; /history shows today's media.
      await tx.insert(statusEdits).values({
        id: editId,
        statusId: row.id,
        text: row.text,
        contentHtml: row.contentHtml,
        spoilerText: row.spoilerText,
        sensitive: row.sensitive,
        createdAt: row.editedAt ?? row.createdAt,
      });
      await recordEditPoll(tx, editId, pollBefore);
    }
    if (content) await linkMentionsAndTags(tx, row.id, content, now);
    await applyEvidenceEdit(tx, row.id, evidence);
    const disclosureChanged = await storePostDisclosure(tx, row.id, disclosure, now);
    if (guarded.audit) await recordPhiAudit(tx, guarded.audit, accountId, row.id, now);
    if (guardedPoll?.audit) await recordPhiAudit(tx, guardedPoll.audit, accountId, row.id, now);
    const [fresh] = await tx
      .update(statuses)
      .set({
        text,
        contentHtml: content?.contentHtml ?? row.contentHtml,
        spoilerText,
        sensitive,
        language,
        quotePolicy,
        ...(versioned || language !== row.language || evidence?.changed || disclosureChanged
          ? { editedAt: now }
          : {}),
      })
      .where(eq(statuses.id, row.id))
      .returning(STATUS_COLUMNS);
    return fresh!;
  });
  ctx.events.emit('StatusUpdated', { statusId: row.id, accountId });
  return updated;
}

export interface StatusVersion {
  contentHtml: string;
  spoilerText: string;
  sensitive: boolean;
  createdAt: Date;
  /** The poll's options at this version; null when it had no poll. */
  pollOptions: string[] | null;
}

/**
 * Every version of a visible status, oldest first, the current one last (as Mastodon), with the
 * status's media as they are now: earlier versions' media are not kept, so every version shows these.
 */
export async function getStatusHistory(
  ctx: AppContext,
  viewerId: string | null,
  id: string,
): Promise<{ account: AccountRow; versions: StatusVersion[]; media: MediaAttachmentRow[] }> {
  const row = await getVisibleStatusRow(ctx.db, viewerId, id);
  if (row.reblogOfId !== null) throw new NotFoundError();
  const edits: StatusEditRow[] = await ctx.db
    .select()
    .from(statusEdits)
    .where(eq(statusEdits.statusId, row.id))
    .orderBy(asc(statusEdits.id));
  const [account, media, editPolls, poll] = await Promise.all([
    getAccount(ctx.db, row.accountId),
    listMediaForStatuses(ctx.db, [row.id]),
    listEditPolls(
      ctx.db,
      edits.map((e) => e.id),
    ),
    findPollOfStatus(ctx.db, row.id),
  ]);
  const current: StatusVersion = {
    contentHtml: row.contentHtml,
    spoilerText: row.spoilerText,
    sensitive: row.sensitive,
    createdAt: row.editedAt ?? row.createdAt,
    pollOptions: poll?.options ?? null,
  };
  const earlier = edits.map((e) => ({ ...e, pollOptions: editPolls.get(e.id) ?? null }));
  return { account, versions: [...earlier, current], media: media.get(row.id) ?? [] };
}

/** The source text of a visible status, for the edit form. */
export async function getStatusSource(
  ctx: AppContext,
  viewerId: string | null,
  id: string,
): Promise<Pick<StatusRecord, 'id' | 'text' | 'spoilerText'>> {
  const row = await getVisibleStatusRow(ctx.db, viewerId, id);
  if (row.reblogOfId !== null) throw new NotFoundError();
  return { id: row.id, text: row.text, spoilerText: row.spoilerText };
}
