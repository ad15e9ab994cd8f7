import {
  zCorrectionNote,
  zCorrectionNoteParams,
  zCorrectionRatingParams,
  zDisclosures,
  zDisclosuresParams,
  zId,
  zRoundsStatus,
  zStatusLabelParams,
} from '@rounds/contract';
import { z } from 'zod';
import { DISCLOSURES_PATH } from './disclosures.ts';
import type { Operation } from './openapi.ts';

const statusParam = {
  id: { schema: zId, description: "The status's id (a reblog's id means the reblogged status)" },
};
const noteParam = { id: { schema: zId, description: "The correction note's id" } };
const writer = { kind: 'required', scope: 'write:statuses' } as const;
const moderator = { kind: 'required', scope: 'admin:write:reports' } as const;

/**
 * The trust routes (disclosures, correction notes, moderator labels) in the Rounds API's OpenAPI
 * document (api/v1/openapi.ts).
 */
export const TRUST_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: DISCLOSURES_PATH,
    operationId: 'getDisclosures',
    summary: 'My declared competing interests',
    description:
      'The caller’s declaration; everyone else reads it on the Account entity (`rounds.disclosures` and a "Disclosures" field).',
    tags: ['disclosures'],
    auth: { kind: 'required', scope: 'read:accounts' },
    response: zDisclosures,
    responseDescription: 'The declaration (`declared: false` when there is none)',
    errors: [],
  },
  {
    method: 'put',
    path: DISCLOSURES_PATH,
    operationId: 'declareDisclosures',
    summary: 'Declare competing interests',
    description:
      'Replaces the declaration: free text (≤ 1,000 characters) and structured entries, or `none: true` ' +
      '(no competing interests). An empty body withdraws the declaration. Patient identifiers are refused.',
    tags: ['disclosures'],
    auth: { kind: 'required', scope: 'write:accounts' },
    body: zDisclosuresParams,
    response: zDisclosures,
    responseDescription: 'The declaration as it now stands',
    errors: [422],
  },
  {
    method: 'get',
    path: '/api/rounds/v1/statuses/{id}/corrections',
    operationId: 'listCorrectionNotes',
    summary: 'Correction notes on a status',
    description:
      'Verified members, moderators and the post’s author see every note with its ratings; everyone else ' +
      'sees the notes shown on the post. A status the caller may not see is a 404.',
    tags: ['corrections'],
    auth: { kind: 'optional', scope: 'read:statuses' },
    pathParams: statusParam,
    response: z.array(zCorrectionNote),
    responseDescription: 'Shown notes first, most helpful first',
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/rounds/v1/statuses/{id}/corrections',
    operationId: 'writeCorrectionNote',
    summary: 'Write a correction note on a status',
    description:
      'Verified members only, not on their own post, one note per post. Text ≤ 1,000 characters (PHI-guarded) ' +
      'and at least one source (DOI, PubMed id or URL, in `sources` or in the text).',
    tags: ['corrections'],
    auth: writer,
    pathParams: statusParam,
    body: zCorrectionNoteParams,
    response: zCorrectionNote,
    responseDescription: 'The note (not shown until rated helpful)',
    errors: [404, 409, 422],
  },
  {
    method: 'put',
    path: '/api/rounds/v1/corrections/{id}',
    operationId: 'editCorrectionNote',
    summary: 'Edit my correction note',
    description: 'Same rules as writing it. Its ratings are cleared: raters rated the old words.',
    tags: ['corrections'],
    auth: writer,
    pathParams: noteParam,
    body: zCorrectionNoteParams,
    response: zCorrectionNote,
    responseDescription: 'The edited note',
    errors: [404, 422],
  },
  {
    method: 'delete',
    path: '/api/rounds/v1/corrections/{id}',
    operationId: 'deleteCorrectionNote',
    summary: 'Delete a correction note',
    description: 'Its writer or a moderator; its ratings go with it.',
    tags: ['corrections'],
    auth: writer,
    pathParams: noteParam,
    response: z.object({}),
    responseDescription: 'Deleted',
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/rounds/v1/corrections/{id}/rating',
    operationId: 'rateCorrectionNote',
    summary: 'Rate a correction note helpful or not',
    description:
      'Verified members only; not one’s own note nor a note on one’s own post (a persona counts as its person’s). ' +
      'One rating per person; rating again changes it.',
    tags: ['corrections'],
    auth: writer,
    pathParams: noteParam,
    body: zCorrectionRatingParams,
    response: zCorrectionNote,
    responseDescription: 'The note with its new tally',
    errors: [404, 409, 422],
  },
  {
    method: 'delete',
    path: '/api/rounds/v1/corrections/{id}/rating',
    operationId: 'unrateCorrectionNote',
    summary: 'Take my rating back',
    description: 'Removes the caller’s rating, if any.',
    tags: ['corrections'],
    auth: writer,
    pathParams: noteParam,
    response: zCorrectionNote,
    responseDescription: 'The note with its new tally',
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/rounds/v1/statuses/{id}/labels',
    operationId: 'labelStatus',
    summary: 'Label a status (moderators)',
    description:
      'Moderators and admins: `misleading`, `outdated_guidance` or `retracted_paper`. Labelling twice changes nothing.',
    tags: ['labels'],
    auth: moderator,
    pathParams: statusParam,
    body: zStatusLabelParams,
    response: zRoundsStatus,
    responseDescription: 'The labelled status',
    errors: [404, 422],
  },
  {
    method: 'delete',
    path: '/api/rounds/v1/statuses/{id}/labels',
    operationId: 'unlabelStatus',
    summary: 'Remove a label from a status (moderators)',
    description: 'The label to remove goes in the query (`?label=misleading`) or the body.',
    tags: ['labels'],
    auth: moderator,
    pathParams: statusParam,
    query: zStatusLabelParams,
    response: zRoundsStatus,
    responseDescription: 'The status without that label',
    errors: [404, 422],
  },
];
