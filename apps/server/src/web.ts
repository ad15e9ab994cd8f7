import type { MastodonApp } from './mastodon/env.ts';

// A 1×1 neutral grey PNG: the default avatar and header until media uploads exist.
const MISSING_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mO8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=',
  'base64',
);

const PLACEHOLDER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Rounds</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1b1f24}a{color:#0b5cad}</style></head>
<body><main><h1>Rounds</h1><p>A social learning network for the health professions.</p>
<p>This server speaks the Mastodon client API: sign in with any Mastodon app using this server's address. The Rounds web client is on its way.</p>
<p><a href="/api/v2/instance">Server information</a> · <a href="/api/v1/timelines/public?local=true">Local timeline (JSON)</a></p></main></body></html>`;

/** The web client's place (a placeholder until apps/web lands) and static defaults. */
export function registerWebRoutes(app: MastodonApp): void {
  app.get('/', (c) => c.html(PLACEHOLDER));
  for (const path of ['/avatars/original/missing.png', '/headers/original/missing.png']) {
    app.get(path, (c) => {
      c.header('Cache-Control', 'public, max-age=86400');
      return c.body(MISSING_PNG, 200, { 'Content-Type': 'image/png' });
    });
  }
}
