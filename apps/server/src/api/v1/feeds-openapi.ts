import { zTopFeed } from '@rounds/contract';
import { zTopFeedQuery } from './feeds.ts';
import type { Operation } from './openapi.ts';

/** The feed routes in the Rounds API's OpenAPI document (api/v1/openapi.ts). */
export const FEED_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/api/rounds/v1/feeds/top',
    operationId: 'getTopFeed',
    summary: 'A merit-ranked topic feed',
    description:
      'Public posts of the last 14 days with a hashtag (or a specialty’s hashtags), ranked by the evidence they cite and its level, endorsements (favourites) by verified members of the topic’s specialties, helpful correction notes and moderator labels (downward), with points halving every 72 hours. Never by follower counts or raw likes. Each item lists its reasons. Exactly one of `tag` and `specialty`; paged with `offset`.',
    tags: ['feeds'],
    auth: { kind: 'optional', scope: 'read:statuses' },
    query: zTopFeedQuery,
    response: zTopFeed,
    responseDescription: 'The ranked posts, best first, each with why it is there',
    errors: [422],
  },
];
