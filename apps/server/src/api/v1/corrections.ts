import { type CorrectionNoteEntity, zCorrectionNoteParams, zCorrectionRatingParams } from '@rounds/contract';
import {
  type CorrectionNoteView,
  deleteCorrectionNote,
  editCorrectionNote,
  listCorrectionNotes,
  rateCorrectionNote,
  unrateCorrectionNote,
  writeCorrectionNote,
} from '../../domain/trust/index.ts';
import { optionalUser, requireUser } from '../../mastodon/auth.ts';
import { renderCorrectionSource } from '../../mastodon/entities/trust.ts';
import type { MastodonApp } from '../../mastodon/env.ts';
import { parseWith, pathId, readBody } from '../../mastodon/params.ts';

/** The `:id` path parameter; a malformed one is a 422 naming `id`. */
export function renderCorrectionNote(v: CorrectionNoteView): CorrectionNoteEntity {
  const n = v.note;
  return {
    id: n.id,
    status_id: n.statusId,
    text: n.text,
    sources: n.sources.map(renderCorrectionSource),
    helpful_count: n.helpfulCount,
    not_helpful_count: n.notHelpfulCount,
    specialties: n.specialties,
    shown: n.shown,
    mine: v.mine,
    my_rating: v.myRating === null ? null : v.myRating ? 'helpful' : 'not_helpful',
    post_edited_since: v.postEditedSince,
    created_at: n.createdAt.toISOString(),
    updated_at: n.updatedAt.toISOString(),
  };
}

/**
 * Peer correction notes (domain/trust/corrections.ts): verified members write them on posts and
 * rate them; a note raters of two specialties found helpful shows on the post.
 */
export function registerCorrections(app: MastodonApp): void {
  app.get('/api/rounds/v1/statuses/:id/corrections', async (c) => {
    const viewer = optionalUser(c, 'read:statuses');
    const id = pathId(c);
    const notes = await listCorrectionNotes(c.get('ctx'), viewer?.account.id ?? null, id);
    return c.json(notes.map(renderCorrectionNote));
  });

  app.post('/api/rounds/v1/statuses/:id/corrections', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const id = pathId(c);
    const p = parseWith(zCorrectionNoteParams, await readBody(c));
    return c.json(renderCorrectionNote(await writeCorrectionNote(c.get('ctx'), me.account.id, id, p)));
  });

  app.put('/api/rounds/v1/corrections/:id', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const id = pathId(c);
    const p = parseWith(zCorrectionNoteParams, await readBody(c));
    return c.json(renderCorrectionNote(await editCorrectionNote(c.get('ctx'), me.account.id, id, p)));
  });

  app.delete('/api/rounds/v1/corrections/:id', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const id = pathId(c);
    await deleteCorrectionNote(c.get('ctx'), me.account.id, id);
    return c.json({});
  });

  app.post('/api/rounds/v1/corrections/:id/rating', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const id = pathId(c);
    const p = parseWith(zCorrectionRatingParams, await readBody(c));
    return c.json(renderCorrectionNote(await rateCorrectionNote(c.get('ctx'), me.account.id, id, p.helpful)));
  });

  app.delete('/api/rounds/v1/corrections/:id/rating', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const id = pathId(c);
    return c.json(renderCorrectionNote(await unrateCorrectionNote(c.get('ctx'), me.account.id, id)));
  });
}
