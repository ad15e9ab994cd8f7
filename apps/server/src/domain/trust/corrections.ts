import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { generateId, isId } from '../../db/ids.ts';
import {
  type CorrectionNoteRow,
  type CorrectionSourceValue,
  correctionNotes,
  correctionRatings,
} from '../../db/schema/index.ts';
import { getAccount } from '../accounts/index.ts';
import { listOwnAccountIds } from '../accounts/owners.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import { guardText } from '../phi/gate.ts';
import { getVisibleProperRow, type StatusRecord } from '../statuses/lookup.ts';
import { lockStatusTrust, refreshShownCorrection } from './marks.ts';
import { tallyRatings } from './rule.ts';
import { parseNoteSources, type SourceParam } from './sources.ts';
import { getStanding, isModerator, requireVerified } from './standing.ts';

/** A correction note as the Rounds API lists it for one viewer. */
export interface CorrectionNoteView {
  note: CorrectionNoteRow;
  mine: boolean;
  myRating: boolean | null;
  /** The post was edited after the note was last written. */
  postEditedSince: boolean;
}

export interface CorrectionNoteInput {
  text: string;
  sources?: readonly SourceParam[] | undefined;
}

/** The note's text and sources through the PHI gate and the source rules (422s name the field). */
async function prepareNote(
  ctx: AppContext,
  writerId: string,
  input: CorrectionNoteInput,
): Promise<{ text: string; sources: CorrectionSourceValue[] }> {
  const writer = await getAccount(ctx.db, writerId);
  const text = guardText('status', { text: input.text.trim() }, undefined, {
    closedAudience: false,
    ownNames: [writer.displayName, writer.username],
  }).fields.text;
  return { text, sources: parseNoteSources(input.sources ?? [], text, writer) };
}

function view(
  note: CorrectionNoteRow,
  viewerId: string | null,
  post: StatusRecord,
  myRating: boolean | null,
) {
  return {
    note,
    mine: note.accountId === viewerId,
    myRating,
    postEditedSince: post.editedAt !== null && post.editedAt.getTime() > note.updatedAt.getTime(),
  };
}

/**
 * Recomputes a note's counts, raters' specialties and `shown` from its ratings (the show rule:
 * rule.ts), then what its post shows. Returns the note and whether it was shown for the first time.
 * Runs in the transaction that changed the ratings, after `lockStatusTrust`.
 */
async function retally(
  tx: DbOrTx,
  note: CorrectionNoteRow,
  now: Date,
): Promise<{ note: CorrectionNoteRow; firstShown: boolean }> {
  const ratings = await tx
    .select({ helpful: correctionRatings.helpful, specialties: correctionRatings.specialties })
    .from(correctionRatings)
    .where(eq(correctionRatings.noteId, note.id));
  const tally = tallyRatings(ratings);
  const firstShown = tally.shown && note.firstShownAt === null;
  const [updated] = await tx
    .update(correctionNotes)
    .set({
      helpfulCount: tally.helpfulCount,
      notHelpfulCount: tally.notHelpfulCount,
      specialties: tally.specialties,
      shown: tally.shown,
      ...(firstShown ? { firstShownAt: now } : {}),
    })
    .where(eq(correctionNotes.id, note.id))
    .returning();
  await refreshShownCorrection(tx, note.statusId, now);
  return { note: updated!, firstShown };
}

function emitShown(ctx: AppContext, note: CorrectionNoteRow, post: StatusRecord): void {
  ctx.events.emit('CorrectionNoteShown', { noteId: note.id, statusId: post.id, accountId: post.accountId });
}

/**
 * A verified member writes a correction note on someone else's post they can see (POST
 * /statuses/{id}/corrections; a reblog's id means the reblogged post). Text ≤ 1,000 characters
 * through the PHI gate; at least one source. One note per member per post (409: edit it instead).
 * The note starts unrated and not shown.
 */
