import exifr from 'exifr';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import {
  animatedGif,
  fetchBytes,
  id3Tag,
  jpegWithEverything,
  mediaRows,
  mp3Frames,
  mp4,
  oggOpus,
  png,
  pngWithText,
  rotatedJpeg,
  storedFiles,
  upload,
  webm,
} from './media-fixtures.ts';
import { expectMatchesSchema } from './openapi.ts';

/** Proves a stored or served image carries no metadata, by parsing it two independent ways. */
async function expectNoMetadata(bytes: Buffer): Promise<void> {
  if (bytes.subarray(8, 12).toString('latin1') === 'WEBP') {
    // exifr does not read WebP: look for the RIFF chunks that would carry metadata instead.
    for (const chunk of ['EXIF', 'XMP ', 'ICCP'])
      expect(bytes.includes(Buffer.from(chunk, 'latin1'))).toBe(false);
  } else {
    const options = {
      tiff: true,
      exif: true,
      gps: true,
      xmp: true,
      icc: true,
      iptc: true,
      jfif: false,
      ihdr: false,
    };
    expect((await exifr.parse(bytes, options)) ?? {}).toEqual({});
  }
  const meta = await sharp(bytes).metadata();
  expect(meta.exif).toBeUndefined();
  expect(meta.xmp).toBeUndefined();
  expect(meta.iptc).toBeUndefined();
  expect(meta.icc).toBeUndefined();
  expect(meta.comments ?? []).toEqual([]);
  const text = bytes.toString('latin1');
  for (const secret of ['SN-0042', 'Canon', 'Jane Secret', 'John Example', 'xmpmeta'])
    expect(text).not.toContain(secret);
}

