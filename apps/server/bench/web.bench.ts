import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..', '..', '..');
const SIZE_FILE = path.join(ROOT, 'apps', 'web', 'dist', '.vite', 'size.json');
const CHROMIUM_PATH = '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 3);
const TIMEOUT_MS = 120_000;

/** The slow phone: 400 kbit/s each way, 400 ms round trip, the CPU four times slower. */
export const SLOW_PHONE = { downloadKbps: 400, uploadKbps: 400, latencyMs: 400, cpuSlowdown: 4 } as const;
export const WEB_GOAL_MS = 5000;

/** When each request of a load started and ended, in ms from the page's own request. */
export interface RequestTiming {
  path: string;
  start: number;
  end: number;
  bytes: number;
}

interface Load {
  ms: number;
  bytes: number;
  requests: RequestTiming[];
}

export interface PageLoadStats {
  /** Time from navigation start until the first post is on screen, per run, in ms. */
  samples: number[];
  median: number;
  min: number;
  max: number;
  /** Bytes received over the network by then (median run). */
  bytes: number;
  /** The median run's requests (finished ones), in the order they started: where the time went. */
  waterfall: RequestTiming[];
}

export interface WebBenchResult {
  throttling: typeof SLOW_PHONE;
  runs: number;
  initialJsGzipBytes: number;
  budgetBytes: number;
  /** The web client, signed in, cold cache: the first home-timeline post readable. */
  rounds: PageLoadStats;
  /** The same first post as a static HTML page (no script, no API call) from the same server. */
  baseline: PageLoadStats;
  goalMs: number;
}

/**
 * Runs in the page before any of its scripts: notes when the first post's text (or its content
 * warning) is in the document, at the next frame, when it has been painted.
 */
const DETECT_FIRST_POST = `(() => {
  const found = () => {
    const text = document.querySelector('main article :is(.status-warning summary, .status-content)');
    return Boolean(text && text.textContent && text.textContent.trim());
  };
  const observer = new MutationObserver(() => {
    if (!found()) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.__firstPostAt ??= performance.now(); });
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject()));
    });
  });
}

function startServer(port: number, dataDir: string): Promise<{ child: ChildProcess; token: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'web-server.ts')], {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        LOG_LEVEL: 'error',
        STREAMING_BACKEND: 'memory',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout!.on('data', (d: Buffer) => {
      const m = d.toString().match(/listening (\d+) (\S+)/);
      if (m) resolve({ child, token: m[2]! });
    });
    child.on('exit', (code) => reject(new Error(`web bench server exited with ${code}`)));
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

/** One cold load in a fresh browser context (empty cache, no service worker) under SLOW_PHONE. */
async function loadOnce(browser: Browser, url: string, token: string | null): Promise<Load> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: 'en-US',
    serviceWorkers: 'block',
  });
  try {
    if (token) {
      // The web client keeps its token in this tab's session storage (apps/web/src/auth/session.tsx).
      await context.addInitScript(
        `sessionStorage.setItem('rounds:token', ${JSON.stringify(JSON.stringify(token))});`,
      );
    }
    await context.addInitScript(DETECT_FIRST_POST);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    let bytes = 0;
    const started = new Map<string, { path: string; at: number }>();
    const requests: RequestTiming[] = [];
    let origin: number | null = null;
    cdp.on('Network.requestWillBeSent', (e) => {
      origin ??= e.timestamp;
      const u = new URL(e.request.url);
      started.set(e.requestId, { path: u.pathname + u.search, at: e.timestamp });
    });
    cdp.on('Network.loadingFinished', (e) => {
      bytes += e.encodedDataLength;
      const request = started.get(e.requestId);
      if (!request || origin === null) return;
      requests.push({
        path: request.path,
        start: Math.round((request.at - origin) * 1000),
        end: Math.round((e.timestamp - origin) * 1000),
        bytes: e.encodedDataLength,
      });
    });
    await cdp.send('Network.enable');
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: SLOW_PHONE.latencyMs,
      downloadThroughput: (SLOW_PHONE.downloadKbps * 1000) / 8,
      uploadThroughput: (SLOW_PHONE.uploadKbps * 1000) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_PHONE.cpuSlowdown });
    await page.goto(url, { waitUntil: 'commit', timeout: TIMEOUT_MS });
    // NOTE: a function, not a string: the app's CSP forbids eval, which string predicates use.
    const at = await page
      .waitForFunction(() => (globalThis as { __firstPostAt?: number }).__firstPostAt, undefined, {
        timeout: TIMEOUT_MS,
        polling: 250,
      })
      .catch(async (error: unknown) => {
        const shown = await page.evaluate(() => (globalThis as any).document.body.innerText as string);
        throw new Error(`No post appeared at ${url}; the page shows: ${shown.slice(0, 400)}`, {
          cause: error,
        });
      });
    const ms = (await at.jsonValue()) as number;
    return { ms, bytes, requests: requests.sort((a, b) => a.start - b.start) };
  } finally {
    await context.close();
  }
}

function stats(runs: Load[]): PageLoadStats {
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  const mid = sorted[Math.floor(sorted.length / 2)]!;
  return {
    samples: runs.map((r) => Math.round(r.ms)),
    median: mid.ms,
    min: sorted[0]!.ms,
    max: sorted.at(-1)!.ms,
    bytes: mid.bytes,
    waterfall: mid.requests,
  };
}

/**
 * The web client on a slow phone: the real server with the demo content, Chromium throttled through
 * the DevTools protocol, a cold cache, alice signed in; the time until the first post of her home
 * timeline is on screen. Baseline in the same run: the same post as a static HTML page from the same
 * server under the same throttling. Runs alternate (B R R B ...) so drift meets both alike.
 */
export async function benchWeb(log: (line: string) => void): Promise<WebBenchResult> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: apt-get install -y chromium`);
  }
  const build = spawnSync('npm', ['run', 'build', '-w', '@rounds/web'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0)
    throw new Error(`Building the web client failed:\n${build.stdout}\n${build.stderr}`);
  const size = JSON.parse(readFileSync(SIZE_FILE, 'utf8')) as {
    initialJsGzipBytes: number;
    budgetBytes: number;
  };

  const dataDir = mkdtempSync(path.join(tmpdir(), 'rounds-web-bench-'));
  const port = await freePort();
  const { child, token } = await startServer(port, dataDir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
  const origin = `http://127.0.0.1:${port}`;
  try {
    // One unmeasured load of each warms the server (first renders, query plans), not the browser.
    await loadOnce(browser, `${origin}/`, token);
    await loadOnce(browser, `${origin}/__bench/static-post`, null);
    const runs: Record<'b' | 'r', Load[]> = { b: [], r: [] };
    for (let i = 0; i < RUNS; i++) {
      const order: Array<'b' | 'r'> = i % 2 === 0 ? ['b', 'r'] : ['r', 'b'];
      for (const which of order) {
        const run =
          which === 'r'
            ? await loadOnce(browser, `${origin}/`, token)
            : await loadOnce(browser, `${origin}/__bench/static-post`, null);
        runs[which].push(run);
        log(`  ${which === 'r' ? 'web client' : 'baseline  '} run ${i + 1}: ${Math.round(run.ms)} ms`);
      }
    }
    return {
      throttling: SLOW_PHONE,
      runs: RUNS,
      initialJsGzipBytes: size.initialJsGzipBytes,
      budgetBytes: size.budgetBytes,
      rounds: stats(runs.r),
      baseline: stats(runs.b),
      goalMs: WEB_GOAL_MS,
    };
  } finally {
    await browser.close();
    await stopServer(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
