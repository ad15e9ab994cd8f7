import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config/index.ts';
import { createLocalAccount } from '../src/domain/accounts/index.ts';
import { createOAuthApp, issueToken } from '../src/domain/oauth/index.ts';
import { openSocket, payloadOf, subscribe, type TestSocket } from './streaming-helpers.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROUNDS_BIN = path.resolve(here, '../bin/rounds.js');
const ADMIN_URL = process.env.DATABASE_URL;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisReachable(): Promise<boolean> {
  const u = new URL(REDIS_URL);
  return new Promise<boolean>((resolve) => {
    const socket = connect({ host: u.hostname, port: Number(u.port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

const backends = [
  { backend: 'postgres', skip: !ADMIN_URL },
  { backend: 'redis', skip: !ADMIN_URL || !(await redisReachable()) },
];

/** `rounds serve` in a child process on a free port; resolves with its port once it listens. */
function startProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ROUNDS_BIN, 'serve'], {
      env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/\(port (\d+),/);
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}` });
    });
    child.once('exit', (code) => reject(new Error(`rounds serve exited with ${code}: ${out}`)));
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

describe.each(backends)('two server processes streaming over $backend', ({ backend, skip }) => {
  const dbName = `rounds_mp_${randomBytes(4).toString('hex')}`;
  const tag = `mp${randomBytes(3).toString('hex')}`;
  const children: ChildProcess[] = [];
  const sockets: TestSocket[] = [];
  let urlA = '';
  let urlB = '';
  let alice = '';
  let bob = '';
  let bobViaApp = '';
  let app = { clientId: '', clientSecret: '' };

  beforeAll(async () => {
    if (skip || !ADMIN_URL) return;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const u = new URL(ADMIN_URL);
    u.pathname = `/${dbName}`;
    const databaseUrl = u.toString();
    // Migrate and seed once, before the servers start, so they never race to migrate.
    const rt = await openRuntime(loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' }));
    const make = (username: string) =>
      createLocalAccount(rt.ctx, {
        username,
        email: `${username}@rounds.test`,
        password: 'correct horse battery',
      });
    const [a, b] = [await make('alice'), await make('bob')];
    alice = (await issueToken(rt.ctx, null, a.user.id, 'read write follow')).accessToken;
    bob = (await issueToken(rt.ctx, null, b.user.id, 'read write follow')).accessToken;
    const oauthApp = await createOAuthApp(rt.ctx, {
      name: 'MP',
      redirectUris: ['urn:ietf:wg:oauth:2.0:oob'],
      scopes: 'read',
    });
    app = { clientId: oauthApp.clientId, clientSecret: oauthApp.clientSecret };
    bobViaApp = (await issueToken(rt.ctx, oauthApp.id, b.user.id, 'read')).accessToken;
    await rt.close();
    const env = { DATABASE_URL: databaseUrl, STREAMING_BACKEND: backend, REDIS_URL };
    const [A, B] = await Promise.all([startProcess(env), startProcess(env)]);
    children.push(A.child, B.child);
    urlA = A.url;
    urlB = B.url;
  }, 60_000);

  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await Promise.all(children.map(stopProcess));
    if (skip || !ADMIN_URL) return;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  });

  const api = (base: string, token: string, method: string, p: string, body?: unknown) =>
    fetch(`${base}${p}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it.skipIf(skip)('delivers a post written through one process to streams held on the other', async () => {
    const me = (await (await api(urlA, alice, 'GET', '/api/v1/accounts/verify_credentials')).json()) as {
      id: string;
    };
    expect((await api(urlA, bob, 'POST', `/api/v1/accounts/${me.id}/follow`)).status).toBe(200);
    const onB = await openSocket(urlB, bob);
    sockets.push(onB);
    await subscribe(onB, 'hashtag', { tag });
    await subscribe(onB, 'user');
    const started = Date.now();
    const res = await api(urlA, alice, 'POST', '/api/v1/statuses', { status: `Across processes #${tag}` });
    expect(res.status).toBe(200);
    const status = (await res.json()) as { id: string };
    const onHashtag = await onB.next((m) => m.event === 'update' && m.stream?.[0] === 'hashtag');
    expect(payloadOf(onHashtag).id).toBe(status.id);
    const onHome = await onB.next((m) => m.event === 'update' && m.stream?.[0] === 'user');
    expect(payloadOf(onHome).id).toBe(status.id);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await api(urlA, alice, 'DELETE', `/api/v1/statuses/${status.id}`)).status).toBe(200);
    expect((await onB.next((m) => m.event === 'delete')).payload).toBe(status.id);
  });

  it.skipIf(skip)(
    'applies a filter made through one process to the home timeline the other serves',
    async () => {
      const me = (await (await api(urlA, alice, 'GET', '/api/v1/accounts/verify_credentials')).json()) as {
        id: string;
      };
      expect((await api(urlA, bob, 'POST', `/api/v1/accounts/${me.id}/follow`)).status).toBe(200);
      const word = `kw${randomBytes(3).toString('hex')}`;
      const posted = await api(urlA, alice, 'POST', '/api/v1/statuses', { status: `Grand rounds: ${word}` });
      const status = (await posted.json()) as { id: string };
      const homeOnB = async () =>
        (
          (await (await api(urlB, bob, 'GET', '/api/v1/timelines/home?limit=40')).json()) as Array<{
            id: string;
          }>
        ).map((s) => s.id);
      // B reads bob's (empty) filters once and keeps them.
      expect(await homeOnB()).toContain(status.id);
      const made = await api(urlA, bob, 'POST', '/api/v2/filters', {
        title: 'Not today',
        context: ['home'],
        filter_action: 'hide',
        keywords_attributes: [{ keyword: word, whole_word: true }],
      });
      expect(made.status).toBe(200);
      const started = Date.now();
      let shown = true;
      while (shown && Date.now() - started < 5_000) {
        shown = (await homeOnB()).includes(status.id);
        if (shown) await new Promise((r) => setTimeout(r, 100));
      }
      expect(shown).toBe(false);
    },
  );

  it.skipIf(skip)('closes streams on the other process within 5 s when the token is revoked', async () => {
    const onB = await openSocket(urlB, bobViaApp);
    sockets.push(onB);
    await subscribe(onB, 'user');
    const started = Date.now();
    const revoked = await fetch(`${urlA}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token: bobViaApp,
        client_id: app.clientId,
        client_secret: app.clientSecret,
      }),
    });
    expect(revoked.status).toBe(200);
    expect((await onB.closed).code).toBe(1008);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
