import { zPageParams } from '@rounds/contract';
import type { Context } from 'hono';
import { type Page, toPage } from '../domain/pagination.ts';
import { parseWith, readQuery } from './params.ts';

export function readPage(c: Context, max = 40, def = 20): Page {
  return toPage(parseWith(zPageParams, readQuery(c)), max, def);
}

/**
 * Sets the Link header clients follow to page: `next` goes older (max_id), `prev` newer (min_id).
 * `cursors` are the pagination ids of the returned items, newest first.
 */
export function setLinkHeader(c: Context, cursors: readonly string[], publicUrl: string): void {
  if (cursors.length === 0) return;
  const url = new URL(c.req.url);
  const base = `${publicUrl}${url.pathname}`;
  const keep = new URLSearchParams(url.searchParams);
  for (const k of ['max_id', 'since_id', 'min_id']) keep.delete(k);
  const link = (key: string, value: string) => {
    const q = new URLSearchParams(keep);
    q.set(key, value);
    return `${base}?${q.toString()}`;
  };
  c.header(
    'Link',
    `<${link('max_id', cursors[cursors.length - 1]!)}>; rel="next", <${link('min_id', cursors[0]!)}>; rel="prev"`,
  );
}
