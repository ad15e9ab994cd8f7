import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AwsV4Signer } from 'aws4fetch';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/index.ts';
import {
  createLocalStorage,
  createS3Storage,
  isValidStorageKey,
  StorageError,
} from '../src/storage/index.ts';
import { call, createPersona, createTestEnv } from './harness.ts';
import { fetchBytes, jpegWithEverything, upload } from './media-fixtures.ts';

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

describe('media storage configuration', () => {
  it('defaults to local storage', () => {
    expect(loadConfig({}).media).toEqual({ storage: 'local', s3: null });
  });

  it('lists every missing S3 setting at once', () => {
    try {
      loadConfig({ MEDIA_STORAGE: 's3', S3_PUBLIC_URL: 'not a url' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const key of [
        'S3_ENDPOINT',
        'S3_BUCKET',
        'S3_ACCESS_KEY_ID',
        'S3_SECRET_ACCESS_KEY',
        'S3_PUBLIC_URL',
      ]) {
        expect(problems).toContain(key);
      }
      expect(problems).toContain('is required when MEDIA_STORAGE=s3');
    }
    expect(() => loadConfig({ MEDIA_STORAGE: 'ftp' })).toThrow(/MEDIA_STORAGE/);
  });

  it('reads a complete S3 configuration', () => {
    const config = loadConfig({
      MEDIA_STORAGE: 's3',
      S3_ENDPOINT: 'https://s3.eu-west-1.amazonaws.com/',
      S3_BUCKET: 'rounds',
      S3_REGION: 'eu-west-1',
      S3_ACCESS_KEY_ID: 'AKID',
      S3_SECRET_ACCESS_KEY: 'secret',
    });
    expect(config.media.s3).toEqual({
      endpoint: 'https://s3.eu-west-1.amazonaws.com',
      bucket: 'rounds',
      region: 'eu-west-1',
      accessKeyId: 'AKID',
      secretAccessKey: 'secret',
      publicUrl: undefined,
    });
  });
});

describe('local media storage', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rounds-local-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const storage = createLocalStorage(dir, 'https://rounds.test/media/');

  it('refuses keys that could leave the media folder', async () => {
    for (const key of ['../x.jpg', 'a/../../x', '/etc/passwd', 'a//b', 'a/./b', 'a\\b', '', 'a/b%2f..']) {
      expect(isValidStorageKey(key), key).toBe(false);
    }
    await expect(storage.put('../escape.jpg', new Uint8Array([1]), 'image/jpeg')).rejects.toThrow(
      StorageError,
    );
    expect(existsSync(path.join(dir, 'escape.jpg'))).toBe(false);
  });

  it('stores, reads ranges, deletes and tidies up empty folders', async () => {
    const bytes = Buffer.from('0123456789');
    await storage.put('123-abc/original.png', bytes, 'image/png');
    expect(readdirSync(path.join(dir, 'media', '123-abc'))).toEqual(['original.png']);
    const whole = await storage.get('123-abc/original.png');
    expect(whole?.contentType).toBe('image/png');
    expect(await readAll(whole!.body)).toEqual(bytes);
    const part = await storage.get('123-abc/original.png', { start: 2, end: 4 });
    expect(part?.range).toEqual({ start: 2, end: 4 });
    expect((await readAll(part!.body)).toString()).toBe('234');
    expect(storage.url('123-abc/original.png')).toBe('https://rounds.test/media/123-abc/original.png');
    await storage.delete('123-abc/original.png');
    await storage.delete('123-abc/original.png'); // twice is fine
    expect(await storage.get('123-abc/original.png')).toBeNull();
    expect(readdirSync(path.join(dir, 'media'))).toEqual([]);
  });
});

