import { getPostingDefaults } from '../../domain/accounts/preferences.ts';
import { requireUser } from '../auth.ts';
import type { MastodonApp } from '../env.ts';

/**
 * Calls every client makes right after sign-in (see shared/reference/CLIENTS.md). Custom emojis and
 * announcements do not exist in Rounds, so their lists are truly empty.
 */
export function registerClientDefaults(app: MastodonApp): void {
  app.get('/api/v1/custom_emojis', (c) => c.json([]));
  app.get('/api/v1/announcements', (c) => {
    requireUser(c, 'read');
    return c.json([]);
  });
  app.get('/api/v1/preferences', async (c) => {
    const me = requireUser(c, 'read:accounts');
    const posting = await getPostingDefaults(c.get('ctx'), me.account.id);
    return c.json({
      'posting:default:visibility': posting.visibility,
      'posting:default:sensitive': posting.sensitive,
      'posting:default:language': posting.language,
      'posting:default:quote_policy': posting.quotePolicy,
      // Rounds stores no reading preferences yet; these are Mastodon's defaults.
      'reading:expand:media': 'default',
      'reading:expand:spoilers': false,
      'reading:autoplay:gifs': false,
    });
  });
}
