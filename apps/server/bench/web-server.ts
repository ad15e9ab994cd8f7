// The web benchmark's server: the real Rounds app serving the built web client, seeded with the demo
// content (as `npm start` is), plus the baseline page: one post's worth of text as static HTML, served
// by the same process. Prints the port and a token for alice, whose home timeline is measured.
import { createApp } from '../src/app.ts';
import { openRuntime } from '../src/bootstrap.ts';
import { seedDemo } from '../src/cli/seed.ts';
import { loadConfig } from '../src/config/index.ts';
import { findUserByLogin } from '../src/domain/accounts/index.ts';
import { issueToken } from '../src/domain/oauth/index.ts';
import { serveHttp } from '../src/streaming/server.ts';

const config = loadConfig();
const rt = await openRuntime(config);
await seedDemo(rt.ctx);
const user = await findUserByLogin(rt.ctx, 'alice');
if (!user) throw new Error('the demo seed did not create alice');
const { accessToken } = await issueToken(rt.ctx, null, user.id, 'read write follow push');

const app = createApp(rt.ctx);
let staticPage = '';

/** Baseline: the same first post as a static page, no script, no API call, no stylesheet. */
app.get('/__bench/static-post', (c) =>
  c.body(staticPage, 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }),
);

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

// The first post of alice's home timeline, as the app will show it, rendered once as plain HTML.
const home = await app.request('/api/v1/timelines/home?limit=1', {
  headers: { authorization: `Bearer ${accessToken}` },
});
interface Shown {
  content: string;
  account: { display_name: string };
  reblog: Shown | null;
}
const [top] = (await home.json()) as Shown[];
if (!top) throw new Error('alice has no home timeline to measure');
// A boost shows the boosted post.
const first = top.reblog ?? top;
staticPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Baseline · Rounds bench</title></head>
<body><main><section class="timeline"><ol class="feed"><li><article class="status">
<p>${escapeHtml(first.account.display_name)}</p><div class="status-content">${first.content}</div>
</article></li></ol></section></main></body></html>`;

const http = await serveHttp(app, { port: config.port, hostname: '127.0.0.1' });
process.stdout.write(`listening ${http.port} ${accessToken}\n`);
const stop = () => void http.close().then(() => rt.close().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
