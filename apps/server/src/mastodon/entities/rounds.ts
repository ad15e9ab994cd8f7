import type { LearningLink, ReferenceEntity, RoundsStatusExtension } from '@rounds/contract';
import { referenceUrl, type StatusEvidence } from '../../domain/evidence/index.ts';
import { NO_TRUST, type StatusTrust } from '../../domain/trust/marks.ts';
import { renderTrustExtension } from './trust.ts';

/**
 * The Rounds extension on Mastodon's Status entity, under the one key `rounds` (as Pleroma keeps
 * its own under `pleroma`), so no Mastodon attribute, present or future, can clash with it.
 * Described by `zRoundsStatusExtension` in @rounds/contract.
 */
export function renderRoundsExtension(
  evidence: StatusEvidence,
  learning: LearningLink[],
  trust: StatusTrust = NO_TRUST,
): RoundsStatusExtension {
  return {
    evidence_level: evidence.level,
    references: evidence.references.map(
      (r): ReferenceEntity => ({ type: r.kind, value: r.value, url: referenceUrl(r), source: r.source }),
    ),
    learning: learning.map((l) => ({ type: l.type, id: l.id, bloom_level: l.bloom_level })),
    ...renderTrustExtension(trust),
  };
}
