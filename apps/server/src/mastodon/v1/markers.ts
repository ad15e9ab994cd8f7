import { MARKER_TIMELINES, type MarkerTimeline, zMarkerQuery, zSaveMarkersParams } from '@rounds/contract';
import { getMarkers, type Marker, saveMarkers } from '../../domain/notifications/index.ts';
import { requireUser } from '../auth.ts';
import { renderMarker } from '../entities/notification.ts';
import type { MastodonApp } from '../env.ts';
import { parseWith, readParams, readQuery } from '../params.ts';

function byTimeline(list: Marker[]) {
  return Object.fromEntries(list.map((m) => [m.timeline, renderMarker(m)]));
}

const isTimeline = (t: string): t is MarkerTimeline => (MARKER_TIMELINES as readonly string[]).includes(t);

/** /api/v1/markers: read positions in the home timeline and notifications, synced across devices. */
export function registerMarkers(app: MastodonApp): void {
  app.get('/api/v1/markers', async (c) => {
    const me = requireUser(c, 'read:statuses');
    const p = parseWith(zMarkerQuery, readQuery(c));
    const timelines = (p.timeline ?? []).filter(isTimeline);
    return c.json(byTimeline(await getMarkers(c.get('ctx'), me.account.id, timelines)));
  });

  app.post('/api/v1/markers', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const p = parseWith(zSaveMarkersParams, await readParams(c));
    const saved = await saveMarkers(c.get('ctx'), me.account.id, {
      ...(p.home ? { home: p.home.last_read_id } : {}),
      ...(p.notifications ? { notifications: p.notifications.last_read_id } : {}),
    });
    return c.json(byTimeline(saved));
  });
}
