import type { MastodonApp } from '../env.ts';

export function registerTimelines(_app: MastodonApp): void {}
