import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import {
  correctionNotes,
  type ShownCorrectionMark,
  type StatusLabelMark,
  statusLabels,
  statusTrust,
} from '../../db/schema/index.ts';

/**
 * What a post shows about trust, as hydration hands it to renderers (`HydratedStatus.trust`):
 * the author's per-post disclosure, the correction note shown, the moderator labels.
 */
export interface StatusTrust {
  disclosure: { text: string | null } | null;
  correction: ShownCorrectionMark | null;
  labels: StatusLabelMark[];
}

export const NO_TRUST: StatusTrust = Object.freeze({ disclosure: null, correction: null, labels: [] });

/** The `trust` detail row of hydration (`'d'`, `'dt'`, `'c'`, `'l'`: hydrate-sql.ts) as a StatusTrust. */
export function decodeTrust(j: Record<string, unknown> | null): StatusTrust {
  if (!j) return NO_TRUST;
  return {
    disclosure: j.d ? { text: (j.dt as string | null) ?? null } : null,
    correction: (j.c as ShownCorrectionMark | null) ?? null,
    labels: (j.l as StatusLabelMark[] | null) ?? [],
  };
}

/**
 * Takes the status's status_trust row (creating it if needed) and holds its lock until the
 * transaction ends, so that changes to one post's notes, ratings, labels and disclosure run one at
 * a time and each recomputation sees the one before it.
 */
export async function lockStatusTrust(tx: DbOrTx, statusId: string, now: Date): Promise<void> {
  await tx
    .insert(statusTrust)
    .values({ statusId, updatedAt: now })
    .onConflictDoUpdate({ target: statusTrust.statusId, set: { updatedAt: now } });
}

/** Drops the row when the post has nothing left to show, so status_trust stays as small as what it shows. */
async function pruneStatusTrust(tx: DbOrTx, statusId: string): Promise<void> {
  await tx
    .delete(statusTrust)
    .where(
      and(
        eq(statusTrust.statusId, statusId),
        sql`not ${statusTrust.disclosure} and ${statusTrust.correction} is null and ${statusTrust.labels} = '[]'::jsonb`,
      ),
    );
}

/**
 * Sets the post's disclosure flag. Returns whether it changed (an edit that changes it sets
 * edited_at, as the text shown changes). Call after `lockStatusTrust` or on a new post.
 */
export async function writePostDisclosure(
  tx: DbOrTx,
  statusId: string,
  disclosure: { text: string | null } | null,
  now: Date,
): Promise<boolean> {
  const [before] = await tx
    .select({ disclosure: statusTrust.disclosure, text: statusTrust.disclosureText })
    .from(statusTrust)
    .where(eq(statusTrust.statusId, statusId));
  const changed =
    (before?.disclosure ?? false) !== (disclosure !== null) ||
    (disclosure !== null && (before?.text ?? null) !== disclosure.text);
  if (changed) {
    const set = { disclosure: disclosure !== null, disclosureText: disclosure?.text ?? null, updatedAt: now };
    await tx
      .insert(statusTrust)
      .values({ statusId, ...set })
      .onConflictDoUpdate({ target: statusTrust.statusId, set });
  }
  await pruneStatusTrust(tx, statusId);
  return changed;
}

/**
 * Copies the note the post shows into status_trust: of its shown notes, the one most rated
 * helpful (the oldest on a tie); none when no note is shown.
 */
export async function refreshShownCorrection(tx: DbOrTx, statusId: string, now: Date): Promise<void> {
  const [best] = await tx
    .select()
    .from(correctionNotes)
    .where(and(eq(correctionNotes.statusId, statusId), eq(correctionNotes.shown, true)))
    .orderBy(desc(correctionNotes.helpfulCount), asc(correctionNotes.id))
    .limit(1);
  const correction: ShownCorrectionMark | null = best
    ? {
        id: best.id,
        text: best.text,
        sources: best.sources,
        helpfulCount: best.helpfulCount,
        specialties: best.specialties,
      }
    : null;
  await tx
    .insert(statusTrust)
    .values({ statusId, correction, updatedAt: now })
    .onConflictDoUpdate({ target: statusTrust.statusId, set: { correction, updatedAt: now } });
  await pruneStatusTrust(tx, statusId);
}

/** Copies the post's moderator labels into status_trust, in the order they were put on. */
export async function refreshLabels(tx: DbOrTx, statusId: string, now: Date): Promise<void> {
  const rows = await tx
    .select({ label: statusLabels.label, createdAt: statusLabels.createdAt })
    .from(statusLabels)
    .where(eq(statusLabels.statusId, statusId))
    .orderBy(asc(statusLabels.createdAt), asc(statusLabels.label));
  const labels: StatusLabelMark[] = rows.map((r) => ({
    label: r.label,
    createdAt: r.createdAt.toISOString(),
  }));
  await tx
    .insert(statusTrust)
    .values({ statusId, labels, updatedAt: now })
    .onConflictDoUpdate({ target: statusTrust.statusId, set: { labels, updatedAt: now } });
  await pruneStatusTrust(tx, statusId);
}
