import { useEffect, useState } from 'react';
import { createDeviceStore } from './device-store.ts';

/**
 * Quiet hours: a daily span, in the reader's own time zone (the device clock), during which live
 * notifications are held: not shown, not counted in the badge, until the span ends or the person
 * opens their notifications.
 */
export interface QuietHours {
  enabled: boolean;
  /** "HH:MM", local time. */
  start: string;
  /** "HH:MM", local time; before `start` means the span crosses midnight. */
  end: string;
}

const store = createDeviceStore<QuietHours>('rounds:quiet-hours', {
  enabled: false,
  start: '22:00',
  end: '07:00',
});

export const saveQuietHours = store.save;
export const useQuietHours = store.use;

/** Minutes after midnight for "HH:MM", or null when it is not a time of day. */
export function minutesOf(time: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

function span(q: QuietHours): { start: number; end: number } | null {
  if (!q.enabled) return null;
  const start = minutesOf(q.start);
  const end = minutesOf(q.end);
  if (start === null || end === null || start === end) return null;
  return { start, end };
}

/** Whether `at` (read on the local clock) falls inside the quiet hours. */
export function isQuietAt(q: QuietHours, at: Date): boolean {
  const s = span(q);
  if (!s) return false;
  const m = at.getHours() * 60 + at.getMinutes();
  return s.start < s.end ? m >= s.start && m < s.end : m >= s.start || m < s.end;
}

/** The next moment after `at` when quiet hours begin or end (local clock, so DST is respected). */
export function nextQuietChange(q: QuietHours, at: Date): Date | null {
  const s = span(q);
  if (!s) return null;
  let next: Date | null = null;
  for (let day = 0; day <= 1; day++) {
    for (const minutes of [s.start, s.end]) {
      const candidate = new Date(
        at.getFullYear(),
        at.getMonth(),
        at.getDate() + day,
        Math.floor(minutes / 60),
        minutes % 60,
      );
      if (candidate > at && (!next || candidate < next)) next = candidate;
    }
  }
  return next;
}

/** True while quiet hours are on; re-renders when they begin or end. */
export function useQuietNow(): boolean {
  const q = useQuietHours();
  const [tick, setTick] = useState(0);
  const quiet = isQuietAt(q, new Date());

  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` re-arms the timer after each wake-up.
  useEffect(() => {
    const next = nextQuietChange(q, new Date());
    // Timers sleep in background tabs: look again whenever the tab comes back.
    const onVisible = () => setTick((n) => n + 1);
    document.addEventListener('visibilitychange', onVisible);
    // NOTE: capped at an hour, so a sleeping laptop or a changed clock is caught up within the hour.
    const delay = next ? Math.min(next.getTime() - Date.now() + 500, 3_600_000) : 3_600_000;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.max(delay, 1000));
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [q, tick]);

  return quiet;
}
