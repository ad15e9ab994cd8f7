import {
  zCreatePersonaParams,
  zId,
  zMyPersona,
  zPersona,
  zSwitchedToken,
  zSwitchPersonaParams,
} from '@rounds/contract';
import { z } from 'zod';
import type { Operation } from './openapi.ts';
import { LINKED_ACCOUNTS_PATH, PERSONAS_PATH } from './personas.ts';

/** The persona routes in the Rounds API's OpenAPI document (api/v1/openapi.ts). */
export const PERSONA_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: PERSONAS_PATH,
    operationId: 'listMyPersonas',
    summary: 'My accounts (professional and personal)',
    description:
      'The accounts the caller signs in to, the one signed up with first; `current` marks the one this token acts as. ' +
      'Nobody else sees that they belong together (moderators excepted).',
    tags: ['personas'],
    auth: { kind: 'required', scope: 'read:accounts' },
    response: z.array(zMyPersona),
    responseDescription: 'One or two accounts',
    errors: [],
  },
  {
    method: 'post',
    path: PERSONAS_PATH,
    operationId: 'createPersona',
    summary: 'Create my second account',
    description:
      'From a token of the account signed up with. `username` follows the sign-up rules (1–30 letters, digits or ' +
      'underscores, unique whatever the case); `kind` is what the new account is, and the first one becomes the other ' +
      'kind. At most one per sign-in (409). The new account starts with the first one’s posting defaults, then keeps ' +
      'its own. Switch to it with POST /api/rounds/v1/personas/switch.',
    tags: ['personas'],
    auth: { kind: 'required', scope: 'write:accounts' },
    body: zCreatePersonaParams,
    response: z.array(zMyPersona),
    responseDescription: 'Both accounts',
    errors: [409, 422],
  },
  {
    method: 'post',
    path: `${PERSONAS_PATH}/switch`,
    operationId: 'switchPersona',
    summary: 'Get a token acting as my other account',
    description:
      'A new access token for the same app, with the same scopes and expiry, acting as `account_id` (one of the ' +
      'caller’s accounts; any other id is a 404). The client replaces its token with it. The token used to ask keeps ' +
      'working until revoked; revoking either leaves the other alone.',
    tags: ['personas'],
    auth: { kind: 'required', scope: 'read:accounts' },
    body: zSwitchPersonaParams,
    response: zSwitchedToken,
    responseDescription: 'The new token and the account it acts as',
    errors: [404, 422],
  },
  {
    method: 'get',
    path: LINKED_ACCOUNTS_PATH,
    operationId: 'listLinkedAccounts',
    summary: 'Which accounts belong to the same person (moderators)',
    description:
      'Moderators and admins only (anyone else: 403): the accounts signed in to by the user of account `id`, itself ' +
      'included, the one signed up with first. A remote account: an empty list.',
    tags: ['personas'],
    auth: { kind: 'required', scope: 'admin:read:accounts' },
    pathParams: { id: { schema: zId, description: "The account's id" } },
    response: z.array(zPersona),
    responseDescription: 'The linked accounts',
    errors: [404, 422],
  },
];
