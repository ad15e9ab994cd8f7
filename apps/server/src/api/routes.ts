import type { MastodonApp } from '../mastodon/env.ts';
import { registerCases } from './v1/cases.ts';
import { registerCorrections } from './v1/corrections.ts';
import { registerCredentials } from './v1/credentials.ts';
import { registerDisclosures } from './v1/disclosures.ts';
import { registerFeeds } from './v1/feeds.ts';
import { registerLabels } from './v1/labels.ts';
import { registerLearningRecord } from './v1/learning-record.ts';
import { registerOpenApi } from './v1/openapi.ts';
import { registerPapers } from './v1/papers.ts';
import { registerPersonas } from './v1/personas.ts';
import { registerPhiCheck } from './v1/phi.ts';
import { registerQuizzes } from './v1/quizzes.ts';
import { registerRoundsStatuses } from './v1/statuses.ts';
import { registerTweetorials } from './v1/tweetorials.ts';

/** Rounds' own API under /api/rounds/v1: what Mastodon has no shape for. */
export function registerRoundsRoutes(app: MastodonApp): void {
  registerPhiCheck(app);
  registerRoundsStatuses(app);
  registerPapers(app);
  registerCredentials(app);
  registerCases(app);
  registerLearningRecord(app);
  registerFeeds(app);
  registerQuizzes(app);
  registerTweetorials(app);
  registerDisclosures(app);
  registerCorrections(app);
  registerLabels(app);
  registerPersonas(app);
  registerOpenApi(app);
}
