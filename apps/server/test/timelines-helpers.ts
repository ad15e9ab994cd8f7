import { expect } from 'vitest';
import { call, createPersona, type Persona, type TestEnv } from './harness.ts';

/** Posts as `who` through the API; returns the Status JSON. */
export async function say(env: TestEnv, who: Persona, status: string, extra: Record<string, unknown> = {}) {
  const res = await call(env, 'POST', '/api/v1/statuses', { token: who.token, body: { status, ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { id: string; [k: string]: unknown };
}

/** Calls a POST action (follow, reblog, pin, ...) and expects 200. */
export async function act(env: TestEnv, who: Persona, path: string, body?: Record<string, unknown>) {
  const res = await call(env, 'POST', path, { token: who.token, body });
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

/** GETs a list and returns its ids (failing on anything but 200). */
export async function ids(env: TestEnv, path: string, who?: Persona): Promise<string[]> {
  const res = await call(env, 'GET', path, { token: who?.token });
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return (res.body as Array<{ id: string }>).map((s) => s.id);
}

/** The path and query of a Link header relation, or null. */
export function linkOf(headers: Headers, rel: 'next' | 'prev'): string | null {
  const m = headers.get('link')?.match(new RegExp(`<([^>]+)>; rel="${rel}"`));
  if (!m) return null;
  const url = new URL(m[1]!);
  return url.pathname + url.search;
}

/** Follows `next` links from `path` until an empty page; returns the pages' ids. */
export async function walkPages(env: TestEnv, path: string, who?: Persona, rel: 'next' | 'prev' = 'next') {
  const pages: string[][] = [];
  let next: string | null = path;
  for (let guard = 0; next && guard < 50; guard++) {
    const res = await call(env, 'GET', next, { token: who?.token });
    expect(res.status).toBe(200);
    const page = (res.body as Array<{ id: string }>).map((s) => s.id);
    if (page.length === 0) break;
    pages.push(page);
    next = linkOf(res.headers, rel);
  }
  return pages;
}

/** Creates several personas at once, typed as a tuple of the same length. */
export async function personas<const N extends readonly string[]>(
  env: TestEnv,
  ...names: N
): Promise<{ [K in keyof N]: Persona }> {
  return (await Promise.all(names.map((n) => createPersona(env, n)))) as { [K in keyof N]: Persona };
}
