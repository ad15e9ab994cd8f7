import type { BloomLevel, LearningObjectType } from '@rounds/contract';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { statusLearning } from '../../db/schema/index.ts';

export interface LearningObjectRef {
  kind: LearningObjectType;
  objectId: string;
  bloomLevel: BloomLevel | null;
}

/**
 * Records which statuses present a learning object, replacing what was recorded for it before
 * (a new version of a tweetorial, a case's reveal). Every status listed shows the object in its
 * `rounds.learning` and is found by the `bloom_level` filter of feeds and search. Call it in the
 * transaction that creates or edits the object.
 */
export async function linkStatuses(
  tx: DbOrTx,
  object: LearningObjectRef,
  statusIds: readonly string[],
): Promise<void> {
  await tx
    .delete(statusLearning)
    .where(and(eq(statusLearning.kind, object.kind), eq(statusLearning.objectId, object.objectId)));
  if (statusIds.length === 0) return;
  await tx
    .insert(statusLearning)
    .values(
      [...new Set(statusIds)].map((statusId) => ({
        statusId,
        kind: object.kind,
        objectId: object.objectId,
        bloomLevel: object.bloomLevel,
      })),
    )
    .onConflictDoNothing();
}

/** Forgets a deleted object's statuses. */
export async function unlinkObject(tx: DbOrTx, kind: LearningObjectType, objectId: string): Promise<void> {
  await tx
    .delete(statusLearning)
    .where(and(eq(statusLearning.kind, kind), eq(statusLearning.objectId, objectId)));
}
