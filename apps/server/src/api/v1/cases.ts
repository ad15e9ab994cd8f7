import {
  type CaseEntity,
  zAcceptAnswerParams,
  zCaseListParams,
  zCaseOutcomeParams,
  zCreateCaseParams,
  zRevealCaseParams,
} from '@rounds/contract';
import type { Context } from 'hono';
import type { AppContext } from '../../context.ts';
import type { CaseRow } from '../../db/schema/index.ts';
import {
  type CaseView,
  caseStatusIds,
  createCase,
  deleteCase,
  describeCases,
  getVisibleCase,
  listCases,
  postCaseOutcome,
  revealCase,
  setAcceptedAnswer,
} from '../../domain/cases/index.ts';
import { optionalUser, requireUser } from '../../mastodon/auth.ts';
import { presentStatuses, type StatusEntity } from '../../mastodon/entities/status.ts';
import type { MastodonApp, MastodonEnv } from '../../mastodon/env.ts';
import { readPage, setLinkHeader } from '../../mastodon/pagination.ts';
import { parseWith, pathId, readBody, readQuery } from '../../mastodon/params.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Renders case views with their statuses (case, poll self-reply, reveal, outcome, accepted
 * answer) as Mastodon Status entities, hydrated for the viewer in one pass for the whole list: a
 * status the viewer may not see is null.
 */
async function presentCases(
  ctx: AppContext,
  views: readonly CaseView[],
  viewerId: string | null,
): Promise<CaseEntity[]> {
  const ids = views.flatMap(({ row }) => [
    ...caseStatusIds(row),
    ...(row.acceptedStatusId ? [row.acceptedStatusId] : []),
  ]);
  const statuses = await presentStatuses(ctx, [...new Set(ids)], viewerId);
  const byId = new Map<string, StatusEntity>(statuses.map((s) => [s.id, s]));
  const pick = (id: string | null) => (id ? (byId.get(id) ?? null) : null) as CaseEntity['reveal_status'];
  return views.flatMap(({ row, answer, teachingPoints, contributorsCount }) => {
    const status = pick(row.statusId);
    if (!status) return [];
    // After the reveal the answer is for those who may read the reveal itself (a followers-only
    // case's root can be visible to someone it mentions while its replies are not), as the
    // outcome is for those who may read the outcome status; the author always sees both.
    const own = viewerId === row.accountId;
    const revealShown = own || pick(row.revealStatusId) !== null;
    const outcomeShown = own || pick(row.outcomeStatusId) !== null;
    return [
      {
        id: row.id,
        account_id: row.accountId,
        title: row.title,
        history: row.history,
        examination: row.examination,
        investigations: row.investigations,
        question: row.question,
        tags: row.tags,
        bloom_level: row.bloomLevel,
        visibility: status.visibility as CaseEntity['visibility'],
        state: row.acceptedStatusId ? 'solved' : 'open',
        consent: row.consent
          ? {
              type: row.consent,
              attested_by: row.consentAccountId ?? row.accountId,
              attested_at: iso(row.consentAt ?? row.createdAt)!,
            }
          : null,
        reveal_at: iso(row.revealAt),
        revealed: row.revealedAt !== null,
        revealed_at: iso(row.revealedAt),
        answer: revealShown ? answer : null,
        teaching_points: revealShown ? teachingPoints : null,
        outcome: outcomeShown ? row.outcome : null,
        outcome_at: iso(row.outcomeAt),
        accepted_at: row.acceptedStatusId ? iso(row.acceptedAt) : null,
        contributors_count: contributorsCount,
        created_at: row.createdAt.toISOString(),
        status,
        poll_status: row.pollStatusId !== row.statusId ? pick(row.pollStatusId) : null,
        reveal_status: pick(row.revealStatusId),
        outcome_status: pick(row.outcomeStatusId),
        accepted_answer: pick(row.acceptedStatusId),
      },
    ];
  });
}

