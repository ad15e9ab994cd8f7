import { z } from 'zod';
import { zEvidenceParams } from './evidence.ts';
import { zBool } from './params.ts';
import { zCreateStatusParams, zEditStatusParams } from './statuses.ts';
import { zPostDisclosureParams } from './trust.ts';

/** The author's answer to the PHI guard: accept the suggested redaction, or override with a reason. */
export const zPhiDecision = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('redact') }),
    z.object({
      action: z.literal('override'),
      reason: z
        .string({ message: 'is required for an override' })
        .max(500, 'is too long (at most 500 characters)'),
      consent_attested: zBool,
    }),
  ],
  {
    message:
      'must be {"action": "redact"} or {"action": "override", "reason": ..., "consent_attested": true}',
  },
);
export type PhiDecisionParams = z.output<typeof zPhiDecision>;

/** POST /api/rounds/v1/statuses: Mastodon's parameters plus the PHI decision and evidence. */
export const zRoundsCreateStatusParams = zCreateStatusParams.extend({
  phi: zPhiDecision.optional(),
  ...zEvidenceParams.shape,
  ...zPostDisclosureParams.shape,
});
/** PUT /api/rounds/v1/statuses/:id. */
export const zRoundsEditStatusParams = zEditStatusParams.extend({
  phi: zPhiDecision.optional(),
  ...zEvidenceParams.shape,
  ...zPostDisclosureParams.shape,
});
