import { z } from 'zod';
import { zId } from './params.ts';

/**
 * Personas (issue 7, point 2): one sign-in holds a professional and a personal account and
 * switches between them by swapping tokens. The rules are the server's
 * (apps/server/src/domain/personas, decision 0009); these are the shapes clients send and receive.
 */

export const PERSONA_KINDS = ['professional', 'personal'] as const;
export type PersonaKindName = (typeof PERSONA_KINDS)[number];

/** POST /api/rounds/v1/personas: the second account. */
export const zCreatePersonaParams = z
  .object({
    username: z
      .string({ message: 'is required (1–30 letters, digits or underscores)' })
      .meta({ description: 'As at sign-up: 1–30 letters, digits or underscores, unique on this server' }),
    display_name: z
      .string({ message: 'must be text' })
      .optional()
      .meta({ description: 'At most 30 characters' }),
    kind: z
      .enum(PERSONA_KINDS, { message: `is required: ${PERSONA_KINDS.join(' or ')}` })
      .meta({ description: 'What the new account is; the account signed up with becomes the other kind' }),
  })
  .meta({ id: 'CreatePersonaParams' });

/** POST /api/rounds/v1/personas/switch. */
export const zSwitchPersonaParams = z
  .object({
    account_id: zId.meta({ description: 'One of the caller’s accounts (GET /api/rounds/v1/personas)' }),
  })
  .meta({ id: 'SwitchPersonaParams' });

const zAccountRef = z.looseObject({ id: z.string(), acct: z.string() }).meta({
  description: "Mastodon's Account entity (https://docs.joinmastodon.org/entities/Account/)",
});

/** One of a user's accounts, as the user or a moderator sees it. */
export const zPersona = z
  .object({
    kind: z.enum(PERSONA_KINDS).nullable().meta({ description: 'null while the user has a single account' }),
    primary: z.boolean().meta({ description: 'The account the user signed up with' }),
    account: zAccountRef,
  })
  .meta({ id: 'Persona' });
export type Persona = z.output<typeof zPersona>;

/** GET /api/rounds/v1/personas: the caller's accounts, with the one this token acts as. */
export const zMyPersona = zPersona
  .extend({
    current: z.boolean().meta({ description: 'The account the token used for this request acts as' }),
  })
  .meta({ id: 'MyPersona' });
export type MyPersona = z.output<typeof zMyPersona>;

/** POST /api/rounds/v1/personas/switch: a new token acting as the chosen account. */
export const zSwitchedToken = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    scope: z.string().meta({ description: 'The same scopes as the token that asked' }),
    created_at: z.int().meta({ description: 'Unix time, seconds' }),
    account: zAccountRef,
  })
  .meta({ id: 'SwitchedToken' });
export type SwitchedToken = z.output<typeof zSwitchedToken>;