describe('image uploads', () => {
  let env: TestEnv;
  let alice: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
  });

  it('strips EXIF GPS, the camera serial, XMP and ICC from the original, the preview and the served bytes', async () => {
    const input = await jpegWithEverything();
    const before = await exifr.parse(input, { gps: true, xmp: true });
    expect(before.latitude).toBeCloseTo(40.446, 2);
    expect(before.SerialNumber).toBe('SN-0042-CAMERA');

    const res = await upload(env, alice.token, input, {
      filename: 'IMG_0001.jpg',
      type: 'image/jpeg',
      description: 'Chest X-ray, PA view',
    });
    expect(res.status).toBe(200);
    expectMatchesSchema('MediaAttachment', res.body);
    expect(res.body).toMatchObject({ type: 'image', description: 'Chest X-ray, PA view', remote_url: null });
    expect(res.body.meta.original).toEqual({ width: 96, height: 64, size: '96x64', aspect: 1.5 });
    expect(res.body.meta.focus).toEqual({ x: 0, y: 0 });
    expect(res.body.blurhash).toMatch(/^[0-9A-Za-z#$%*+,-.:;=?@[\]^_{|}~]{20,}$/);

    const [row] = await mediaRows(env, alice.account.id);
    const stored = storedFiles(env);
    expect(stored).toEqual([row!.originalKey, row!.previewKey].sort());
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    for (const key of stored)
      await expectNoMetadata(readFileSync(path.join(env.config.dataDir, 'media', key)));

    for (const url of [res.body.url, res.body.preview_url]) {
      const served = await fetchBytes(env, url);
      expect(served.status).toBe(200);
      await expectNoMetadata(served.bytes);
    }
  });

  it('applies the EXIF orientation before stripping it', async () => {
    const res = await upload(env, alice.token, await rotatedJpeg(80, 40));
    expect(res.status).toBe(200);
    expect(res.body.meta.original).toMatchObject({ width: 40, height: 80 });
    const served = await fetchBytes(env, res.body.url);
    const meta = await sharp(served.bytes).metadata();
    expect([meta.width, meta.height, meta.orientation]).toEqual([40, 80, undefined]);
  });

  it('removes PNG text chunks and keeps transparency in the preview', async () => {
    const res = await upload(env, alice.token, await pngWithText());
    expect(res.status).toBe(200);
    await expectNoMetadata((await fetchBytes(env, res.body.url)).bytes);
    const alpha = await upload(env, alice.token, await png(50, 50, true));
    const preview = await fetchBytes(env, alpha.body.preview_url);
    expect(preview.headers.get('content-type')).toBe('image/png');
    expect((await sharp(preview.bytes).metadata()).hasAlpha).toBe(true);
  });

  it('decides the type by content: a PNG named .jpg and declared image/jpeg is stored as PNG', async () => {
    const res = await upload(env, alice.token, await png(), { filename: 'scan.jpg', type: 'image/jpeg' });
    expect(res.status).toBe(200);
    expect(res.body.url).toMatch(/\/original\.png$/);
    expect((await fetchBytes(env, res.body.url)).headers.get('content-type')).toBe('image/png');
  });

  it('accepts WebP and AVIF, storing AVIF as WebP for older phones', async () => {
    const { picture } = await import('./media-fixtures.ts');
    const exif = { IFD0: { Make: 'Canon', Model: 'EOS R5' }, IFD2: { BodySerialNumber: 'SN-0042-CAMERA' } };
    const webp = await picture(30, 20)
      .webp()
      .withExif(exif)
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"/>')
      .toBuffer();
    const avif = await picture(30, 20).avif().withExif(exif).toBuffer();
    expect(webp.includes(Buffer.from('SN-0042-CAMERA'))).toBe(true);
    expect(avif.includes(Buffer.from('SN-0042-CAMERA'))).toBe(true);
    for (const bytes of [webp, avif]) {
      const res = await upload(env, alice.token, bytes);
      expect(res.status).toBe(200);
      expect(res.body.url).toMatch(/\/original\.webp$/);
      expect(res.body.meta.original).toMatchObject({ width: 30, height: 20 });
      await expectNoMetadata((await fetchBytes(env, res.body.url)).bytes);
    }
  });

  it('accepts a phone Motion Photo (JPEG followed by a video) and keeps only the picture', async () => {
    const { picture } = await import('./media-fixtures.ts');
    const still = await picture(48, 32).jpeg().toBuffer();
    const res = await upload(env, alice.token, Buffer.concat([still, mp4('video')]));
    expect(res.status).toBe(200);
    const served = await fetchBytes(env, res.body.url);
    expect(served.bytes.includes(Buffer.from('ftypisom'))).toBe(false);
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF');
    const refused = await upload(env, alice.token, Buffer.concat([still, pdf]));
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatch(/PDF data .* after the picture/);
  });

  it('keeps GIF animation and makes a still preview', async () => {
    const res = await upload(env, alice.token, await animatedGif(24, 16, 3));
    expect(res.status).toBe(200);
    expect(res.body.meta.original).toMatchObject({ width: 24, height: 16 });
    const original = await sharp((await fetchBytes(env, res.body.url)).bytes).metadata();
    expect(original.pages).toBe(3);
    const preview = await sharp((await fetchBytes(env, res.body.preview_url)).bytes).metadata();
    expect(preview.pages ?? 1).toBe(1);
  });

  it('scales large images down for the preview and keeps the aspect ratio', async () => {
    const { picture } = await import('./media-fixtures.ts');
    const res = await upload(env, alice.token, await picture(1600, 1200).jpeg().toBuffer(), {
      path: '/api/v1/media',
    });
    expect(res.status).toBe(200);
    expect(res.body.meta.original).toMatchObject({ width: 1600, height: 1200 });
    const small = res.body.meta.small;
    expect(small.width * small.height).toBeLessThanOrEqual(640 * 360);
    expect(small.aspect).toBeCloseTo(4 / 3, 1);
  });

  it('takes description and focus with the upload and validates them', async () => {
    const ok = await upload(env, alice.token, await png(), {
      description: '  ECG: atrial fibrillation  ',
      focus: '0.25,-0.5',
    });
    expect(ok.body.description).toBe('ECG: atrial fibrillation');
    expect(ok.body.meta.focus).toEqual({ x: 0.25, y: -0.5 });
    const before = storedFiles(env).length;
    for (const focus of ['2,0', 'abc', '0.5', '0.1,0.2,0.3', 'NaN,0']) {
      const bad = await upload(env, alice.token, await png(), { focus });
      expect(bad.status).toBe(422);
      expect(bad.body.error).toContain('focus');
    }
    const long = await upload(env, alice.token, await png(), { description: 'x'.repeat(1501) });
    expect(long.status).toBe(422);
    expect(long.body.error).toMatch(/^description: .*1501.*1500/);
    expect(storedFiles(env).length).toBe(before);
  });
});

