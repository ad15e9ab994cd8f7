import { getUsageCounts } from '../domain/instance.ts';
import { ALL_SCOPES } from '../domain/oauth/scopes.ts';
import { ROUNDS_VERSION } from '../version.ts';
import type { MastodonApp } from './env.ts';

/** Discovery documents clients and other servers read first. */
export function registerWellKnown(app: MastodonApp): void {
  app.get('/.well-known/oauth-authorization-server', (c) => {
    const { publicUrl } = c.get('ctx').config;
    return c.json({
      issuer: `${publicUrl}/`,
      authorization_endpoint: `${publicUrl}/oauth/authorize`,
      token_endpoint: `${publicUrl}/oauth/token`,
      revocation_endpoint: `${publicUrl}/oauth/revoke`,
      app_registration_endpoint: `${publicUrl}/api/v1/apps`,
      scopes_supported: ALL_SCOPES,
      response_types_supported: ['code'],
      response_modes_supported: ['query', 'fragment', 'form_post'],
      grant_types_supported: ['authorization_code', 'client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      code_challenge_methods_supported: ['S256'],
      service_documentation: 'https://docs.joinmastodon.org/',
    });
  });

  app.get('/.well-known/nodeinfo', (c) => {
    const { publicUrl } = c.get('ctx').config;
    return c.json({
      links: [{ rel: 'http://nodeinfo.diaspora.software/ns/schema/2.0', href: `${publicUrl}/nodeinfo/2.0` }],
    });
  });

  app.get('/nodeinfo/2.0', async (c) => {
    const ctx = c.get('ctx');
    const usage = await getUsageCounts(ctx);
    return c.json({
      version: '2.0',
      software: { name: 'rounds', version: ROUNDS_VERSION },
      protocols: ['activitypub'],
      services: { outbound: [], inbound: [] },
      usage: { users: { total: usage.users }, localPosts: usage.statuses },
      openRegistrations: ctx.config.registrationMode === 'open',
      metadata: { nodeName: ctx.config.instanceTitle },
    });
  });
}
