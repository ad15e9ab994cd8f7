import {
  zAcceptAnswerParams,
  zCase,
  zCaseListParams,
  zCaseOutcomeParams,
  zCreateCaseParams,
  zId,
  zPageParams,
  zRevealCaseParams,
} from '@rounds/contract';
import { z } from 'zod';
import type { Operation } from './openapi.ts';

const idParam = { id: { schema: zId, description: "The case's id" } };
const author = { kind: 'required', scope: 'write:statuses' } as const;
const reader = { kind: 'optional', scope: 'read:statuses' } as const;

/** The clinical case routes in the Rounds API's OpenAPI document (api/v1/openapi.ts). */
export const CASE_OPERATIONS: Operation[] = [
  {
    method: 'post',
    path: '/api/rounds/v1/cases',
    operationId: 'createCase',
    summary: 'Publish a clinical case',
    description:
      'Posts the case status (presentation, question, hashtags, images, differential poll; the poll goes on a self-reply ' +
      'when the case has images) and keeps the answer hidden until the reveal. Every field passes the PHI guard ' +
      '(any identifier: 422 `phi_detected`, nothing stored); images need alt text and a `consent` attestation.',
    tags: ['cases'],
    auth: author,
    body: zCreateCaseParams,
    response: zCase,
    responseDescription: 'The case',
    errors: [422],
  },
  {
    method: 'get',
    path: '/api/rounds/v1/cases',
    operationId: 'listCases',
    summary: 'Clinical cases the caller may see',
    description:
      'Newest first, paged like the Mastodon list endpoints (`max_id`, `since_id`, `min_id`, `limit`; Link header), ' +
      'filtered by `state` (open, solved), `tag`, `bloom_level` and `account_id`.',
    tags: ['cases'],
    auth: reader,
    query: zPageParams.extend(zCaseListParams.shape),
    response: z.array(zCase),
    responseDescription: 'A page of cases',
    paged: true,
    errors: [422],
  },
  {
    method: 'get',
    path: '/api/rounds/v1/cases/{id}',
    operationId: 'getCase',
    summary: 'A clinical case',
    description:
      'Its fields, state, consent record and statuses. The answer and teaching points are null before the reveal ' +
      'for everyone but the author. Visible to whoever may see the case status.',
    tags: ['cases'],
    auth: reader,
    pathParams: idParam,
    response: zCase,
    responseDescription: 'The case',
    errors: [404, 422],
  },
  {
    method: 'delete',
    path: '/api/rounds/v1/cases/{id}',
    operationId: 'deleteCase',
    summary: 'Delete a case',
    description:
      'The author deletes the case with its statuses (case, poll, reveal, outcome). Replies by others stay.',
    tags: ['cases'],
    auth: author,
    pathParams: idParam,
    response: z.object({}),
    responseDescription: 'Deleted',
    errors: [404, 422],
  },
  {
    method: 'post',
    path: '/api/rounds/v1/cases/{id}/reveal',
    operationId: 'revealCase',
    summary: 'Reveal the answer now',
    description:
      'The author posts the reveal, a reply to the case with the answer and teaching points (those sent here, or those ' +
      'saved with the case). Once: 409 when revealed already.',
    tags: ['cases'],
    auth: author,
    pathParams: idParam,
    body: zRevealCaseParams,
    response: zCase,
    responseDescription: 'The revealed case',
    errors: [404, 409, 422],
  },
  {
    method: 'post',
    path: '/api/rounds/v1/cases/{id}/outcome',
    operationId: 'postCaseOutcome',
    summary: 'Post the outcome follow-up',
    description: 'After the reveal, the author posts what happened as another reply to the case. Once.',
    tags: ['cases'],
    auth: author,
    pathParams: idParam,
    body: zCaseOutcomeParams,
    response: zCase,
    responseDescription: 'The case with its outcome',
    errors: [404, 409, 422],
  },
  {
    method: 'put',
    path: '/api/rounds/v1/cases/{id}/accepted_answer',
    operationId: 'acceptCaseAnswer',
    summary: 'Accept a reply as the answer',
    description:
      "The author picks a reply by someone else anywhere in the case's thread (422 otherwise); the case is solved. " +
      'Picking another replaces it.',
    tags: ['cases'],
    auth: author,
    pathParams: idParam,
    body: zAcceptAnswerParams,
    response: zCase,
    responseDescription: 'The solved case',
    errors: [404, 422],
  },
  {
    method: 'delete',
    path: '/api/rounds/v1/cases/{id}/accepted_answer',
    operationId: 'clearCaseAnswer',
    summary: 'Clear the accepted answer',
    description: 'The case is open again.',
    tags: ['cases'],
    auth: author,
    pathParams: idParam,
    response: zCase,
    responseDescription: 'The open case',
    errors: [404, 422],
  },
];
