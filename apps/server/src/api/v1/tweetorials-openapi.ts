import {
  zCompleteTweetorialParams,
  zId,
  zTweetorial,
  zTweetorialCompletion,
  zTweetorialListParams,
  zTweetorialParams,
  zTweetorialReading,
  zTweetorialVersion,
  zUncompleteTweetorialParams,
} from '@rounds/contract';
import { z } from 'zod';
import type { Operation } from './openapi.ts';
import { TWEETORIALS_PATH } from './tweetorials.ts';

const idParam = { id: { schema: zId, description: "The tweetorial's id" } };
const author = { kind: 'required', scope: 'write:statuses' } as const;
const reader = { kind: 'optional', scope: 'read:statuses' } as const;

/** The tweetorial routes in the Rounds API's OpenAPI document (api/v1/openapi.ts). */
export const TWEETORIAL_OPERATIONS: Operation[] = [
  {
    method: 'post',
    path: TWEETORIALS_PATH,
    operationId: 'publishTweetorial',
    summary: 'Publish a tweetorial',
    description:
      'Posts the parts at once as a self-reply thread of ordinary statuses, numbered "1/n" … "n/n" at the start of each; ' +
      'part 1 carries the title, the topic hashtags and the references. Every field passes the PHI guard: identifiers ' +
      'anywhere refuse the whole tweetorial (422 `phi_detected`, the spans naming their fields) and nothing is stored. ' +
      'An `Idempotency-Key` header returns the first tweetorial for a repeated request.',
    tags: ['tweetorials'],
    auth: author,
    body: zTweetorialParams,
    response: zTweetorialReading,
    responseDescription: 'The published tweetorial in reading view',
    errors: [422],
  },
  {
    method: 'get',
    path: TWEETORIALS_PATH,
    operationId: 'listTweetorials',
    summary: 'Tweetorials, newest first',
    description:
      'Those the caller may see (the visibility of part 1), filtered by author, Bloom level or hashtag, paged like the ' +
      'Mastodon list endpoints. Unlisted tweetorials appear only with `account_id`; muted authors are left out otherwise.',
    tags: ['tweetorials'],
    auth: reader,
    query: zTweetorialListParams,
    response: z.array(zTweetorial),
    responseDescription: 'A page of tweetorials (no parts)',
    paged: true,
    errors: [422],
  },
  {
    method: 'get',
    path: `${TWEETORIALS_PATH}/{id}`,
    operationId: 'getTweetorial',
    summary: 'The reading view',
    description:
      'The current version with every part as a Status entity, in order, and the caller’s completion. 404 for whoever may not see part 1.',
    tags: ['tweetorials'],
    auth: reader,
    pathParams: idParam,
    response: zTweetorialReading,
    responseDescription: 'The tweetorial in reading view',
    errors: [404, 422],
  },
  {
    method: 'put',
    path: `${TWEETORIALS_PATH}/{id}`,
    operationId: 'editTweetorial',
    summary: 'Publish a new version',
    description:
      'The whole tweetorial again. Earlier versions are kept. Part k’s status is edited in place (Mastodon edit history), ' +
      'parts added at the end are posted as replies, parts removed from the end are deleted. Visibility cannot change. ' +
      'Author only: 403 for others who can see it, 404 for those who cannot.',
    tags: ['tweetorials'],
    auth: author,
    pathParams: idParam,
    body: zTweetorialParams,
    response: zTweetorialReading,
    responseDescription: 'The tweetorial at its new version',
    errors: [404, 422],
  },
  {
    method: 'delete',
    path: `${TWEETORIALS_PATH}/{id}`,
    operationId: 'deleteTweetorial',
    summary: 'Delete a tweetorial and its statuses',
    description:
      'Author only. Every part’s status is deleted; replies by others stay. Learners’ record entries stay. Answers the last version, for redrafting.',
    tags: ['tweetorials'],
    auth: author,
    pathParams: idParam,
    response: zTweetorialVersion,
    responseDescription: 'The last version as it was',
    errors: [404],
  },
  {
    method: 'get',
    path: `${TWEETORIALS_PATH}/{id}/versions`,
    operationId: 'listTweetorialVersions',
    summary: 'Every version, oldest first',
    description: 'Each version as it was published, the current one last.',
    tags: ['tweetorials'],
    auth: reader,
    pathParams: idParam,
    response: z.array(zTweetorialVersion),
    responseDescription: 'The versions',
    errors: [404, 422],
  },
  {
    method: 'get',
    path: `${TWEETORIALS_PATH}/{id}/versions/{version}`,
    operationId: 'getTweetorialVersion',
    summary: 'One version',
    description: 'A version as it was published (1 is the first).',
    tags: ['tweetorials'],
    auth: reader,
    pathParams: { ...idParam, version: { schema: z.int().min(1), description: 'The version number' } },
    response: zTweetorialVersion,
    responseDescription: 'The version',
    errors: [404, 422],
  },
  {
    method: 'post',
    path: `${TWEETORIALS_PATH}/{id}/complete`,
    operationId: 'completeTweetorial',
    summary: 'Mark the current version completed',
    description:
      'Adds a `tweetorial_completed` entry to the caller’s learning record, once per version: completing the same version ' +
      'again updates the reflection and time spent given. Not for the author (403). The reflection passes the PHI guard.',
    tags: ['tweetorials'],
    auth: author,
    pathParams: idParam,
    body: zCompleteTweetorialParams,
    response: zTweetorialCompletion,
    responseDescription: 'The completion',
    errors: [404, 422],
  },
  {
    method: 'delete',
    path: `${TWEETORIALS_PATH}/{id}/complete`,
    operationId: 'uncompleteTweetorial',
    summary: 'Undo a completion',
    description:
      'Removes the caller’s completion of the current version (or of `version`) and its learning record entry. Idempotent.',
    tags: ['tweetorials'],
    auth: author,
    pathParams: idParam,
    query: zUncompleteTweetorialParams,
    response: z.object({}),
    responseDescription: 'An empty object',
    errors: [404, 422],
  },
];
