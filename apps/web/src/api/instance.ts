import { useEffect, useState } from 'react';
import type { Instance } from './types.ts';

let pending: Promise<Instance> | null = null;

/** GET /api/v2/instance once per page load (limits, registrations, rules). */
export function fetchInstance(): Promise<Instance> {
  pending ??= fetch('/api/v2/instance', { headers: { Accept: 'application/json' } })
    .then((res) => {
      if (!res.ok) throw new Error(`instance: HTTP ${res.status}`);
      return res.json() as Promise<Instance>;
    })
    .catch((error: unknown) => {
      pending = null;
      throw error;
    });
  return pending;
}

/** The instance, or null while it loads (or if it cannot: callers fall back to defaults). */
export function useInstance(): Instance | null {
  const [instance, setInstance] = useState<Instance | null>(null);
  useEffect(() => {
    let live = true;
    fetchInstance().then(
      (value) => {
        if (live) setInstance(value);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return instance;
}
