import {
  type MyPersona,
  type Persona,
  type SwitchedToken,
  zCreatePersonaParams,
  zSwitchPersonaParams,
} from '@rounds/contract';
import type { Config } from '../../config/index.ts';
import {
  createPersona,
  listLinkedAccounts,
  listMyPersonas,
  type PersonaView,
  switchPersona,
} from '../../domain/personas/index.ts';
import { requireUser, type SignedIn } from '../../mastodon/auth.ts';
import { renderAccount } from '../../mastodon/entities/account.ts';
import type { MastodonApp } from '../../mastodon/env.ts';
import { parseWith, pathId, readBody } from '../../mastodon/params.ts';

export const PERSONAS_PATH = '/api/rounds/v1/personas';
export const LINKED_ACCOUNTS_PATH = '/api/rounds/v1/admin/accounts/{id}/personas';

function renderPersona(config: Config, p: PersonaView): Persona {
  return { kind: p.kind, primary: p.primary, account: renderAccount(config, p.account) };
}

function renderMine(config: Config, me: SignedIn, list: PersonaView[]): MyPersona[] {
  return list.map((p) => ({ ...renderPersona(config, p), current: p.account.id === me.account.id }));
}

/** The `:id` path parameter; a malformed one is a 422 naming `id`. */
/**
 * Personas (domain/personas, decision 0009): the signed-in user's professional and personal
 * accounts, switching between them by swapping tokens, and the moderators' view of the link.
 */
export function registerPersonas(app: MastodonApp): void {
  app.get(PERSONAS_PATH, async (c) => {
    const me = requireUser(c, 'read:accounts');
    const ctx = c.get('ctx');
    return c.json(renderMine(ctx.config, me, await listMyPersonas(ctx, me)));
  });

  app.post(PERSONAS_PATH, async (c) => {
    const me = requireUser(c, 'write:accounts');
    const ctx = c.get('ctx');
    const p = parseWith(zCreatePersonaParams, await readBody(c));
    const list = await createPersona(ctx, me, {
      username: p.username,
      displayName: p.display_name,
      kind: p.kind,
    });
    return c.json(renderMine(ctx.config, me, list));
  });

  app.post(`${PERSONAS_PATH}/switch`, async (c) => {
    const me = requireUser(c, 'read:accounts');
    const ctx = c.get('ctx');
    const p = parseWith(zSwitchPersonaParams, await readBody(c));
    const { token, account } = await switchPersona(ctx, me, p.account_id);
    c.header('Cache-Control', 'no-store');
    const body: SwitchedToken = {
      access_token: token.accessToken,
      token_type: 'Bearer',
      scope: token.scope,
      created_at: Math.floor(token.createdAt.getTime() / 1000),
      account: renderAccount(ctx.config, account),
    };
    return c.json(body);
  });

  app.get('/api/rounds/v1/admin/accounts/:id/personas', async (c) => {
    const me = requireUser(c, 'admin:read:accounts');
    const ctx = c.get('ctx');
    const list = await listLinkedAccounts(ctx, me.user, pathId(c));
    return c.json(list.map((p) => renderPersona(ctx.config, p)));
  });
}
