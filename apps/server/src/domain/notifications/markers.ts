import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { markers } from '../../db/schema/index.ts';

export type MarkerTimeline = 'home' | 'notifications';

export interface Marker {
  timeline: MarkerTimeline;
  lastReadId: string;
  version: number;
  updatedAt: Date;
}

/** The viewer's saved read positions for the timelines asked (missing ones are simply absent). */
export async function getMarkers(
  ctx: AppContext,
  accountId: string,
  timelines: readonly MarkerTimeline[],
): Promise<Marker[]> {
  if (timelines.length === 0) return [];
  return ctx.db
    .select({
      timeline: markers.timeline,
      lastReadId: markers.lastReadId,
      version: markers.version,
      updatedAt: markers.updatedAt,
    })
    .from(markers)
    .where(and(eq(markers.accountId, accountId), inArray(markers.timeline, [...new Set(timelines)])));
}

/**
 * Saves read positions. A new marker starts at version 0 and every save adds one, atomically
 * (an upsert), so two devices saving at once both land and the version tells them apart.
 */
export async function saveMarkers(
  ctx: AppContext,
  accountId: string,
  positions: Partial<Record<MarkerTimeline, string>>,
): Promise<Marker[]> {
  const now = ctx.clock.now();
  const saved: Marker[] = [];
  for (const timeline of ['home', 'notifications'] as const) {
    const lastReadId = positions[timeline];
    if (lastReadId === undefined) continue;
    const [row] = await ctx.db
      .insert(markers)
      .values({ accountId, timeline, lastReadId, version: 0, updatedAt: now })
      .onConflictDoUpdate({
        target: [markers.accountId, markers.timeline],
        set: { lastReadId, version: sql`${markers.version} + 1`, updatedAt: now },
      })
      .returning();
    if (row) saved.push(row);
  }
  return saved;
}