describe('audio and video uploads', () => {
  let env: TestEnv;
  let bob: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    bob = await createPersona(env, 'bob');
  });

  it('accepts MP3 podcasts, keeping the audio frames and dropping the ID3 tag', async () => {
    const frames = mp3Frames(200);
    const res = await upload(
      env,
      bob.token,
      Buffer.concat([id3Tag('Recorded at 12 Main St with patient Jo'), frames]),
      { filename: 'episode.mp3' },
    );
    expect(res.status).toBe(200);
    expectMatchesSchema('MediaAttachment', res.body);
    expect(res.body.type).toBe('audio');
    expect(res.body.preview_url).toBeNull();
    expect(res.body.meta.original.duration).toBeCloseTo((200 * 1152) / 44100, 2);
    const served = await fetchBytes(env, res.body.url);
    expect(served.headers.get('content-type')).toBe('audio/mpeg');
    expect(served.bytes.equals(frames)).toBe(true);
  });

  it('accepts MP3 whose ID3 tag carries HTML show notes, since the tag is not stored', async () => {
    const frames = mp3Frames(50);
    const res = await upload(
      env,
      bob.token,
      Buffer.concat([id3Tag('<html><body><p>Show notes</p></body></html>'), frames]),
    );
    expect(res.status).toBe(200);
    expect((await fetchBytes(env, res.body.url)).bytes.equals(frames)).toBe(true);
  });

  it('accepts M4A, Ogg Opus, MP4 and WebM, typed by their tracks', async () => {
    const cases: [Buffer, string, string][] = [
      [mp4('audio'), 'audio', 'audio/mp4'],
      [oggOpus(), 'audio', 'audio/ogg'],
      [mp4('video'), 'video', 'video/mp4'],
      [webm(), 'video', 'video/webm'],
    ];
    for (const [bytes, type, mime] of cases) {
      const res = await upload(env, bob.token, bytes);
      expect(res.status, mime).toBe(200);
      expectMatchesSchema('MediaAttachment', res.body);
      expect(res.body.type).toBe(type);
      const served = await fetchBytes(env, res.body.url);
      expect(served.headers.get('content-type')).toBe(mime);
      expect(served.bytes.equals(bytes)).toBe(true);
    }
    const video = await upload(env, bob.token, mp4('video'));
    expect(video.body.meta.original).toMatchObject({ width: 320, height: 240, duration: 5 });
    const opus = await upload(env, bob.token, oggOpus());
    expect(opus.body.meta.original.duration).toBe(3);
    const recorded = await upload(env, bob.token, webm());
    expect(recorded.body.meta.original).toMatchObject({ width: 320, height: 240, duration: 2 });
  });

  it('serves byte ranges, as video seeking and podcast players need', async () => {
    const bytes = mp4('video');
    const res = await upload(env, bob.token, bytes);
    const part = await fetchBytes(env, res.body.url, { range: 'bytes=10-19' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-19/${bytes.length}`);
    expect(part.bytes.equals(bytes.subarray(10, 20))).toBe(true);
    const tail = await fetchBytes(env, res.body.url, { range: 'bytes=-4' });
    expect(tail.bytes.equals(bytes.subarray(-4))).toBe(true);
    const beyond = await fetchBytes(env, res.body.url, { range: `bytes=${bytes.length}-` });
    expect(beyond.status).toBe(416);
  });
});

describe('serving stored media', () => {
  let env: TestEnv;
  let carol: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    carol = await createPersona(env, 'carol');
  });

  it('sends inert, cacheable bytes with the right type', async () => {
    const res = await upload(env, carol.token, await png());
    const served = await fetchBytes(env, res.body.url);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(served.headers.get('content-security-policy')).toContain('sandbox');
    expect(served.headers.get('content-disposition')).toBe('inline');
    expect(served.headers.get('cache-control')).toContain('max-age=31536000');
    expect(res.body.url).toMatch(/^https:\/\/rounds\.test\/media\/\d+-[\w-]+\/original\.png$/);
  });

  it('never serves anything outside the media folder', async () => {
    for (const p of [
      '/media/../../etc/passwd',
      '/media/%2e%2e/%2e%2e/etc/passwd',
      '/media/..%2f..%2fetc/passwd',
      '/media/',
      '/media/nope/original.png',
    ]) {
      const res = await fetchBytes(env, `https://rounds.test${p}`);
      expect(res.bytes.toString('latin1'), p).not.toContain('root:');
      // `/media/../../etc/passwd` is `/etc/passwd` once the URL is resolved: outside /media, such a
      // path is a web-client route (the app's page, which shows "not found"), never a file.
      if (new URL(`https://rounds.test${p}`).pathname.startsWith('/media/')) expect(res.status, p).toBe(404);
      else expect([404, 200], p).toContain(res.status);
      if (res.status === 200) expect(res.headers.get('content-type'), p).toMatch(/^text\/html/);
    }
  });
});

