import type { BloomLevel, LearningObjectType, LearningRecordKind } from '@rounds/contract';
import type { DbOrTx } from '../../db/client.ts';
import { generateId } from '../../db/ids.ts';
import { type LearningRecordEntryRow, learningRecordEntries } from '../../db/schema/index.ts';

export interface NewRecordEntry {
  accountId: string;
  kind: LearningRecordKind;
  objectKind: LearningObjectType;
  objectId: string;
  /** The status that presents the object (a tweetorial's first part, a case, the quiz's post). */
  statusId: string | null;
  /** What the learner will read in their portfolio: the object's title (or its first words). */
  title: string;
  bloomLevel: BloomLevel | null;
  occurredAt: Date;
  timeSpentSeconds?: number | null;
  reflection?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Adds an entry to a learner's portfolio. Called by the learning objects in the transaction that
 * records what the learner did (completing a tweetorial, attempting a quiz, contributing to a
 * case), so an entry exists exactly when the act does.
 */
export async function addRecordEntry(tx: DbOrTx, entry: NewRecordEntry): Promise<LearningRecordEntryRow> {
  const [row] = await tx
    .insert(learningRecordEntries)
    .values({
      id: generateId(entry.occurredAt.getTime()),
      accountId: entry.accountId,
      kind: entry.kind,
      objectKind: entry.objectKind,
      objectId: entry.objectId,
      statusId: entry.statusId,
      title: entry.title,
      bloomLevel: entry.bloomLevel,
      occurredAt: entry.occurredAt,
      timeSpentSeconds: entry.timeSpentSeconds ?? null,
      reflection: entry.reflection ?? null,
      details: entry.details ?? {},
    })
    .returning();
  return row!;
}
