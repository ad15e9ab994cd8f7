import { zId } from '@rounds/contract';
import type { Context } from 'hono';
import { z } from 'zod';
import { ValidationError } from '../domain/errors.ts';

type Json = unknown;

function isPlainObject(v: Json): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Whether a value is already set at the nested keys `path`. As Rails, a path through a list
 * (`[]`) never counts as set: `a[][tags][]=x&a[][tags][]=y` adds both to one hash.
 */
function hasPath(node: Json, path: readonly string[]): boolean {
  if (path.includes('')) return false;
  const [head, ...rest] = path;
  if (head === undefined) return true;
  return isPlainObject(node) && head in node && hasPath(node[head], rest);
}

/**
 * Sets `value` at a Rails-style key: `a[]`, `a[b]`, `fields_attributes[0][name]`, `poll[options][]`.
 * Real Mastodon clients send these in query strings, form bodies and multipart bodies.
 */
function assign(target: Record<string, Json>, key: string, value: Json): void {
  const parts = key.match(/^([^[\]]+)((?:\[[^[\]]*\])*)$/);
  if (!parts) {
    target[key] = value;
    return;
  }
  const path = [parts[1]!, ...[...(parts[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
  let node: Record<string, Json> | Json[] = target;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    const nextIsArray = !last && path[i + 1] === '';
    if (Array.isArray(node)) {
      if (seg !== '') return;
      if (last) node.push(value);
      else {
        // As Rails: `a[][id]=1&a[][description]=x` fills one hash until a key repeats.
        const previous: Json = node[node.length - 1];
        if (!nextIsArray && isPlainObject(previous) && !hasPath(previous, path.slice(i + 1))) {
          node = previous;
          continue;
        }
        const child: Record<string, Json> | Json[] = nextIsArray ? [] : {};
        node.push(child);
        node = child;
      }
      continue;
    }
    if (last) {
      node[seg] = value;
    } else {
      let child = node[seg];
      if (child === null || typeof child !== 'object') {
        child = nextIsArray ? [] : {};
        node[seg] = child;
      }
      node = child as Record<string, Json> | Json[];
    }
  }
}

/**
 * NUL characters are dropped from every parameter: they never mean anything in text, and
 * PostgreSQL refuses them in text columns (a 500 for whichever field forgot to clean them).
 */
function withoutNul(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
}

function fromEntries(entries: Iterable<[string, Json]>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [k, v] of entries) assign(out, withoutNul(k), typeof v === 'string' ? withoutNul(v) : v);
  return out;
}

/** Reads query parameters, Rails-style keys included. */
export function readQuery(c: Context): Record<string, Json> {
  const url = new URL(c.req.url);
  return fromEntries(url.searchParams.entries());
}

/** Reads a request body sent as JSON, form-encoded or multipart; files stay File objects. */
export async function readBody(c: Context): Promise<Record<string, Json>> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (type.includes('application/json')) {
    const text = await c.req.text();
    if (text.trim() === '') return {};
    try {
      const parsed: unknown = JSON.parse(text, (_key, value) =>
        typeof value === 'string' ? withoutNul(value) : value,
      );
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new ValidationError('The JSON body must be an object');
      }
      return parsed as Record<string, Json>;
    } catch (error) {
      if (error instanceof ValidationError) throw error;
      throw new ValidationError('The request body is not valid JSON');
    }
  }
  if (type.includes('application/x-www-form-urlencoded')) {
    return fromEntries(new URLSearchParams(await c.req.text()).entries());
  }
  if (type.includes('multipart/form-data')) {
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch {
      throw new ValidationError('The multipart body could not be read');
    }
    return fromEntries(form.entries() as Iterable<[string, Json]>);
  }
  return {};
}

/** Query and body merged (body wins), as Mastodon accepts parameters in either place. */
export async function readParams(c: Context): Promise<Record<string, Json>> {
  const method = c.req.method;
  const query = readQuery(c);
  if (method === 'GET' || method === 'HEAD') return query;
  return { ...query, ...(await readBody(c)) };
}

/** Validates with a zod schema; the first problem becomes a 422 naming the field. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  throw new ValidationError(field ? `${field}: ${issue.message}` : issue.message, field || undefined, {
    issues: result.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })),
  });
}

const zIdParam = z.object({ id: zId });

/** The `:id` path parameter as an id; a malformed one is a 422 naming `id`. */
export function pathId(c: Context): string {
  return parseWith(zIdParam, { id: c.req.param('id') }).id;
}
