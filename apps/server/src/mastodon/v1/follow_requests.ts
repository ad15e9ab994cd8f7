import type { MastodonApp } from '../env.ts';

export function registerFollowRequests(_app: MastodonApp): void {}
