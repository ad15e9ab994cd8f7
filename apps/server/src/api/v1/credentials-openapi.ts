import { zId } from '@rounds/contract';
import { z } from 'zod';
import {
  zApproveParams,
  zAuditEntry,
  zCheckParams,
  zCredential,
  zCredentialParams,
  zQuestionParams,
  zQueueItem,
  zReasonParams,
  zVocabulary,
} from './credentials.ts';
import type { Operation } from './openapi.ts';

const idParam = { id: { schema: zId, description: "The credential's id" } };
const member = { kind: 'required', scope: 'write:accounts' } as const;
const reader = { kind: 'required', scope: 'read:accounts' } as const;

/** The credential routes in the Rounds API's OpenAPI document (api/v1/openapi.ts). */
export const CREDENTIAL_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/api/rounds/v1/credentials/vocabulary',
    operationId: 'getCredentialVocabulary',
    summary: 'Professions and specialties',
    description: 'The controlled vocabularies a credential is described with; codes are stable.',
    tags: ['credentials'],
    auth: null,
    response: zVocabulary,
    responseDescription: 'The professions and the specialty list',
    errors: [],
  },
  {
    method: 'post',
    path: '/api/rounds/v1/credentials',
    operationId: 'submitCredential',
    summary: 'Submit a credential for verification',
    description:
      'It waits in the verification queue as `pending`. The licence number is stored encrypted and never returned.',
    tags: ['credentials'],
    auth: member,
    body: zCredentialParams,
    response: zCredential,
    responseDescription: 'The submitted credential',
    errors: [422],
  },
  {
    method: 'get',
    path: '/api/rounds/v1/credentials',
    operationId: 'listMyCredentials',
    summary: 'My credentials, with their status',
    description: 'Newest first; includes the verifier’s question or reason where there is one.',
    tags: ['credentials'],
    auth: reader,
    response: z.array(zCredential),
    responseDescription: 'The caller’s credentials',
    errors: [],
  },
  {
    method: 'put',
    path: '/api/rounds/v1/credentials/{id}',
    operationId: 'updateCredential',
    summary: 'Update a submission in review (answer a question)',
    description:
      'Replaces every field of a `pending` or `needs_info` credential and puts it back in the queue. A decided credential cannot change: renew by submitting anew.',
    tags: ['credentials'],
    auth: member,
    pathParams: idParam,
    body: zCredentialParams,
    response: zCredential,
    responseDescription: 'The updated credential',
    errors: [404, 409, 422],
  },
  {
    method: 'get',
    path: '/api/rounds/v1/credentials/{id}/audit',
    operationId: 'listCredentialAudit',
    summary: 'A credential’s audit trail',
    description: 'Every step, oldest first: who, what, when. Its owner and verifiers may read it.',
    tags: ['credentials'],
    auth: reader,
    pathParams: idParam,
    response: z.array(zAuditEntry),
    responseDescription: 'The steps',
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/rounds/v1/verification/queue',
    operationId: 'listVerificationQueue',
    summary: 'The verification queue',
    description: 'Pending credentials, oldest first, with their accounts; verifiers only, never their own.',
    tags: ['verification'],
    auth: reader,
    response: z.array(zQueueItem),
    responseDescription: 'Credentials awaiting a decision',
    errors: [],
  },
  ...(
    [
      [
        'approve',
        'approveCredential',
        'Approve',
        zApproveParams,
        'Shown as verified by the organisation until valid_until.',
      ],
      ['reject', 'rejectCredential', 'Reject, with a reason', zReasonParams, 'The member sees the reason.'],
      [
        'ask',
        'askForCredentialInfo',
        'Ask the member for more',
        zQuestionParams,
        'The member answers by updating the submission.',
      ],
      [
        'revoke',
        'revokeCredential',
        'Revoke a verified credential',
        zReasonParams,
        'Its badge disappears everywhere at once.',
      ],
      [
        'check_licence',
        'checkLicenceNumber',
        'Compare the licence number with a register',
        zCheckParams,
        'Answers whether it matches; the number itself is never returned.',
      ],
    ] as const
  ).map(
    ([verb, operationId, summary, body, description]): Operation => ({
      method: 'post',
      path: `/api/rounds/v1/verification/credentials/{id}/${verb}`,
      operationId,
      summary,
      description: `${description} Verifiers only, never on their own credential.`,
      tags: ['verification'],
      auth: member,
      pathParams: idParam,
      body,
      response: verb === 'check_licence' ? z.object({ matches: z.boolean() }) : zCredential,
      responseDescription: verb === 'check_licence' ? 'Whether it matches' : 'The credential after the step',
      errors: [404, 409, 422],
    }),
  ),
];
