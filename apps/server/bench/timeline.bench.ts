import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDb } from '../src/db/client.ts';
import { combineLoads, type LoadResult, runLoad } from './load.ts';
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
      try {
        results.push({ backend: 'postgres', seedSeconds, ...(await measure(port)) });
      } finally {
        await stopBenchServer(child);
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
    try {
      results.push({ backend: 'pglite', seedSeconds, ...(await measure(port)) });
    } finally {
      await stopBenchServer(child);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}