/** A tiny S3 stand-in on 127.0.0.1 that checks every request's SigV4 signature. */
function startFakeS3(credentials: { accessKeyId: string; secretAccessKey: string; region: string }) {
  const objects = new Map<string, { body: Buffer; contentType: string; cacheControl: string | undefined }>();
  const log: { method: string; path: string; authorization: string }[] = [];
  let failPutsMatching: RegExp | null = null;

  async function verify(req: IncomingMessage, url: string): Promise<boolean> {
    const auth = req.headers.authorization ?? '';
    const m = auth.match(
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/,
    );
    if (!m || m[1] !== credentials.accessKeyId || m[2] !== credentials.region) return false;
    const signed = m[3]!.split(';');
    const headers: Record<string, string> = {};
    for (const name of signed) if (name !== 'host') headers[name] = String(req.headers[name] ?? '');
    const signer = new AwsV4Signer({
      method: req.method!,
      url,
      headers,
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      region: credentials.region,
      service: 's3',
      datetime: String(req.headers['x-amz-date']),
    });
    const expected = (await signer.sign()).headers.get('authorization');
    return expected === auth;
  }

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = `http://${req.headers.host}${req.url}`;
    log.push({ method: req.method!, path: req.url!, authorization: req.headers.authorization ?? '' });
    if (!(await verify(req, url))) {
      res
        .writeHead(403, { 'content-type': 'application/xml' })
        .end('<Error><Code>SignatureDoesNotMatch</Code></Error>');
      return;
    }
    const key = decodeURIComponent(req.url!);
    if (req.method === 'PUT') {
      if (failPutsMatching?.test(key)) {
        res.writeHead(507).end('<Error><Code>InsufficientStorage</Code></Error>');
        return;
      }
      objects.set(key, {
        body: Buffer.concat(chunks),
        contentType: String(req.headers['content-type']),
        cacheControl: req.headers['cache-control'],
      });
      res.writeHead(200).end();
    } else if (req.method === 'GET') {
      const object = objects.get(key);
      if (!object) {
        res.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
        return;
      }
      const range = String(req.headers.range ?? '').match(/^bytes=(\d+)-(\d*)$/);
      if (range) {
        const start = Number(range[1]);
        const end = range[2] ? Math.min(Number(range[2]), object.body.length - 1) : object.body.length - 1;
        res.writeHead(206, {
          'content-type': object.contentType,
          'content-range': `bytes ${start}-${end}/${object.body.length}`,
        });
        res.end(object.body.subarray(start, end + 1));
        return;
      }
      res
        .writeHead(200, { 'content-type': object.contentType, 'content-length': object.body.length })
        .end(object.body);
    } else if (req.method === 'DELETE') {
      objects.delete(key);
      res.writeHead(204).end();
    } else {
      res.writeHead(405).end();
    }
  });
  return {
    objects,
    log,
    failPuts(pattern: RegExp | null) {
      failPutsMatching = pattern;
    },
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('S3-compatible media storage', () => {
  const credentials = {
    accessKeyId: 'AKIDROUNDSTEST',
    secretAccessKey: 'not-a-real-secret',
    region: 'eu-west-1',
  };
  const s3 = startFakeS3(credentials);
  let endpoint: string;
  beforeAll(async () => {
    endpoint = await s3.listen();
  });
  afterAll(() => s3.close());

  it('puts, gets (with ranges) and deletes signed objects', async () => {
    const storage = createS3Storage({
      endpoint,
      bucket: 'media',
      ...credentials,
      publicUrl: 'https://cdn.rounds.test',
    });
    await storage.put('9-tok/original.mp3', Buffer.from('ID3 and frames'), 'audio/mpeg');
    expect(s3.log.at(-1)?.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDROUNDSTEST\//);
    const stored = s3.objects.get('/media/9-tok/original.mp3');
    expect(stored).toMatchObject({
      contentType: 'audio/mpeg',
      cacheControl: 'public, max-age=31536000, immutable',
    });
    const got = await storage.get('9-tok/original.mp3');
    expect((await readAll(got!.body)).toString()).toBe('ID3 and frames');
    const part = await storage.get('9-tok/original.mp3', { start: 4, end: 6 });
    expect(part?.range).toEqual({ start: 4, end: 6 });
    expect(part?.size).toBe(14);
    expect((await readAll(part!.body)).toString()).toBe('and');
    expect(storage.url('9-tok/original.mp3')).toBe('https://cdn.rounds.test/9-tok/original.mp3');
    await storage.delete('9-tok/original.mp3');
    expect(await storage.get('9-tok/original.mp3')).toBeNull();
  });

  it('fails loudly when the credentials are wrong', async () => {
    const storage = createS3Storage({ endpoint, bucket: 'media', ...credentials, secretAccessKey: 'wrong' });
    await expect(storage.put('1-x/original.png', new Uint8Array([1]), 'image/png')).rejects.toThrow(
      /HTTP 403.*SignatureDoesNotMatch/,
    );
  });

  it('serves the whole upload flow from the bucket, metadata-free, and leaves nothing when a write fails', async () => {
    const env = await createTestEnv({
      MEDIA_STORAGE: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: 'rounds-media',
      S3_REGION: credentials.region,
      S3_ACCESS_KEY_ID: credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    });
    const erin = await createPersona(env, 'erin');
    const res = await upload(env, erin.token, await jpegWithEverything());
    expect(res.status).toBe(200);
    const keys = [...s3.objects.keys()].filter((k) => k.startsWith('/rounds-media/'));
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      const object = s3.objects.get(key)!;
      expect(await exifr.parse(object.body, { gps: true, xmp: true, icc: true })).toBeUndefined();
      expect((await sharp(object.body).metadata()).exif).toBeUndefined();
    }
    // No public bucket URL configured: the app serves the objects itself.
    expect(res.body.url).toMatch(/^https:\/\/rounds\.test\/media\//);
    const served = await fetchBytes(env, res.body.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.bytes.equals(s3.objects.get(keys.find((k) => k.endsWith('original.jpg'))!)!.body)).toBe(
      true,
    );

    const del = await call(env, 'DELETE', `/api/v1/media/${res.body.id}`, { token: erin.token });
    expect(del.status).toBe(200);
    expect([...s3.objects.keys()].filter((k) => k.startsWith('/rounds-media/'))).toEqual([]);

    s3.failPuts(/small\./);
    const failed = await upload(env, erin.token, await jpegWithEverything());
    s3.failPuts(null);
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect([...s3.objects.keys()].filter((k) => k.startsWith('/rounds-media/'))).toEqual([]);
    const list = await env.ctx.db.query.mediaAttachments.findMany();
    expect(list).toEqual([]);
  });
});
