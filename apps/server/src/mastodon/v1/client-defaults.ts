import { requireUser } from '../auth.ts';
import type { MastodonApp } from '../env.ts';

/**
 * Calls every client makes right after sign-in (see shared/reference/CLIENTS.md). Custom emojis and
 * announcements do not exist in Rounds, so their lists are truly empty. Filters and lists arrive
 * with a later issue; until then these answer with the honest empty state instead of an error
 * page, so existing apps finish signing in.
 */
export function registerClientDefaults(app: MastodonApp): void {
  app.get('/api/v1/custom_emojis', (c) => c.json([]));
  app.get('/api/v1/announcements', (c) => {
    requireUser(c, 'read');
    return c.json([]);
  });
  app.get('/api/v1/preferences', (c) => {
    const me = requireUser(c, 'read:accounts');
    return c.json({
      'posting:default:visibility': me.user.defaultVisibility,
      'posting:default:sensitive': me.user.defaultSensitive,
      'posting:default:language': me.user.defaultLanguage,
      'posting:default:quote_policy': me.account.defaultQuotePolicy,
      'reading:expand:media': 'default',
      'reading:expand:spoilers': false,
    });
  });
  for (const path of ['/api/v1/lists', '/api/v1/filters', '/api/v2/filters']) {
    app.get(path, (c) => {
      requireUser(c, 'read');
      return c.json([]);
    });
  }
}
