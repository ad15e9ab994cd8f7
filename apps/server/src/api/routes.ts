import type { MastodonApp } from '../mastodon/env.ts';
import { registerCredentials } from './v1/credentials.ts';
import { registerOpenApi } from './v1/openapi.ts';
import { registerPapers } from './v1/papers.ts';
import { registerPhiCheck } from './v1/phi.ts';
import { registerRoundsStatuses } from './v1/statuses.ts';

/** Rounds' own API under /api/rounds/v1: what Mastodon has no shape for. */
export function registerRoundsRoutes(app: MastodonApp): void {
  registerPhiCheck(app);
  registerRoundsStatuses(app);
  registerPapers(app);
  registerCredentials(app);
  registerOpenApi(app);
}