async function respondCase(c: Context<MastodonEnv>, row: CaseRow, viewerId: string | null) {
  const ctx = c.get('ctx');
  const [view] = await presentCases(ctx, await describeCases(ctx.db, viewerId, [row]), viewerId);
  return c.json(view);
}

/**
 * Clinical cases under /api/rounds/v1/cases (domain/cases): publish, read, list, reveal, post the
 * outcome, accept an answer, delete. Reads follow the case status' visibility (404 otherwise);
 * the author's commands answer 403 to anyone else who can see the case.
 */
export function registerCases(app: MastodonApp): void {
  app.post('/api/rounds/v1/cases', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const p = parseWith(zCreateCaseParams, await readBody(c));
    const row = await createCase(c.get('ctx'), me.account.id, {
      title: p.title,
      history: p.history,
      examination: p.examination,
      investigations: p.investigations,
      question: p.question,
      media: p.media?.map((m) => ({ id: m.id, description: m.description })),
      mediaIds: p.media_ids,
      consent: p.consent,
      poll: p.poll
        ? { options: p.poll.options, expiresIn: p.poll.expires_in, multiple: p.poll.multiple }
        : undefined,
      tags: p.tags,
      bloomLevel: p.bloom_level,
      visibility: p.visibility,
      sensitive: p.sensitive,
      language: p.language,
      answer: p.answer,
      teachingPoints: p.teaching_points,
      revealAt: p.reveal_at,
    });
    return respondCase(c, row, me.account.id);
  });

  app.get('/api/rounds/v1/cases', async (c) => {
    const me = optionalUser(c, 'read:statuses');
    const ctx = c.get('ctx');
    const viewerId = me?.account.id ?? null;
    const q = parseWith(zCaseListParams, readQuery(c));
    const page = readPage(c);
    const rows = await listCases(
      ctx.db,
      viewerId,
      { state: q.state, tag: q.tag, bloomLevel: q.bloom_level, accountId: q.account_id },
      page,
      ctx.clock.now(),
    );
    setLinkHeader(
      c,
      rows.map((r) => r.id),
      ctx.config.publicUrl,
    );
    return c.json(await presentCases(ctx, await describeCases(ctx.db, viewerId, rows), viewerId));
  });

  app.get('/api/rounds/v1/cases/:id', async (c) => {
    const me = optionalUser(c, 'read:statuses');
    const ctx = c.get('ctx');
    const viewerId = me?.account.id ?? null;
    const row = await getVisibleCase(ctx.db, viewerId, pathId(c));
    return respondCase(c, row, viewerId);
  });

  app.delete('/api/rounds/v1/cases/:id', async (c) => {
    const me = requireUser(c, 'write:statuses');
    await deleteCase(c.get('ctx'), me.account.id, pathId(c));
    return c.json({});
  });

  app.post('/api/rounds/v1/cases/:id/reveal', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const id = pathId(c);
    const p = parseWith(zRevealCaseParams, await readBody(c));
    const row = await revealCase(c.get('ctx'), me.account.id, id, {
      answer: p.answer,
      teachingPoints: p.teaching_points,
    });
    return respondCase(c, row, me.account.id);
  });

  app.post('/api/rounds/v1/cases/:id/outcome', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const id = pathId(c);
    const p = parseWith(zCaseOutcomeParams, await readBody(c));
    const row = await postCaseOutcome(c.get('ctx'), me.account.id, id, p.outcome);
    return respondCase(c, row, me.account.id);
  });

  app.put('/api/rounds/v1/cases/:id/accepted_answer', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const id = pathId(c);
    const p = parseWith(zAcceptAnswerParams, await readBody(c));
    const row = await setAcceptedAnswer(c.get('ctx'), me.account.id, id, p.status_id);
    return respondCase(c, row, me.account.id);
  });

  app.delete('/api/rounds/v1/cases/:id/accepted_answer', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const id = pathId(c);
    const row = await setAcceptedAnswer(c.get('ctx'), me.account.id, id, null);
    return respondCase(c, row, me.account.id);
  });
}
