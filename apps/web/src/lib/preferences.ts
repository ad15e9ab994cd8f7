import { useSyncExternalStore } from 'react';
import { local, readJson, writeJson } from './storage.ts';

/** Wellbeing choices kept on this device (they change what is shown, never what the server stores). */
export interface Preferences {
  /** Hide like and boost counts on posts. */
  hideCounts: boolean;
  /** Hide follower and following counts on profiles. */
  hideFollowerCounts: boolean;
  /** Ask for a description (alt text) of every image before posting. */
  requireAltText: boolean;
}

const KEY = 'rounds:preferences';
const DEFAULTS: Preferences = { hideCounts: false, hideFollowerCounts: false, requireAltText: true };
const CHANGED = 'rounds:preferences';

let current: Preferences | null = null;

export function readPreferences(): Preferences {
  if (!current) current = { ...DEFAULTS, ...readJson<Partial<Preferences>>(local(), KEY) };
  return current;
}

export function savePreferences(change: Partial<Preferences>): void {
  current = { ...readPreferences(), ...change };
  writeJson(local(), KEY, current);
  window.dispatchEvent(new Event(CHANGED));
}

function subscribe(onChange: () => void): () => void {
  // Another tab changing them counts too.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== KEY) return;
    current = null;
    onChange();
  };
  window.addEventListener(CHANGED, onChange);
  window.addEventListener('storage', onStorage);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener('storage', onStorage);
  };
}

export function usePreferences(): Preferences {
  return useSyncExternalStore(subscribe, readPreferences);
}
