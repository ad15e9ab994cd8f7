// The streaming benchmark's server: the real Rounds app (live streams included) and, as the
// baseline, a bare `ws` broadcast to raw sockets, in one process, served by the same wiring as
// production (serveHttp). Seeds a poster and a reader and prints their tokens.
import { upgradeWebSocket } from '@hono/node-server';
import type { WebSocket } from 'ws';
import { createApp } from '../src/app.ts';
import { openRuntime } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config/index.ts';
import { createLocalAccount } from '../src/domain/accounts/index.ts';
import { issueToken } from '../src/domain/oauth/index.ts';
import { serveHttp } from '../src/streaming/server.ts';

const config = loadConfig();
const rt = await openRuntime(config);
const seed = async (username: string, scopes: string) => {
  const { user } = await createLocalAccount(rt.ctx, {
    username,
    email: `${username}@bench.test`,
    password: 'correct horse battery staple',
  });
  return (await issueToken(rt.ctx, null, user.id, scopes)).accessToken;
};
const posterToken = await seed('poster', 'read write');
const readerToken = await seed('reader', 'read');

const app = createApp(rt.ctx);
const raw = new Set<WebSocket>();

/** Baseline sockets: accepted and kept, nothing else (no token, no subscription, no rendering). */
app.get(
  '/__bench/raw',
  upgradeWebSocket(() => ({
    onOpen: (_event, ws) => void raw.add(ws.raw as WebSocket),
    onClose: (_event, ws) => void raw.delete(ws.raw as WebSocket),
  })),
);

/**
 * Baseline trigger: answers 200 first, then sends every raw socket one message shaped and sized
 * like a real `update` frame, as Rounds answers the POST and then fans out.
 */
app.post('/__bench/broadcast', async (c) => {
  const { id, bytes } = (await c.req.json()) as { id: string; bytes: number };
  const stub = JSON.stringify({ id, content: '' });
  const frameFor = (pad: number) =>
    `{"stream":["hashtag","bench"],"event":"update","payload":${JSON.stringify(`${stub.slice(0, -2)}${'x'.repeat(pad)}"}`)}}`;
  const frame = Buffer.from(frameFor(Math.max(0, bytes - frameFor(0).length)));
  setImmediate(() => {
    for (const ws of raw) ws.send(frame, { binary: false });
  });
  return c.json({ id });
});

const http = await serveHttp(app, { port: config.port, hostname: '127.0.0.1' });
process.stdout.write(`listening ${http.port} ${posterToken} ${readerToken}\n`);
const stop = () => void http.close().then(() => rt.close().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