export async function writeCorrectionNote(
  ctx: AppContext,
  writerId: string,
  statusId: string,
  input: CorrectionNoteInput,
): Promise<CorrectionNoteView> {
  const now = ctx.clock.now();
  const post = await getVisibleProperRow(ctx.db, writerId, statusId);
  await requireVerified(ctx.db, writerId, now, 'write correction notes');
  // NOTE: "own" is the person's: a persona (decision 0009) is not a second voice on one's own post.
  const own = await listOwnAccountIds(ctx.db, writerId);
  if (own.includes(post.accountId)) {
    throw new ForbiddenError(
      'You cannot write a correction note on your own post: edit the post, or reply to it, instead.',
    );
  }
  const prepared = await prepareNote(ctx, writerId, input);
  const note = await ctx.db.transaction(async (tx) => {
    await lockStatusTrust(tx, post.id, now);
    const [existing] = await tx
      .select({ id: correctionNotes.id, accountId: correctionNotes.accountId })
      .from(correctionNotes)
      .where(and(eq(correctionNotes.statusId, post.id), inArray(correctionNotes.accountId, own)));
    if (existing && existing.accountId !== writerId) {
      throw new ConflictError(
        'You already wrote a correction note on this post from your other account; one note per person.',
      );
    }
    if (existing) {
      throw new ConflictError(
        `You already wrote a correction note on this post; edit it instead (PUT /api/rounds/v1/corrections/${existing.id}).`,
      );
    }
    const [row] = await tx
      .insert(correctionNotes)
      .values({
        id: generateId(),
        statusId: post.id,
        accountId: writerId,
        text: prepared.text,
        sources: prepared.sources,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await refreshShownCorrection(tx, post.id, now);
    return row!;
  });
  return view(note, writerId, post, null);
}

/** The note and its post, if `viewerId` may see the post; otherwise 404, as for the post itself. */
async function getVisibleNote(
  db: DbOrTx,
  viewerId: string,
  noteId: string,
): Promise<{ note: CorrectionNoteRow; post: StatusRecord }> {
  const [note] = isId(noteId)
    ? await db.select().from(correctionNotes).where(eq(correctionNotes.id, noteId))
    : [];
  if (!note) throw new NotFoundError('No such correction note');
  const post = await getVisibleProperRow(db, viewerId, note.statusId).catch((error) => {
    if (error instanceof NotFoundError) throw new NotFoundError('No such correction note');
    throw error;
  });
  return { note, post };
}

/** Reloads the note under the post's trust lock (it may have been deleted meanwhile). */
async function reload(tx: DbOrTx, noteId: string): Promise<CorrectionNoteRow> {
  const [note] = await tx.select().from(correctionNotes).where(eq(correctionNotes.id, noteId));
  if (!note) throw new NotFoundError('No such correction note');
  return note;
}

/**
 * The writer changes their note (PUT /corrections/{id}): same rules as writing it. The ratings
 * were given to the old words, so they are cleared and the note is hidden until rated again.
 */
export async function editCorrectionNote(
  ctx: AppContext,
  writerId: string,
  noteId: string,
  input: CorrectionNoteInput,
): Promise<CorrectionNoteView> {
  const now = ctx.clock.now();
  const { note, post } = await getVisibleNote(ctx.db, writerId, noteId);
  if (note.accountId !== writerId)
    throw new ForbiddenError('Only the member who wrote this note can edit it.');
  await requireVerified(ctx.db, writerId, now, 'edit correction notes');
  const prepared = await prepareNote(ctx, writerId, input);
  const updated = await ctx.db.transaction(async (tx) => {
    await lockStatusTrust(tx, post.id, now);
    await reload(tx, note.id);
    await tx.delete(correctionRatings).where(eq(correctionRatings.noteId, note.id));
    const [row] = await tx
      .update(correctionNotes)
      .set({ text: prepared.text, sources: prepared.sources, updatedAt: now })
      .where(eq(correctionNotes.id, note.id))
      .returning();
    return (await retally(tx, row!, now)).note;
  });
  return view(updated, writerId, post, null);
}

/** The writer, or a moderator, removes a note (DELETE /corrections/{id}); its ratings go with it. */
export async function deleteCorrectionNote(ctx: AppContext, actorId: string, noteId: string): Promise<void> {
  const now = ctx.clock.now();
  const { note, post } = await getVisibleNote(ctx.db, actorId, noteId);
  if (note.accountId !== actorId && !(await isModerator(ctx.db, actorId))) {
    throw new ForbiddenError('Only the member who wrote this note, or a moderator, can delete it.');
  }
  await ctx.db.transaction(async (tx) => {
    await lockStatusTrust(tx, post.id, now);
    await tx.delete(correctionNotes).where(eq(correctionNotes.id, note.id));
    await refreshShownCorrection(tx, post.id, now);
  });
}

/**
 * A verified member rates a note on a post they can see (POST /corrections/{id}/rating): helpful or
 * not, one rating each, changeable. Not their own note, nor a note on their own post. The rating
 * counts with the rater's verified fields as they are now. Emits CorrectionNoteShown the first time
 * the note passes the show rule.
 */
export async function rateCorrectionNote(
  ctx: AppContext,
  raterId: string,
  noteId: string,
  helpful: boolean,
): Promise<CorrectionNoteView> {
  const now = ctx.clock.now();
  const { note, post } = await getVisibleNote(ctx.db, raterId, noteId);
  const standing = await requireVerified(ctx.db, raterId, now, 'rate correction notes');
  const own = await listOwnAccountIds(ctx.db, raterId);
  if (own.includes(note.accountId)) {
    throw new ForbiddenError('You cannot rate your own correction note; other verified members rate it.');
  }
  if (own.includes(post.accountId)) {
    throw new ForbiddenError(
      'You cannot rate correction notes on your own post; you can reply to the post or edit it.',
    );
  }
  const others = own.filter((id) => id !== raterId);
  const result = await ctx.db.transaction(async (tx) => {
    await lockStatusTrust(tx, post.id, now);
    // One rating per person: the lock above orders this check with the other account's rating.
    const [other] =
      others.length > 0
        ? await tx
            .select({ accountId: correctionRatings.accountId })
            .from(correctionRatings)
            .where(and(eq(correctionRatings.noteId, note.id), inArray(correctionRatings.accountId, others)))
        : [];
    if (other) {
      throw new ConflictError(
        'You already rated this note from your other account; one rating per person (take that one back to rate from here).',
      );
    }
    const current = await reload(tx, note.id);
    await tx
      .insert(correctionRatings)
      .values({
        noteId: note.id,
        accountId: raterId,
        helpful,
        specialties: standing.fields,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [correctionRatings.noteId, correctionRatings.accountId],
        set: { helpful, specialties: standing.fields, updatedAt: now },
      });
    return retally(tx, current, now);
  });
  if (result.firstShown) emitShown(ctx, result.note, post);
  return view(result.note, raterId, post, helpful);
}

/** A rater takes their rating back (DELETE /corrections/{id}/rating); nothing to take back is fine. */
export async function unrateCorrectionNote(
  ctx: AppContext,
  raterId: string,
  noteId: string,
): Promise<CorrectionNoteView> {
  const now = ctx.clock.now();
  const { note, post } = await getVisibleNote(ctx.db, raterId, noteId);
  // Only members who may rate see a note before it is shown: the answer must not show it to others.
  await requireVerified(ctx.db, raterId, now, 'rate correction notes');
  const result = await ctx.db.transaction(async (tx) => {
    await lockStatusTrust(tx, post.id, now);
    const current = await reload(tx, note.id);
    await tx
      .delete(correctionRatings)
      .where(and(eq(correctionRatings.noteId, note.id), eq(correctionRatings.accountId, raterId)));
    return retally(tx, current, now);
  });
  // Taking back a "not helpful" can be what first shows a note: the author is told then too.
  if (result.firstShown) emitShown(ctx, result.note, post);
  return view(result.note, raterId, post, null);
}

/**
 * The notes on a post the viewer may see (GET /statuses/{id}/corrections; 404 otherwise, as for the
 * post). Verified members, moderators and the post's author see every note, with counts; everyone
 * else sees the shown ones. Shown first, most helpful first, then oldest first.
 */
export async function listCorrectionNotes(
  ctx: AppContext,
  viewerId: string | null,
  statusId: string,
): Promise<CorrectionNoteView[]> {
  const post = await getVisibleProperRow(ctx.db, viewerId, statusId);
  const seesAll =
    viewerId !== null &&
    (post.accountId === viewerId ||
      (await getStanding(ctx.db, viewerId, ctx.clock.now())).verified ||
      (await isModerator(ctx.db, viewerId)));
  const notes = await ctx.db
    .select()
    .from(correctionNotes)
    .where(
      seesAll
        ? eq(correctionNotes.statusId, post.id)
        : and(eq(correctionNotes.statusId, post.id), eq(correctionNotes.shown, true)),
    )
    .orderBy(desc(correctionNotes.shown), desc(correctionNotes.helpfulCount), asc(correctionNotes.id));
  const mine =
    viewerId && notes.length > 0
      ? await ctx.db
          .select({ noteId: correctionRatings.noteId, helpful: correctionRatings.helpful })
          .from(correctionRatings)
          .where(
            and(
              eq(correctionRatings.accountId, viewerId),
              inArray(
                correctionRatings.noteId,
                notes.map((n) => n.id),
              ),
            ),
          )
      : [];
  const ratings = new Map(mine.map((r) => [r.noteId, r.helpful]));
  return notes.map((n) => view(n, viewerId, post, ratings.get(n.id) ?? null));
}
