import { zDisclosuresParams } from '@rounds/contract';
import { declareDisclosures, getDisclosures } from '../../domain/trust/index.ts';
import { requireUser } from '../../mastodon/auth.ts';
import { renderDisclosures } from '../../mastodon/entities/trust.ts';
import type { MastodonApp } from '../../mastodon/env.ts';
import { parseWith, readBody } from '../../mastodon/params.ts';

export const DISCLOSURES_PATH = '/api/rounds/v1/disclosures';

/**
 * The member's own competing-interest declaration (domain/trust/disclosures.ts). Everyone else
 * reads it on the Account entity (`rounds.disclosures` and a profile field).
 */
export function registerDisclosures(app: MastodonApp): void {
  app.get(DISCLOSURES_PATH, async (c) => {
    const me = requireUser(c, 'read:accounts');
    return c.json(renderDisclosures(await getDisclosures(c.get('ctx'), me.account.id)));
  });

  app.put(DISCLOSURES_PATH, async (c) => {
    const me = requireUser(c, 'write:accounts');
    const p = parseWith(zDisclosuresParams, await readBody(c));
    return c.json(renderDisclosures(await declareDisclosures(c.get('ctx'), me.account.id, p)));
  });
}
