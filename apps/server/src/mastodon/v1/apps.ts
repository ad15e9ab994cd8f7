import { zStringList } from '@rounds/contract';
import { z } from 'zod';
import type { OAuthAppRow } from '../../db/schema/index.ts';
import { createOAuthApp, getOAuthApp } from '../../domain/oauth/index.ts';
import { requireApp } from '../auth.ts';
import type { MastodonApp } from '../env.ts';
import { parseWith, readParams } from '../params.ts';

const CreateApp = z.object({
  client_name: z.string({ message: 'is required' }),
  redirect_uris: z.union([z.string(), zStringList], { message: 'is required' }),
  scopes: z.string().optional(),
  website: z.string().optional(),
});

export function renderApplication(app: OAuthAppRow, withSecret: boolean) {
  return {
    id: app.id,
    name: app.name,
    website: app.website,
    scopes: app.scopes.split(' '),
    redirect_uri: app.redirectUris.join('\n'),
    redirect_uris: app.redirectUris,
    vapid_key: '',
    ...(withSecret
      ? { client_id: app.clientId, client_secret: app.clientSecret, client_secret_expires_at: 0 }
      : {}),
  };
}

/** /api/v1/apps */
export function registerApps(app: MastodonApp): void {
  app.post('/api/v1/apps', async (c) => {
    const p = parseWith(CreateApp, await readParams(c));
    const uris =
      typeof p.redirect_uris === 'string' ? p.redirect_uris.split(/\s+/).filter(Boolean) : p.redirect_uris;
    const row = await createOAuthApp(c.get('ctx'), {
      name: p.client_name,
      redirectUris: uris,
      scopes: p.scopes,
      website: p.website,
    });
    return c.json(renderApplication(row, true));
  });

  app.get('/api/v1/apps/verify_credentials', async (c) => {
    const viewer = requireApp(c, 'read');
    const row = await getOAuthApp(c.get('ctx'), viewer.appId);
    return c.json(renderApplication(row, false));
  });
}
