import {
  type PhiDecisionParams,
  zId,
  zRoundsCreateStatusParams,
  zRoundsEditStatusParams,
} from '@rounds/contract';
import type { PhiDecision } from '../../domain/phi/gate.ts';
import { createStatus, editStatus } from '../../domain/statuses/index.ts';
import { requireUser } from '../../mastodon/auth.ts';
import { presentStatuses } from '../../mastodon/entities/status.ts';
import type { MastodonApp } from '../../mastodon/env.ts';
import { parseWith, readBody } from '../../mastodon/params.ts';

function toDecision(p: PhiDecisionParams | undefined): PhiDecision | undefined {
  if (!p) return undefined;
  return p.action === 'redact'
    ? p
    : { action: 'override', reason: p.reason, consentAttested: p.consent_attested };
}

/**
 * Posting with the author's PHI decision. Mastodon apps use /api/v1/statuses, where identifiers are
 * always refused; here the author can accept the redaction or, where allowed, override with a reason.
 * Answers the Mastodon Status entity so clients render it the same way.
 */
export function registerRoundsStatuses(app: MastodonApp): void {
  app.post('/api/rounds/v1/statuses', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const ctx = c.get('ctx');
    const p = parseWith(zRoundsCreateStatusParams, await readBody(c));
    const row = await createStatus(ctx, me.account.id, {
      text: p.status,
      spoilerText: p.spoiler_text,
      sensitive: p.sensitive,
      visibility: p.visibility,
      language: p.language,
      inReplyToId: p.in_reply_to_id,
      quotedStatusId: p.quoted_status_id,
      quotePolicy: p.quote_approval_policy,
      mediaIds: p.media_ids,
      poll: p.poll,
      scheduledAt: p.scheduled_at,
      idempotencyKey: c.req.header('idempotency-key'),
      phi: toDecision(p.phi),
    });
    const [status] = await presentStatuses(ctx, [row.id], me.account.id);
    return c.json(status);
  });

  app.put('/api/rounds/v1/statuses/:id', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const ctx = c.get('ctx');
    const id = parseWith(zId, c.req.param('id'));
    const p = parseWith(zRoundsEditStatusParams, await readBody(c));
    await editStatus(ctx, me.account.id, id, {
      text: p.status,
      spoilerText: p.spoiler_text,
      sensitive: p.sensitive,
      language: p.language,
      quotePolicy: p.quote_approval_policy,
      mediaIds: p.media_ids,
      mediaAttributes: p.media_attributes,
      poll: p.poll,
      phi: toDecision(p.phi),
    });
    const [status] = await presentStatuses(ctx, [id], me.account.id);
    return c.json(status);
  });
}