describe('the media API', () => {
  let env: TestEnv;
  let alice: Persona;
  let dan: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    dan = await createPersona(env, 'dan');
  });

  it('needs a token with write:media', async () => {
    const anonymous = await env.app.request('https://rounds.test/api/v2/media', {
      method: 'POST',
      body: new FormData(),
    });
    expect(anonymous.status).toBe(401);
    const reader = await createPersona(env, 'reader', { scopes: 'read' });
    const res = await upload(env, reader.token, await png());
    expect(res.status).toBe(403);
  });

  it('answers 206 while processing and 200 with the URL once ready', async () => {
    const res = await upload(env, alice.token, await png());
    const { mediaAttachments } = await import('../src/db/schema/index.ts');
    const { eq } = await import('drizzle-orm');
    await env.ctx.db
      .update(mediaAttachments)
      .set({ state: 'processing' })
      .where(eq(mediaAttachments.id, res.body.id));
    const pending = await call(env, 'GET', `/api/v1/media/${res.body.id}`, { token: alice.token });
    expect(pending.status).toBe(206);
    expect(pending.body.url).toBeNull();
    await env.ctx.db
      .update(mediaAttachments)
      .set({ state: 'ready' })
      .where(eq(mediaAttachments.id, res.body.id));
    const ready = await call(env, 'GET', `/api/v1/media/${res.body.id}`, { token: alice.token });
    expect(ready.status).toBe(200);
    expect(ready.body.url).toBe(res.body.url);
    expectMatchesSchema('MediaAttachment', ready.body);
  });

  it("hides other people's media", async () => {
    const res = await upload(env, alice.token, await png());
    for (const [method, body] of [['GET'], ['PUT', { description: 'mine now' }], ['DELETE']] as const) {
      const other = await call(env, method, `/api/v1/media/${res.body.id}`, { token: dan.token, body });
      expect(other.status).toBe(404);
    }
    expect((await call(env, 'GET', '/api/v1/media/not-an-id', { token: alice.token })).status).toBe(404);
  });

  it('updates alt text (up to 1,500 characters) and focus', async () => {
    const res = await upload(env, alice.token, await png());
    const path = `/api/v1/media/${res.body.id}`;
    const full = '🩺'.repeat(1500);
    const ok = await call(env, 'PUT', path, {
      token: alice.token,
      body: { description: full, focus: '-1,1' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.description).toBe(full);
    expect(ok.body.meta.focus).toEqual({ x: -1, y: 1 });
    const tooLong = await call(env, 'PUT', path, {
      token: alice.token,
      form: { description: 'a'.repeat(1501) },
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error).toMatch(/^description:/);
    expect(tooLong.body.details.field).toBe('description');
    const badFocus = await call(env, 'PUT', path, { token: alice.token, body: { focus: '1.5,0' } });
    expect(badFocus.status).toBe(422);
    expect(badFocus.body.error).toMatch(/^focus:/);
    const after = await call(env, 'GET', path, { token: alice.token });
    expect(after.body.description).toBe(full);
  });

  it('refuses alt text with patient identifiers (PHI gate) and stores nothing', async () => {
    const before = storedFiles(env).length;
    const phi = 'CT head of Marguerite Okafor, MRN 4471-2290, DOB 03/14/1952';
    const res = await upload(env, alice.token, await png(), { description: phi });
    expect(res.status).toBe(422);
    expect(res.body.error_code).toBe('phi_detected');
    expect(res.body.error).toContain('Possible patient identifiers');
    expect(storedFiles(env).length).toBe(before);
    const ok = await upload(env, alice.token, await png(), {
      description: 'CT head, non-contrast, by alice',
    });
    const put = await call(env, 'PUT', `/api/v1/media/${ok.body.id}`, {
      token: alice.token,
      body: { description: phi },
    });
    expect(put.status).toBe(422);
    expect(put.body.error_code).toBe('phi_detected');
    const after = await call(env, 'GET', `/api/v1/media/${ok.body.id}`, { token: alice.token });
    expect(after.body.description).toBe('CT head, non-contrast, by alice');
  });

  it('deletes an unattached upload with its files', async () => {
    const res = await upload(env, alice.token, await png());
    const before = storedFiles(env);
    const del = await call(env, 'DELETE', `/api/v1/media/${res.body.id}`, { token: alice.token });
    expect(del.status).toBe(200);
    expect(storedFiles(env)).toEqual(before.filter((f) => !f.startsWith(res.body.url.split('/').at(-2))));
    expect((await fetchBytes(env, res.body.url)).status).toBe(404);
    expect((await call(env, 'GET', `/api/v1/media/${res.body.id}`, { token: alice.token })).status).toBe(404);
  });
});
