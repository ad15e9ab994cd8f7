import { AwsClient } from 'aws4fetch';
import {
  assertValidStorageKey,
  type ByteRange,
  contentTypeForKey,
  type MediaStorage,
  StorageError,
  type StoredObject,
} from './media-storage.ts';

export interface S3StorageOptions {
  /** e.g. https://s3.eu-west-1.amazonaws.com, https://<account>.r2.cloudflarestorage.com, http://minio:9000 */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Where clients fetch objects; default `${endpoint}/${bucket}` (a public bucket). */
  publicUrl?: string | undefined;
  /** Tests inject a fetch; production uses the global one. */
  fetch?: typeof fetch;
}

function rangeHeader(range: ByteRange): string {
  if ('suffix' in range) return `bytes=-${range.suffix}`;
  return `bytes=${range.start}-${range.end ?? ''}`;
}

async function failure(action: string, key: string, res: Response): Promise<StorageError> {
  const text = (await res.text().catch(() => '')).slice(0, 300);
  return new StorageError(`S3 ${action} ${key} failed with HTTP ${res.status}${text ? `: ${text}` : ''}`);
}

/**
 * An S3-compatible bucket (AWS, R2, MinIO, Garage, ...), addressed path-style and signed with SigV4.
 * Objects carry their Content-Type and long-lived cache headers, as keys never change content.
 */
export function createS3Storage(options: S3StorageOptions): MediaStorage {
  const endpoint = options.endpoint.replace(/\/+$/, '');
  const publicBase = (options.publicUrl ?? `${endpoint}/${options.bucket}`).replace(/\/+$/, '');
  const client = new AwsClient({
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    region: options.region,
    service: 's3',
    // NOTE: aws4fetch retries 5xx ten times by default; an upload request should not hang that long.
    retries: 2,
    initRetryMs: 100,
  });
  const doFetch = options.fetch ?? fetch;
  const objectUrl = (key: string): string => {
    assertValidStorageKey(key);
    return `${endpoint}/${encodeURIComponent(options.bucket)}/${key}`;
  };
  const send = async (url: string, init: RequestInit): Promise<Response> =>
    doFetch(await client.sign(url, init));

  return {
    async put(key, bytes, contentType) {
      const res = await send(objectUrl(key), {
        method: 'PUT',
        body: bytes,
        headers: {
          'Content-Type': contentType,
          'Cache-Control': 'public, max-age=31536000, immutable',
          'Content-Disposition': 'inline',
        },
      });
      if (!res.ok) throw await failure('PUT', key, res);
      await res.body?.cancel();
    },

    async get(key: string, range?: ByteRange): Promise<StoredObject | null> {
      const headers: Record<string, string> = range ? { Range: rangeHeader(range) } : {};
      const res = await send(objectUrl(key), { method: 'GET', headers });
      if (res.status === 404) {
        await res.body?.cancel();
        return null;
      }
      const contentType = res.headers.get('content-type') ?? contentTypeForKey(key);
      const contentRange = res.headers.get('content-range') ?? '';
      if (res.status === 416) {
        await res.body?.cancel();
        const total = Number(contentRange.match(/\/(\d+)$/)?.[1] ?? 0);
        return {
          body: new ReadableStream({ start: (c) => c.close() }),
          contentType,
          size: total,
          unsatisfiable: true,
        };
      }
      if (!res.ok || !res.body) throw await failure('GET', key, res);
      if (res.status === 206) {
        const m = contentRange.match(/^bytes (\d+)-(\d+)\/(\d+)$/);
        if (m) {
          return {
            body: res.body,
            contentType,
            size: Number(m[3]),
            range: { start: Number(m[1]), end: Number(m[2]) },
          };
        }
      }
      return { body: res.body, contentType, size: Number(res.headers.get('content-length') ?? 0) };
    },

    async delete(key) {
      const res = await send(objectUrl(key), { method: 'DELETE' });
      await res.body?.cancel();
      if (!res.ok && res.status !== 404) throw await failure('DELETE', key, res);
    },

    url(key) {
      assertValidStorageKey(key);
      return `${publicBase}/${key}`;
    },
  };
}
