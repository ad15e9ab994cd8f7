import type { MastodonApp } from '../env.ts';

export function registerBlocksAndMutes(_app: MastodonApp): void {}
