import { exchangeToken, revokeToken } from '../../domain/oauth/index.ts';
import type { MastodonApp } from '../env.ts';
import { readBody } from '../params.ts';
import { limitByIp } from '../rate-limit.ts';

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Basic client authentication (RFC 6749 §2.3.1) as an alternative to body parameters. */
function basicAuth(header: string | undefined): { client_id?: string; client_secret?: string } {
  const m = header?.match(/^Basic\s+(.+)$/i);
  if (!m) return {};
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return {};
  return {
    client_id: decodeURIComponent(decoded.slice(0, i)),
    client_secret: decodeURIComponent(decoded.slice(i + 1)),
  };
}

export function registerToken(app: MastodonApp): void {
  app.post('/oauth/token', async (c) => {
    const ctx = c.get('ctx');
    limitByIp(c, 'oauth_token', ctx.config.rateLimits.authPer5Min, 5 * 60_000);
    const body = await readBody(c);
    const basic = basicAuth(c.req.header('authorization'));
    const token = await exchangeToken(ctx, {
      grant_type: str(body.grant_type),
      code: str(body.code),
      redirect_uri: str(body.redirect_uri),
      client_id: str(body.client_id) ?? basic.client_id,
      client_secret: str(body.client_secret) ?? basic.client_secret,
      code_verifier: str(body.code_verifier),
      scope: str(body.scope),
    });
    c.header('Cache-Control', 'no-store');
    return c.json({
      access_token: token.accessToken,
      token_type: 'Bearer',
      scope: token.scope,
      created_at: Math.floor(token.createdAt.getTime() / 1000),
    });
  });

  app.post('/oauth/revoke', async (c) => {
    const body = await readBody(c);
    const basic = basicAuth(c.req.header('authorization'));
    await revokeToken(c.get('ctx'), {
      token: str(body.token),
      client_id: str(body.client_id) ?? basic.client_id,
      client_secret: str(body.client_secret) ?? basic.client_secret,
    });
    return c.json({});
  });
}
