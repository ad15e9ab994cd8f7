#!/usr/bin/env node
// Runs after `vite build`: measures the JavaScript a first visit downloads before anything shows
// (the entry script and the chunks index.html preloads), gzipped, and fails the build over budget.
// Also writes .gz and .br copies of every asset, which the server sends to browsers that accept them.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 150 * 1024;
const dist = path.resolve(import.meta.dirname, '..', 'dist');

function initialScripts(html) {
  const files = new Set();
  for (const m of html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)) files.add(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) files.add(m[1]);
  return [...files];
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const scripts = initialScripts(html);
if (scripts.length === 0) {
  console.error('check-size: no module script found in dist/index.html');
  process.exit(1);
}
let total = 0;
const rows = [];
// NODE_ENV=development or test in the environment makes Vite build React's development version:
// bigger, slower, and not what people get. Say so instead of shipping it.
const entry = readFileSync(path.join(dist, scripts[0].replace(/^\//, '')), 'utf8');
if (entry.includes('jsxDEV') || entry.includes('react-dom.development')) {
  console.error(
    `check-size: this is a development build (NODE_ENV=${process.env.NODE_ENV}). Build with NODE_ENV unset or =production.`,
  );
  process.exit(1);
}
for (const src of scripts) {
  const bytes = readFileSync(path.join(dist, src.replace(/^\//, '')));
  const gz = gzipSync(bytes, { level: 9 }).length;
  total += gz;
  rows.push(`  ${src}  ${(bytes.length / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzip`);
}

for (const file of walk(path.join(dist, 'assets'))) {
  if (!/\.(js|css|svg|json|txt|html)$/.test(file)) continue;
  const bytes = readFileSync(file);
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  writeFileSync(
    `${file}.br`,
    brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
}

const figure = { initialJsGzipBytes: total, budgetBytes: BUDGET_BYTES, files: scripts };
mkdirSync(path.join(dist, '.vite'), { recursive: true });
writeFileSync(path.join(dist, '.vite', 'size.json'), `${JSON.stringify(figure, null, 2)}\n`);
console.log(`Initial JavaScript: ${(total / 1024).toFixed(1)} KB gzip (budget ${BUDGET_BYTES / 1024} KB)`);
console.log(rows.join('\n'));
if (total > BUDGET_BYTES) {
  console.error(
    `check-size: the initial JavaScript is ${(total / 1024).toFixed(1)} KB gzip, over the ${BUDGET_BYTES / 1024} KB budget. Split a route or drop a dependency.`,
  );
  process.exit(1);
}
