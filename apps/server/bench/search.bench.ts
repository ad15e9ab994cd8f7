import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDb } from '../src/db/client.ts';
import { percentile } from './load.ts';
import { BENCH, benchToken, seedBenchDataset } from './seed-dataset.ts';
import { startBenchServer, stopBenchServer } from './server-process.ts';

/** Timed passes over the query list (after one warm-up pass). */
const RUNS = Number(process.env.BENCH_SEARCH_RUNS ?? 5);

/**
 * Twenty one- and two-word queries over the seeded vocabulary (SEED_WORDS): words in every post,
 * in a tenth, in a fortieth (asked in another form than the post's, to exercise stemming), rare
 * words in about 200 posts, and one word in none.
 */
export const SEARCH_BENCH_QUERIES = [
  'fluid',
  'cardiac',
  'lungs',
  'ultrasound',
  'effusion',
  'tamponade',
  'hydronephrosis',
  'takotsubo',
  'brugada3',
  'nephrolithiasis',
  'cardiac tamponade',
  'lung ultrasound',
  'renal hydronephrosis',
  'trauma fracture',
  'pediatric intussusception',
  'airway takotsubo',
  'obstetric ectopic',
  'teaching point',
  'vascular aneurysm',
  'foreign body',
] as const;

export interface LatencySummary {
  samples: number;
  errors: number;
  p50: number;
  p95: number;
  mean: number;
}

export interface SearchBackendResult {
  backend: 'postgres' | 'pglite';
  seedSeconds: number;
  /** The bare SQL full-text query (`/__bench/search`). */
  baseline: LatencySummary;
  /** GET /api/v2/search?type=statuses through the whole app. */
  rounds: LatencySummary;
  /** Statuses the route returned per query on the first timed pass (0 means nothing matched). */
  hits: Record<string, number>;
  /** The route's median milliseconds per query, to see which queries make the tail. */
  perQueryP50: Record<string, number>;
}

/** One GET over a keep-alive agent: status, body and wall-clock milliseconds. */
function get(
  agent: http.Agent,
  port: number,
  pathAndQuery: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; ms: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.request({ host: '127.0.0.1', port, path: pathAndQuery, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
          ms: performance.now() - t0,
        }),
      );
    });
    req.on('error', () => resolve({ status: 0, body: '', ms: performance.now() - t0 }));
    req.end();
  });
}

function summarise(latencies: number[], errors: number): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return { samples: sorted.length, errors, p50: percentile(sorted, 50), p95: percentile(sorted, 95), mean };
}

/**
 * Sequential latency (one request at a time: what one person waits, not throughput). Each pass
 * asks every query of the app route and of the baseline, interleaved so both meet the same cache
 * and machine load; searchers rotate over the bench tokens.
 */
async function measure(port: number): Promise<Omit<SearchBackendResult, 'backend' | 'seedSeconds'>> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const rounds: number[] = [];
  const baseline: number[] = [];
  let roundsErrors = 0;
  let baselineErrors = 0;
  const hits: Record<string, number> = {};
  const perQuery = new Map<string, number[]>();
  let n = 0;
  try {
    for (let pass = 0; pass <= RUNS; pass++) {
      for (const q of SEARCH_BENCH_QUERIES) {
        const user = 1 + ((n++ * 7) % BENCH.tokenUsers);
        const encoded = encodeURIComponent(q);
        const r = await get(agent, port, `/api/v2/search?type=statuses&limit=20&q=${encoded}`, {
          authorization: `Bearer ${benchToken(user)}`,
        });
        const b = await get(agent, port, `/__bench/search?q=${encoded}`);
        if (pass === 0) continue; // warm-up
        rounds.push(r.ms);
        baseline.push(b.ms);
        perQuery.set(q, [...(perQuery.get(q) ?? []), r.ms]);
        if (r.status !== 200) roundsErrors++;
        if (b.status !== 200) baselineErrors++;
        if (pass === 1)
          hits[q] = r.status === 200 ? (JSON.parse(r.body) as { statuses: unknown[] }).statuses.length : -1;
      }
    }
  } finally {
    agent.destroy();
  }
  const perQueryP50 = Object.fromEntries(
    [...perQuery].map(([q, ms]) => [
      q,
      Math.round(
        percentile(
          [...ms].sort((a, b) => a - b),
          50,
        ) * 10,
      ) / 10,
    ]),
  );
  return {
    baseline: summarise(baseline, baselineErrors),
    rounds: summarise(rounds, roundsErrors),
    hits,
    perQueryP50,
  };
}

async function seeded(handle: Awaited<ReturnType<typeof createDb>>): Promise<number> {
  const t = performance.now();
  await handle.migrate();
  await seedBenchDataset(handle.db);
  await handle.close();
  return (performance.now() - t) / 1000;
}

/**
 * Status search over the 200,000-status dataset on PostgreSQL (when reachable; a scratch
 * database, dropped afterwards) and on PGlite (a scratch data dir): p50/p95 of the real route
 * beside the bare SQL full-text query, measured in the same server process and run.
 */
export async function benchSearch(log: (line: string) => void): Promise<SearchBackendResult[]> {
  const results: SearchBackendResult[] = [];
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const pgName = `rounds_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  let pgReachable = true;
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
      const seedSeconds = await seeded(await createDb({ databaseUrl: u.toString(), poolSize: 2 }));
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

  const dataDir = mkdtempSync(path.join(tmpdir(), 'rounds-bench-search-'));
  try {
    const seedSeconds = await seeded(await createDb({ dataDir }));
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
