import type { MastodonApp } from '../env.ts';

export function registerStatuses(_app: MastodonApp): void {}
