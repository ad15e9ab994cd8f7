import { useSyncExternalStore } from 'react';
import { local, readJson, writeJson } from './storage.ts';

/** A setting kept in this browser's local storage, shared by every component (and tab) that reads it. */
export interface DeviceStore<T> {
  read(): T;
  save(change: Partial<T>): void;
  /** The current value; re-renders when it changes here or in another tab. */
  use(): T;
}

export function createDeviceStore<T extends object>(key: string, defaults: T): DeviceStore<T> {
  const changed = `${key}:changed`;
  let current: T | null = null;

  function read(): T {
    if (!current) current = { ...defaults, ...readJson<Partial<T>>(local(), key) };
    return current;
  }

  function save(change: Partial<T>): void {
    current = { ...read(), ...change };
    writeJson(local(), key, current);
    window.dispatchEvent(new Event(changed));
  }

  function subscribe(onChange: () => void): () => void {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== key) return;
      current = null;
      onChange();
    };
    window.addEventListener(changed, onChange);
    window.addEventListener('storage', onStorage);
    return () => {
      window.removeEventListener(changed, onChange);
      window.removeEventListener('storage', onStorage);
    };
  }

  return {
    read,
    save,
    use: () => useSyncExternalStore(subscribe, read),
  };
}
