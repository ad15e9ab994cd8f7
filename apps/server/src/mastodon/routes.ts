import type { MastodonApp } from './env.ts';
import { registerAuthorize } from './oauth/authorize.ts';
import { registerToken } from './oauth/token.ts';
import { registerAccountGraph } from './v1/accounts/graph.ts';
import { registerAccounts } from './v1/accounts/index.ts';
import { registerAccountStatuses } from './v1/accounts/statuses.ts';
import { registerApps } from './v1/apps.ts';
import { registerBlocksAndMutes } from './v1/blocks.ts';
import { registerBookmarks } from './v1/bookmarks.ts';
import { registerClientDefaults } from './v1/client-defaults.ts';
import { registerFollowRequests } from './v1/follow_requests.ts';
import { registerFollowedTags } from './v1/followed_tags.ts';
import { registerInstance } from './v1/instance.ts';
import { registerStatuses } from './v1/statuses.ts';
import { registerTags } from './v1/tags.ts';
import { registerTimelines } from './v1/timelines.ts';
import { registerWellKnown } from './well-known.ts';

/** Every Mastodon client API route, named after the API path it serves. */
export function registerMastodonRoutes(app: MastodonApp): void {
  registerWellKnown(app);
  registerAuthorize(app);
  registerToken(app);
  registerApps(app);
  registerInstance(app);
  registerAccounts(app);
  registerAccountGraph(app);
  registerAccountStatuses(app);
  registerFollowRequests(app);
  registerBlocksAndMutes(app);
  registerStatuses(app);
  registerBookmarks(app);
  registerTimelines(app);
  registerTags(app);
  registerFollowedTags(app);
  registerClientDefaults(app);
}
