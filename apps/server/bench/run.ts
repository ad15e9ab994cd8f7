// `npm run bench`: every benchmark, each figure beside a baseline measured in the same run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchSearch, SEARCH_BENCH_QUERIES } from './search.bench.ts';
import { benchStreaming } from './streaming.bench.ts';
import { benchTimelines } from './timeline.bench.ts';
import { benchWeb } from './web.bench.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const log = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (n: number, d = 1) => n.toFixed(d);

const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);
const report: Record<string, unknown> = { date: new Date().toISOString() };

if (want('timeline')) {
  log('== Home timeline (limit 20, concurrency 16)');
  const results = await benchTimelines(log);
  for (const r of results) {
    log(
      `${r.backend.padEnd(8)} baseline (bare SQL route): ${fmt(r.baseline.rps)} req/s, p99 ${fmt(r.baseline.p99)} ms | ` +
        `Rounds /api/v1/timelines/home: ${fmt(r.rounds.rps)} req/s, p99 ${fmt(r.rounds.p99)} ms | ` +
        `throughput ratio ${fmt((r.rounds.rps / r.baseline.rps) * 100)} % of baseline, errors ${r.rounds.errors}`,
    );
    const f = r.fanOut;
    log(
      `${r.backend.padEnd(8)} posting, ${f.inserts} one-row inserts by an account whose ${f.followersWithFeeds} followers have feeds: ` +
        `without fan-out p50 ${fmt(f.baseline.p50, 2)} / p99 ${fmt(f.baseline.p99, 2)} ms | with fan-out p50 ${fmt(f.rounds.p50, 2)} / p99 ${fmt(f.rounds.p99, 2)} ms | ` +
        `p50 ${fmt(f.rounds.p50 / f.baseline.p50)}× the insert alone`,
    );
  }
  report.timeline = results;
}

if (want('search')) {
  log(`== Status search (${SEARCH_BENCH_QUERIES.length} one- and two-word queries, limit 20, sequential)`);
  const results = await benchSearch(log);
  for (const r of results) {
    const goal =
      r.backend === 'postgres' ? ` | goal p95 <= 100 ms: ${r.rounds.p95 <= 100 ? 'met' : 'NOT met'}` : '';
    log(
      `${r.backend.padEnd(8)} baseline (bare SQL full-text): p50 ${fmt(r.baseline.p50)} ms, p95 ${fmt(r.baseline.p95)} ms | ` +
        `Rounds /api/v2/search?type=statuses: p50 ${fmt(r.rounds.p50)} ms, p95 ${fmt(r.rounds.p95)} ms | ` +
        `ratio p50 ${fmt(r.rounds.p50 / r.baseline.p50, 2)}x, p95 ${fmt(r.rounds.p95 / r.baseline.p95, 2)}x, ` +
        `${r.rounds.samples} samples, errors ${r.rounds.errors + r.baseline.errors}${goal}`,
    );
    const slowest = Object.entries(r.perQueryP50)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([q, ms]) => `"${q}" ${fmt(ms)} ms`)
      .join(', ');
    log(`         slowest queries (median): ${slowest}`);
    log(
      `         statuses found per query: ${Object.entries(r.hits)
        .map(([q, n]) => `${q}=${n}`)
        .join(', ')}`,
    );
  }
  report.search = results;
}

if (want('streaming')) {
  log('== Stream fan-out (WebSocket clients on one hashtag stream, sequential posts)');
  const r = await benchStreaming(log);
  const goal = `goal p99 <= 250 ms: ${r.rounds.p99 <= 250 ? 'met' : 'NOT met'}`;
  log(
    `${r.clients} clients x ${r.posts} posts, ${r.frameBytes}-byte frames | ` +
      `baseline (bare ws broadcast): p50 ${fmt(r.baseline.p50)} ms, p99 ${fmt(r.baseline.p99)} ms | ` +
      `Rounds POST 200 -> update: p50 ${fmt(r.rounds.p50)} ms, p99 ${fmt(r.rounds.p99)} ms, max ${fmt(r.rounds.max)} ms | ` +
      `ratio p50 ${fmt(r.rounds.p50 / r.baseline.p50, 2)}x, p99 ${fmt(r.rounds.p99 / r.baseline.p99, 2)}x | ` +
      `delivered ${r.rounds.delivered}/${r.rounds.expected} | ${goal}`,
  );
  report.streaming = r;
}

if (want('web')) {
  log('== Web client on a slow phone (400 kbit/s, 400 ms RTT, CPU 4x slower, cold cache, 360 px)');
  const r = await benchWeb(log);
  const goal = `goal <= ${r.goalMs / 1000} s: ${r.rounds.median <= r.goalMs ? 'met' : 'NOT met'}`;
  log(
    `initial JavaScript ${fmt(r.initialJsGzipBytes / 1024)} KB gzip (budget ${fmt(r.budgetBytes / 1024, 0)} KB) | ` +
      `baseline (static page, same post): median ${fmt(r.baseline.median, 0)} ms, ${fmt(r.baseline.bytes / 1024)} KB | ` +
      `Rounds home, first post readable: median ${fmt(r.rounds.median, 0)} ms (min ${fmt(r.rounds.min, 0)}, max ${fmt(r.rounds.max, 0)}), ` +
      `${fmt(r.rounds.bytes / 1024)} KB | ratio ${fmt(r.rounds.median / r.baseline.median, 2)}x, ${r.runs} runs each | ${goal}`,
  );
  log(
    `         where the median load's time went: ${r.rounds.waterfall
      .map((q) => `${q.path.replace(/^\/assets\//, '').slice(0, 32)} ${q.start}-${q.end} ms`)
      .join(', ')}`,
  );
  report.web = r;
}

if (want('phi')) {
  const script = path.join(here, 'phi.bench.ts');
  if (existsSync(script)) {
    log('== PHI detector');
    const res = spawnSync(process.execPath, ['--import', 'tsx', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    });
    process.stdout.write(res.stdout);
    report.phi = res.stdout;
  }
}

mkdirSync('artifacts', { recursive: true });
writeFileSync('artifacts/bench.json', JSON.stringify(report, null, 2));
log('Results written to artifacts/bench.json');
