import type { MastodonApp } from '../env.ts';

export function registerBookmarks(_app: MastodonApp): void {}
