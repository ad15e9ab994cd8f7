import {
  type EvidenceParams,
  type PhiDecisionParams,
  type PostDisclosureParams,
  zRoundsCreateStatusParams,
  zRoundsEditStatusParams,
} from '@rounds/contract';
import type { EvidenceInput } from '../../domain/evidence/index.ts';
import type { PhiDecision } from '../../domain/phi/gate.ts';
import { createStatus, editStatus } from '../../domain/statuses/index.ts';
import type { PostDisclosureInput } from '../../domain/trust/index.ts';
import { requireUser } from '../../mastodon/auth.ts';
import { presentStatuses } from '../../mastodon/entities/status.ts';
import type { MastodonApp } from '../../mastodon/env.ts';
import { parseWith, pathId, readBody } from '../../mastodon/params.ts';
import { respondScheduled } from '../../mastodon/v1/scheduled_statuses.ts';
import { toCreateStatusInput, toEditStatusInput } from '../../mastodon/v1/statuses.ts';

function toDecision(p: PhiDecisionParams | undefined): PhiDecision | undefined {
  if (!p) return undefined;
  return p.action === 'redact'
    ? p
    : { action: 'override', reason: p.reason, consentAttested: p.consent_attested };
}

function toEvidence(p: EvidenceParams): EvidenceInput {
  return { references: p.references, level: p.evidence_level };
}

function toDisclosure(p: PostDisclosureParams): PostDisclosureInput | undefined {
  if (p.disclosure === undefined && p.disclosure_text === undefined) return undefined;
  return { disclosure: p.disclosure, text: p.disclosure_text };
}

/**
 * Posting with the author's PHI decision and evidence (attached references, evidence level; domain/evidence).
 * Mastodon apps use /api/v1/statuses, where identifiers are
 * always refused; here the author can accept the redaction or, where allowed, override with a reason.
 * Answers the Mastodon Status entity so clients render it the same way.
 */
export function registerRoundsStatuses(app: MastodonApp): void {
  app.post('/api/rounds/v1/statuses', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const ctx = c.get('ctx');
    const p = parseWith(zRoundsCreateStatusParams, await readBody(c));
    const input = {
      ...toCreateStatusInput(p, c.req.header('idempotency-key')),
      phi: toDecision(p.phi),
      evidence: toEvidence(p),
      disclosure: toDisclosure(p),
    };
    if (input.scheduledAt) return respondScheduled(c, me, input);
    const row = await createStatus(ctx, me.account.id, input);
    const [status] = await presentStatuses(ctx, [row.id], me.account.id);
    return c.json(status);
  });

  app.put('/api/rounds/v1/statuses/:id', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const ctx = c.get('ctx');
    const id = pathId(c);
    const p = parseWith(zRoundsEditStatusParams, await readBody(c));
    await editStatus(ctx, me.account.id, id, {
      ...toEditStatusInput(p),
      phi: toDecision(p.phi),
      evidence: toEvidence(p),
      disclosure: toDisclosure(p),
    });
    const [status] = await presentStatuses(ctx, [id], me.account.id);
    return c.json(status);
  });
}
