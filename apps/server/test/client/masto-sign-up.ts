import { createOAuthAPIClient, createRestAPIClient, type mastodon } from 'masto';

/**
 * Signs a new person up the way a Mastodon app does, through masto: register an app, get an app
 * token (client credentials), POST /api/v1/accounts with it. Answers the person's REST client and
 * their access token.
 */
export async function signUpWithMasto(
  url: string,
  username: string,
  clientName: string,
): Promise<{ rest: mastodon.rest.Client; token: string }> {
  const oauth = createOAuthAPIClient({ url });
  const anon = createRestAPIClient({ url });
  const app = await anon.v1.apps.create({
    clientName: `${clientName} ${username}`,
    redirectUris: 'urn:ietf:wg:oauth:2.0:oob',
    scopes: 'read write follow',
  });
  const appToken = await oauth.token.create({
    grantType: 'client_credentials',
    clientId: app.clientId!,
    clientSecret: app.clientSecret!,
    redirectUri: 'urn:ietf:wg:oauth:2.0:oob',
    scope: 'read write follow',
  });
  const registrar = createRestAPIClient({ url, accessToken: appToken.accessToken });
  const token = await registrar.v1.accounts.create({
    username,
    email: `${username}@rounds.test`,
    password: 'a long password',
    agreement: true,
    locale: 'en',
  });
  return { rest: createRestAPIClient({ url, accessToken: token.accessToken }), token: token.accessToken };
}
