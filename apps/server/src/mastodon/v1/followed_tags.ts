import type { MastodonApp } from '../env.ts';

export function registerFollowedTags(_app: MastodonApp): void {}
