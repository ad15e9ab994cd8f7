import type { MastodonApp } from '../env.ts';

export function registerTags(_app: MastodonApp): void {}
