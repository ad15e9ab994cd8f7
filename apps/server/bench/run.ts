// `npm run bench`: every benchmark, each figure beside a baseline measured in the same run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchTimelines } from './timeline.bench.ts';

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
  }
  report.timeline = results;
}

if (want('phi')) {
  const script = path.join(here, 'phi.bench.ts');
  if (existsSync(script)) {
    log('== PHI detector');
    const res = spawnSync(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    process.stdout.write(res.stdout);
    report.phi = res.stdout;
  }
}

mkdirSync('artifacts', { recursive: true });
writeFileSync('artifacts/bench.json', JSON.stringify(report, null, 2));
log('Results written to artifacts/bench.json');
