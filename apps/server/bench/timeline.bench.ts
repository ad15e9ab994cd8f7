import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createDb, type Db } from '../src/db/client.ts';
import { combineLoads, type LoadResult, percentile, runLoad } from './load.ts';
import { BENCH, benchToken, seedBenchDataset } from './seed-dataset.ts';
import { startBenchServer, stopBenchServer } from './server-process.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONCURRENCY = 16;
/** Each path's SECONDS are measured in this many interleaved slices. */
const SLICES = 4;

export interface TimelineBackendResult {
  backend: 'postgres' | 'pglite';
  seedSeconds: number;
  baseline: LoadResult;
  rounds: LoadResult;
  fanOut: FanOutResult;
}

/** What writing a status costs with its home-feed fan-out, against the same insert without it. */
export interface FanOutResult {
  followersWithFeeds: number;
  inserts: number;
  /** The insert with the fan-out trigger disabled, ms. */
  baseline: { p50: number; p99: number };
  /** The same insert writing one entry per follower's feed, ms. */
  rounds: { p50: number; p99: number };
}

const FAN_OUT_INSERTS = 200;

/**
 * One-row status inserts (each its own transaction) by an account whose ~100 followers all have
 * feeds, alternating blocks of 25 with the fan-out trigger enabled and disabled.
 */
async function measureFanOut(db: Db): Promise<FanOutResult> {
  const author = (BigInt(1_735_689_600_000 + 1) << 16n).toString();
  await db.execute(sql`select home_feed_build(f.account_id, 800) from follows f
    where f.target_account_id = ${author}
      and not exists (select 1 from home_feeds h where h.account_id = f.account_id)`);
  const counted = await db.execute(sql`select count(*)::int as n from follows f
    join home_feeds h on h.account_id = f.account_id where f.target_account_id = ${author}`);
  const followersWithFeeds = Number((counted as unknown as { rows: Array<{ n: number }> }).rows[0]!.n);
  const top = await db.execute(sql`select max(id)::text as id from statuses`);
  let next = BigInt((top as unknown as { rows: Array<{ id: string }> }).rows[0]!.id);
  const times: Record<'on' | 'off', number[]> = { on: [], off: [] };
  try {
    for (let block = 0; block < FAN_OUT_INSERTS / 25; block++) {
      const mode = block % 2 === 0 ? 'on' : 'off';
      await db.execute(
        sql.raw(
          `alter table statuses ${mode === 'on' ? 'enable' : 'disable'} trigger statuses_home_feed_fan_out`,
        ),
      );
      for (let i = 0; i < 25; i++) {
        next += 1n;
        const t = performance.now();
        await db.execute(sql`insert into statuses (id, account_id, text, content_html, visibility, language, created_at)
          values (${next.toString()}, ${author}, 'Fan-out probe', '<p>Fan-out probe</p>', 'public', 'en', now())`);
        times[mode].push(performance.now() - t);
      }
    }
  } finally {
    await db.execute(sql.raw('alter table statuses enable trigger statuses_home_feed_fan_out'));
  }
  const summary = (list: number[]) => {
    const sorted = [...list].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  };
  return {
    followersWithFeeds,
    inserts: FAN_OUT_INSERTS,
    baseline: summary(times.off),
    rounds: summary(times.on),
  };
}

async function measure(port: number): Promise<{ baseline: LoadResult; rounds: LoadResult }> {
  const user = (i: number) => 1 + ((i * 7) % BENCH.tokenUsers);
  const accountId = (u: number) => (BigInt(1_735_689_600_000 + u) << 16n).toString();
  const rounds = (i: number) => {
    const u = user(i);
    return { path: '/api/v1/timelines/home?limit=20', headers: { authorization: `Bearer ${benchToken(u)}` } };
  };
  const baseline = (i: number) => ({ path: `/__bench/home/${accountId(user(i))}` });
  // Warm both paths, then measure each for SECONDS at the same concurrency, in interleaved slices
  // (B R R B B R R B): a shared machine's background load drifts, and interleaving makes both
  // paths meet the same drift instead of one getting the quiet half.
  await runLoad({ port, concurrency: 4, seconds: 2, next: rounds });
  await runLoad({ port, concurrency: 4, seconds: 2, next: baseline });
  const slice = SECONDS / SLICES;
  const runs: Record<'b' | 'r', LoadResult[]> = { b: [], r: [] };
  for (let i = 0; i < SLICES; i++) {
    const order: Array<'b' | 'r'> = i % 2 === 0 ? ['b', 'r'] : ['r', 'b'];
    for (const which of order) {
      const next = which === 'b' ? baseline : rounds;
      runs[which].push(await runLoad({ port, concurrency: CONCURRENCY, seconds: slice, next }));
    }
  }
  // The per-request latencies stay out of the report (artifacts/bench.json).
  const summary = (r: LoadResult): LoadResult => ({ ...r, latencies: [] });
  return { baseline: summary(combineLoads(runs.b)), rounds: summary(combineLoads(runs.r)) };
}

/** Home timeline under load on PostgreSQL (when reachable) and on PGlite. */
export async function benchTimelines(log: (line: string) => void): Promise<TimelineBackendResult[]> {
  const results: TimelineBackendResult[] = [];
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const pgName = `rounds_bench_${randomBytes(4).toString('hex')}`;
  let pgReachable = true;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
    await admin.query(`create database ${pgName}`);
  } catch {
    pgReachable = false;
    log('PostgreSQL not reachable: skipping the PostgreSQL run');
  }
  if (pgReachable) {
    const u = new URL(adminUrl);
    u.pathname = `/${pgName}`;
    try {
      const t = performance.now();
      const handle = await createDb({ databaseUrl: u.toString(), poolSize: 2 });
      await handle.migrate();
      await seedBenchDataset(handle.db);
      await handle.close();
      const seedSeconds = (performance.now() - t) / 1000;
      log(
        `postgres: seeded ${BENCH.accounts} accounts, ${BENCH.statuses} statuses in ${seedSeconds.toFixed(1)} s`,
      );
      const { child, port } = await startBenchServer({ DATABASE_URL: u.toString() });
      let reads: Awaited<ReturnType<typeof measure>>;
      try {
        reads = await measure(port);
      } finally {
        await stopBenchServer(child);
      }
      const writer = await createDb({ databaseUrl: u.toString(), poolSize: 1 });
      try {
        results.push({ backend: 'postgres', seedSeconds, ...reads, fanOut: await measureFanOut(writer.db) });
      } finally {
        await writer.close();
      }
    } finally {
      await admin.query(`drop database if exists ${pgName} with (force)`);
      await admin.end();
    }
  }

  const dataDir = mkdtempSync(path.join(tmpdir(), 'rounds-bench-'));
  try {
    const t = performance.now();
    const handle = await createDb({ dataDir });
    await handle.migrate();
    await seedBenchDataset(handle.db);
    await handle.close();
    const seedSeconds = (performance.now() - t) / 1000;
    log(`pglite: seeded in ${seedSeconds.toFixed(1)} s`);
    const { child, port } = await startBenchServer({ DATA_DIR: dataDir });
    let reads: Awaited<ReturnType<typeof measure>>;
    try {
      reads = await measure(port);
    } finally {
      await stopBenchServer(child);
    }
    const writer = await createDb({ dataDir });
    try {
      results.push({ backend: 'pglite', seedSeconds, ...reads, fanOut: await measureFanOut(writer.db) });
    } finally {
      await writer.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}
