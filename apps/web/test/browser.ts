import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

const WEB_DIR = fileURLToPath(new URL('..', import.meta.url));
const ROOT_DIR = path.resolve(WEB_DIR, '..', '..');
export const SCREENSHOT_DIR = path.join(ROOT_DIR, 'artifacts', 'screenshots');

/** Debian's Chromium: `apt-get install -y chromium` (CI's .ci/run installs it when missing). */
export const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function newestChange(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(target).map((name) => newestChange(path.join(target, name))));
}

/**
 * Builds the web client when dist/ is missing or older than its sources, as `npm start` would;
 * the server under test serves whatever dist/ holds.
 */
export function ensureWebBuild(): void {
  const index = path.join(WEB_DIR, 'dist', 'index.html');
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json', 'scripts'].map((p) =>
    path.join(WEB_DIR, p),
  );
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newestChange))) return;
  const result = spawnSync('npm', ['run', 'build', '-w', '@rounds/web'], {
    cwd: ROOT_DIR,
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) {
    throw new Error(`Building the web client failed:\n${result.stdout}\n${result.stderr}`);
  }
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}: the browser tests need Debian's chromium package. ` +
        'Install it with "apt-get update && apt-get install -y chromium" (.ci/run does this in CI).',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS, headless: true });
}

export const WIDTHS = [360, 1280] as const;
const HEIGHT = 900;

/**
 * Checks a screen as it is now with axe-core at each width (no serious or critical violation), that
 * it fits the width without sideways scrolling, and saves a full-page screenshot per width: artifacts/screenshots/<name>-<lang>-<width>.png.
 */
export async function auditScreen(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const lang = (await page.locator('html').getAttribute('lang')) ?? 'unknown';
  const original = page.viewportSize();
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHT });
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    const blocking = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(blocking, `${name} in ${lang} at ${width}px`).toEqual([]);
    // Nothing runs off the side: no sideways scrolling at any width.
    expect(await page.evaluate('document.documentElement.scrollWidth'), `${name} ${lang} ${width}px`).toBe(
      width,
    );
    await page.screenshot({
      path: path.join(SCREENSHOT_DIR, `${name}-${lang}-${width}.png`),
      fullPage: true,
    });
  }
  if (original) await page.setViewportSize(original);
}
