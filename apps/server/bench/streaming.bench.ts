import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { percentile } from './load.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLIENTS = Number(process.env.BENCH_STREAM_CLIENTS ?? 1_000);
const POSTS = Number(process.env.BENCH_STREAM_POSTS ?? 20);
const PAUSE_MS = 150;
const DELIVERY_TIMEOUT_MS = 10_000;
/** The status id is the first field of the payload (Status JSON, escaped inside the frame). */
const ID_IN_FRAME = /"payload":"\{\\"id\\":\\"([^\\"]+)\\"/;

export interface DeliveryStats {
  p50: number;
  p99: number;
  max: number;
  delivered: number;
  expected: number;
}

export interface StreamingBenchResult {
  clients: number;
  posts: number;
  frameBytes: number;
  rounds: DeliveryStats;
  baseline: DeliveryStats;
}

interface Server {
  child: ChildProcess;
  port: number;
  posterToken: string;
  readerToken: string;
}

function startServer(dataDir: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'streaming-server.ts')], {
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'error', STREAMING_BACKEND: 'memory' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout!.on('data', (d: Buffer) => {
      const m = d.toString().match(/listening (\d+) (\S+) (\S+)/);
      if (m) resolve({ child, port: Number(m[1]), posterToken: m[2]!, readerToken: m[3]! });
    });
    child.on('exit', (code) => reject(new Error(`streaming bench server exited with ${code}`)));
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

/** Open-file limit of this shell's processes (sockets count); the server child inherits it. */
function fileLimit(): number {
  const out = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim();
  return out === 'unlimited' ? Number.POSITIVE_INFINITY : Number(out) || 1024;
}

/** Arrival times by message id, across every client of one kind. */
type Arrivals = Map<string, number[]>;

async function openClients(url: string, count: number, arrivals: Arrivals, headers: Record<string, string>) {
  const sockets: WebSocket[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, () => {
      const ws = new WebSocket(url, { headers, perMessageDeflate: false });
      ws.on('message', (data) => {
        const at = performance.now();
        const id = ID_IN_FRAME.exec(String(data))?.[1];
        if (!id) return;
        const list = arrivals.get(id) ?? [];
        list.push(at);
        arrivals.set(id, list);
      });
      return new Promise<WebSocket>((resolve, reject) => {
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      });
    });
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

async function waitForAll(arrivals: Arrivals, id: string, count: number): Promise<number[]> {
  const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
  while ((arrivals.get(id)?.length ?? 0) < count && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 5));
  }
  return arrivals.get(id) ?? [];
}

function stats(latencies: number[], expected: number): DeliveryStats {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    delivered: sorted.length,
    expected,
  };
}

/**
 * Stream fan-out: `CLIENTS` WebSocket clients on one hashtag stream, `POSTS` posts one after the
 * other; latency from each POST's 200 to each client's `update`. Baseline in the same run: as many
 * raw sockets in the same server process, each sent a same-size frame by a bare `ws` broadcast
 * triggered the same way. Real and baseline rounds alternate so drift hits both alike.
 */
export async function benchStreaming(log: (line: string) => void): Promise<StreamingBenchResult> {
  const limit = fileLimit();
  // Each side holds 2 sockets per client (stream + baseline) plus the database and spare files.
  const clients = Math.min(CLIENTS, Math.floor((limit - 256) / 2));
  if (clients < CLIENTS)
    log(`open-file limit ${limit}: using ${clients} clients per side instead of ${CLIENTS}`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rounds-bench-stream-'));
  const server = await startServer(dataDir);
  const base = `http://127.0.0.1:${server.port}`;
  const streamArrivals: Arrivals = new Map();
  const rawArrivals: Arrivals = new Map();
  let sockets: WebSocket[] = [];
  try {
    const streamUrl = `ws://127.0.0.1:${server.port}/api/v1/streaming?stream=hashtag&tag=bench`;
    sockets = await openClients(streamUrl, clients, streamArrivals, {
      authorization: `Bearer ${server.readerToken}`,
    });
    sockets.push(
      ...(await openClients(`ws://127.0.0.1:${server.port}/__bench/raw`, clients, rawArrivals, {})),
    );
    log(`streaming: ${clients} stream clients and ${clients} baseline sockets connected`);

    const postStatus = async (text: string) => {
      const res = await fetch(`${base}/api/v1/statuses`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.posterToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status: text }),
      });
      const at = performance.now();
      if (res.status !== 200)
        throw new Error(`POST /api/v1/statuses answered ${res.status}: ${await res.text()}`);
      return { id: ((await res.json()) as { id: string }).id, at };
    };
    const broadcast = async (id: string, bytes: number) => {
      const res = await fetch(`${base}/__bench/broadcast`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id, bytes }),
      });
      const at = performance.now();
      await res.arrayBuffer();
      return { id, at };
    };

    // Warm-up (JIT, caches) that also proves every subscription is live before measuring.
    const warm = await postStatus('Warm-up post on #bench');
    if ((await waitForAll(streamArrivals, warm.id, clients)).length < clients) {
      throw new Error('not every stream client received the warm-up post');
    }
    let frameBytes = 0;
    const probe = new WebSocket(`ws://127.0.0.1:${server.port}/api/v1/streaming?stream=hashtag&tag=bench`, {
      headers: { authorization: `Bearer ${server.readerToken}` },
    });
    const sized = new Promise<number>((resolve) => probe.once('message', (d) => resolve(String(d).length)));
    await new Promise((r) => probe.once('open', r));
    await new Promise((r) => setTimeout(r, 100));
    // NOTE: no digits in the text: the PHI guard rightly questions numbers next to words.
    const text = 'Bench post on #bench: B-lines, lung sliding and the seashore sign';
    const sizing = await postStatus(text);
    frameBytes = await sized;
    probe.close();
    await waitForAll(streamArrivals, sizing.id, clients);
    await waitForAll(rawArrivals, (await broadcast('warm', frameBytes)).id, clients);

    const real: number[] = [];
    const bare: number[] = [];
    for (let i = 1; i <= POSTS; i++) {
      const posted = await postStatus(text);
      for (const t of await waitForAll(streamArrivals, posted.id, clients))
        real.push(Math.max(0, t - posted.at));
      await new Promise((r) => setTimeout(r, PAUSE_MS));
      const sent = await broadcast(`b${i}`, frameBytes);
      for (const t of await waitForAll(rawArrivals, sent.id, clients)) bare.push(Math.max(0, t - sent.at));
      await new Promise((r) => setTimeout(r, PAUSE_MS));
    }
    return {
      clients,
      posts: POSTS,
      frameBytes,
      rounds: stats(real, clients * POSTS),
      baseline: stats(bare, clients * POSTS),
    };
  } finally {
    for (const ws of sockets) ws.terminate();
    await stopServer(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
