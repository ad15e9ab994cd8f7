import type { MastodonApp } from '../../env.ts';

export function registerAccountGraph(_app: MastodonApp): void {}
