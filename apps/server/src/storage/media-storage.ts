/**
 * Where uploaded media bytes live. Keys are relative paths chosen by the domain
 * (`<id>-<token>/original.jpg`); the database stores keys, never URLs, so a store can move.
 */
export interface MediaStorage {
  /** Stores `bytes` under `key`, replacing any earlier object; atomic for readers. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The object (or the asked-for byte range of it), or null when there is none. */
  get(key: string, range?: ByteRange): Promise<StoredObject | null>;
  /** Removes the object; removing a missing object is not an error. */
  delete(key: string): Promise<void>;
  /** The absolute URL clients fetch the object from. */
  url(key: string): string;
}

/** An HTTP byte range: `start`–`end` inclusive, or the last `suffix` bytes. */
export type ByteRange = { start: number; end?: number | undefined } | { suffix: number };

export interface StoredObject {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  /** Size of the whole object in bytes. */
  size: number;
  /** The byte range the body holds (inclusive), when a range was asked for and honoured. */
  range?: { start: number; end: number } | undefined;
  /** A range was asked for that starts beyond the object's end (HTTP 416). */
  unsatisfiable?: boolean | undefined;
}

export class StorageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageError';
  }
}

const KEY_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$/;

/**
 * Keys are a few path segments of letters, digits, `_`, `-` and `.`, never `..`: a key can never
 * name a file outside the store's directory, whatever a URL asks for.
 */
export function isValidStorageKey(key: string): boolean {
  if (key.length === 0 || key.length > 512) return false;
  return key.split('/').every((segment) => KEY_SEGMENT.test(segment) && !segment.includes('..'));
}

export function assertValidStorageKey(key: string): void {
  if (!isValidStorageKey(key)) throw new StorageError(`Invalid storage key: ${JSON.stringify(key)}`);
}

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  weba: 'audio/webm',
  mp4: 'video/mp4',
  webm: 'video/webm',
};

/** The Content-Type for a key, from its extension (keys are always made by the domain). */
export function contentTypeForKey(key: string): string {
  const ext = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

/** Resolves a range against an object's size: inclusive offsets, 'unsatisfiable', or null for "whole". */
export function resolveRange(
  range: ByteRange | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  if (!range) return null;
  if ('suffix' in range) {
    if (range.suffix <= 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - range.suffix), end: size - 1 };
  }
  if (range.start >= size) return 'unsatisfiable';
  const end = Math.min(range.end ?? size - 1, size - 1);
  // NOTE: an end before the start makes the header invalid, and RFC 9110 says to ignore it.
  if (end < range.start) return null;
  return { start: range.start, end };
}

/** Parses a `Range: bytes=…` header; only single ranges are honoured (others serve the whole). */
export function parseRangeHeader(header: string | undefined): ByteRange | undefined {
  const m = header?.trim().match(/^bytes=(\d*)-(\d*)$/i);
  if (!m) return undefined;
  const [, from, to] = m;
  if (from === '' && to === '') return undefined;
  if (from === '') return { suffix: Number(to) };
  return { start: Number(from), end: to === '' ? undefined : Number(to) };
}
