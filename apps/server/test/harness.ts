import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { createApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config/index.ts';
import type { AppContext, Clock } from '../src/context.ts';
import { createDb, type DbHandle } from '../src/db/client.ts';
import type { AccountRow, UserRow } from '../src/db/schema/index.ts';
import { createLocalAccount } from '../src/domain/accounts/index.ts';
import { subscribeCaseContributions } from '../src/domain/cases/index.ts';
import { subscribeConversations } from '../src/domain/conversations/index.ts';
import { PERSONAS, type PersonaName } from '../src/domain/demo/seed-content.ts';
import { createEventBus } from '../src/domain/events.ts';
import { subscribeNotifications } from '../src/domain/notifications/index.ts';
import { issueToken } from '../src/domain/oauth/index.ts';
import { createLogger } from '../src/lib/logger.ts';
import { createRateLimiter } from '../src/lib/rate-limit.ts';
import { createStorageFromConfig } from '../src/storage/index.ts';
import { createMemoryStreamBus } from '../src/streaming/bus.ts';
import { subscribeStreamingPublisher } from '../src/streaming/publisher.ts';

export const FULL_SCOPES = 'read write follow push';

/** A controllable clock: tests move time instead of waiting. */
export function createTestClock(
  start = new Date('2026-11-23T09:00:00Z'),
): Clock & { advance(ms: number): void; set(d: Date): void } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
    set: (d) => {
      now = d.getTime();
    },
  };
}

async function openTestDb(): Promise<DbHandle> {
  const template = inject('pgTemplate');
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl && template) {
    const name = `rounds_t_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${template}`);
        break;
      } catch (error) {
        if (attempt > 20) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    const handle = await createDb({ databaseUrl: u.toString(), poolSize: 5 });
    return {
      ...handle,
      close: async () => {
        await handle.close();
        const a = new pg.Client({ connectionString: adminUrl });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const blob = new Blob([readFileSync(inject('pgliteTemplate'))]);
  return createDb({ loadDataDir: blob });
}

export interface TestEnv {
  ctx: AppContext;
  app: ReturnType<typeof createApp>;
  clock: ReturnType<typeof createTestClock>;
  config: Config;
  handle: DbHandle;
}

/** A migrated database of this test file's own, a context and the app. Closed after the file. */
// NOTE: vitest ignores afterAll registered from inside beforeAll, and test files create their
// environments in beforeAll; so cleanups are collected here and run by one file-level afterAll.
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs `cleanup` after this test file, in reverse order of registration. */
export function onFileEnd(cleanup: () => Promise<void>): void {
  cleanups.push(cleanup);
}

export async function createTestEnv(env: Record<string, string> = {}): Promise<TestEnv> {
  // DATA_DIR (uploaded media): a folder of this env's own inside the run's temporary folder, which
  // global-setup removes at the end. (afterAll registered from inside beforeAll never runs.)
  const dataDir = mkdtempSync(path.join(path.dirname(inject('pgliteTemplate')), 'data-'));
  const config = loadConfig({
    PUBLIC_URL: 'https://rounds.test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    ...env,
  });
  const handle = await openTestDb();
  const clock = createTestClock();
  const ctx: AppContext = {
    config,
    db: handle.db,
    events: createEventBus((error) => {
      throw error;
    }),
    clock,
    logger: createLogger('silent'),
    rateLimiter: createRateLimiter(),
    storage: createStorageFromConfig(config),
    streams: createMemoryStreamBus(createLogger('silent')),
  };
  subscribeNotifications(ctx);
  subscribeConversations(ctx);
  subscribeCaseContributions(ctx);
  subscribeStreamingPublisher(ctx);
  const app = createApp(ctx);
  onFileEnd(async () => {
    // Event handlers still running would otherwise fail against a closed database.
    await ctx.events.idle();
    await ctx.streams.close();
    await handle.close();
  });
  return { ctx, app, clock, config, handle };
}

export interface Persona {
  account: AccountRow;
  user: UserRow;
  token: string;
  username: string;
}

/** A named persona (alice the resident, bob the attending, ...) with a full-scope token. */
export async function createPersona(
  env: TestEnv,
  name: PersonaName | string,
  overrides: { scopes?: string; locked?: boolean } = {},
): Promise<Persona> {
  const known = PERSONAS.find((p) => p.username === name);
  const { account, user } = await createLocalAccount(env.ctx, {
    username: name,
    email: `${name}@rounds.test`,
    password: 'correct horse battery',
    displayName: known?.displayName ?? name,
    note: known?.note ?? '',
    role: known?.role ?? 'user',
  });
  const { accessToken } = await issueToken(env.ctx, null, user.id, overrides.scopes ?? FULL_SCOPES);
  let acc = account;
  if (overrides.locked) {
    const { updateProfile } = await import('../src/domain/accounts/index.ts');
    acc = await updateProfile(env.ctx, account.id, { locked: true });
  }
  return { account: acc, user, token: accessToken, username: name };
}

export interface CallOptions {
  token?: string | undefined;
  body?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  ip?: string;
}

/** One request against the in-process app; JSON bodies by default. */
export async function call(
  env: TestEnv,
  method: string,
  path: string,
  opts: CallOptions = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(opts.form).toString();
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await env.app.request(
    `https://rounds.test${path}`,
    { method, headers, body },
    { incoming: { socket: { remoteAddress: opts.ip ?? '127.0.0.1' } } },
  );
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // HTML pages stay text.
  }
  return { status: res.status, body: parsed, headers: res.headers };
}
