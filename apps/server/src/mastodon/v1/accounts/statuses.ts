import type { MastodonApp } from '../../env.ts';

export function registerAccountStatuses(_app: MastodonApp): void {}
