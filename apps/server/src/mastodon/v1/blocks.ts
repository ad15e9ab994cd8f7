import { listBlockedAccounts } from '../../domain/social/blocks.ts';
import { listMutedAccounts } from '../../domain/social/mutes.ts';
import { requireUser } from '../auth.ts';
import { renderAccount } from '../entities/account.ts';
import type { MastodonApp } from '../env.ts';
import { readPage, setLinkHeader } from '../pagination.ts';

/** /api/v1/blocks and /api/v1/mutes: the signed-in account's blocked and muted accounts. */
export function registerBlocksAndMutes(app: MastodonApp): void {
  app.get('/api/v1/blocks', async (c) => {
    const me = requireUser(c, 'read:blocks');
    const ctx = c.get('ctx');
    const items = await listBlockedAccounts(ctx, me.account.id, readPage(c, 80, 40));
    setLinkHeader(
      c,
      items.map((i) => i.cursor),
      ctx.config.publicUrl,
    );
    return c.json(items.map((i) => renderAccount(ctx.config, i.account)));
  });

  app.get('/api/v1/mutes', async (c) => {
    const me = requireUser(c, 'read:mutes');
    const ctx = c.get('ctx');
    const items = await listMutedAccounts(ctx, me.account.id, readPage(c, 80, 40));
    setLinkHeader(
      c,
      items.map((i) => i.cursor),
      ctx.config.publicUrl,
    );
    // MutedAccount: an Account plus when the mute lifts.
    return c.json(
      items.map((i) => ({
        ...renderAccount(ctx.config, i.account),
        mute_expires_at: i.expiresAt ? i.expiresAt.toISOString() : null,
      })),
    );
  });
}
