import { beforeAll, describe, expect, it } from 'vitest';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import {
  box,
  jpegWithEverything,
  jpegWithHtmlComment,
  mediaRows,
  mp3Frames,
  mp4,
  oggOpus,
  picture,
  png,
  pngBomb,
  storedFiles,
  tinyZip,
  upload,
  webm,
} from './media-fixtures.ts';

/**
 * Hostile and broken uploads. Each must be answered 4xx with a message a person can act on, leave
 * no row and no file behind, and leave the server healthy.
 */
describe('upload abuse', () => {
  let env: TestEnv;
  let mallory: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    mallory = await createPersona(env, 'mallory');
  });

  async function expectRefused(
    bytes: Uint8Array,
    status: number,
    message: RegExp,
    opts: Parameters<typeof upload>[3] = {},
  ) {
    const res = await upload(env, mallory.token, bytes, opts);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error).toMatch(message);
    expect(await mediaRows(env, mallory.account.id)).toEqual([]);
    expect(storedFiles(env)).toEqual([]);
    return res;
  }

  it('refuses a 0-byte file', async () => {
    await expectRefused(new Uint8Array(0), 422, /^file: the file is empty/);
  });

  it('refuses a file whose name lies: HTML, a script or an executable named .jpg', async () => {
    const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
    const res = await expectRefused(
      html,
      422,
      /accepts JPEG, PNG, WebP, GIF and AVIF images.*not a recognisable/,
      {
        filename: 'cat.jpg',
        type: 'image/jpeg',
      },
    );
    expect(res.body.details.field).toBe('file');
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
    await expectRefused(elf, 422, /this file is ELF/, { filename: 'photo.png', type: 'image/png' });
    await expectRefused(
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      422,
      /SVG/,
      { filename: 'x.png' },
    );
    await expectRefused(tinyZip(), 422, /this file is ZIP/, { filename: 'episode.mp3', type: 'audio/mpeg' });
  });

  it('refuses truncated files of every kind', async () => {
    const jpeg = await jpegWithEverything(200, 150);
    await expectRefused(jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), 422, /truncated/);
    const p = await picture(120, 90).png().toBuffer();
    await expectRefused(p.subarray(0, p.length - 30), 422, /truncated/);
    const video = mp4('video');
    await expectRefused(video.subarray(0, video.length - 100), 422, /truncated/);
    const opus = oggOpus();
    await expectRefused(opus.subarray(0, opus.length - 50), 422, /truncated/);
    const rec = webm();
    await expectRefused(rec.subarray(0, rec.length - 100), 422, /truncated|damaged/);
  });

  it('refuses a decompression bomb before decoding it', async () => {
    const bomb = pngBomb(20_000, 20_000);
    expect(bomb.length).toBeLessThan(200_000);
    await expectRefused(bomb, 422, /20000×20000 pixels \(400 megapixels\); the limit is 67\.1 megapixels/);
  });

  it('refuses polyglots: images and audio/video carrying HTML, script or an archive', async () => {
    const jpeg = await picture(64, 64).jpeg().toBuffer();
    await expectRefused(Buffer.concat([jpeg, tinyZip()]), 422, /polyglot/);
    await expectRefused(await jpegWithHtmlComment(), 422, /HTML or script/);
    const pngBytes = await png();
    await expectRefused(
      Buffer.concat([pngBytes, Buffer.from('<script>fetch("/api/v1/accounts")</script>')]),
      422,
      /HTML or script/,
    );
    await expectRefused(Buffer.concat([mp3Frames(20), tinyZip()]), 422, /polyglot|not audio/);
    // Hidden after the last box, or wedged between pages, without any markup to spot.
    await expectRefused(
      Buffer.concat([mp4('video'), Buffer.from('MZ\x90\x00 not a box')]),
      422,
      /not part of its structure/,
    );
    await expectRefused(Buffer.concat([oggOpus(), Buffer.alloc(64, 0x41)]), 422, /not an Ogg page/);
    await expectRefused(Buffer.concat([mp3Frames(20), Buffer.alloc(600, 0x41)]), 422, /not audio/);
  });

  it('refuses audio/video whose structure disagrees with its magic bytes', async () => {
    // Starts like an MP4 but has no movie header or tracks.
    const hollow = Buffer.concat([
      box('ftyp', Buffer.from('isom\0\0\0\0isom', 'latin1')),
      box('mdat', Buffer.alloc(64)),
    ]);
    await expectRefused(hollow, 422, /no movie header/);
    const noTracks = Buffer.concat([
      box('ftyp', Buffer.from('isom\0\0\0\0isom', 'latin1')),
      box('moov'),
      box('mdat', Buffer.alloc(64)),
    ]);
    await expectRefused(noTracks, 422, /no audio or video track/);
    // Starts like an MP3 frame, then nothing of the sort.
    await expectRefused(
      Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x00]), Buffer.alloc(4000, 0x55)]),
      422,
      /MP3/,
    );
  });

  it('answers 413 naming the limit for oversize images and any file over 100 MB', async () => {
    const jpegHeader = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
    const big = Buffer.concat([jpegHeader, Buffer.alloc(17 * 1024 * 1024)]);
    const res = await expectRefused(big, 413, /this image is 17 MB; Images may be at most 16 MB/);
    expect(res.body.error_code).toBe('payload_too_large');
    const huge = Buffer.alloc(101 * 1024 * 1024);
    await expectRefused(huge, 413, /100 MB/);
  });

  it('keeps the 1 MB limit on every other API route', async () => {
    const res = await call(env, 'POST', '/api/v1/statuses', {
      token: mallory.token,
      body: { status: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(res.status).toBe(413);
    const put = await call(env, 'PUT', '/api/v1/media/1', {
      token: mallory.token,
      body: { description: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(put.status).toBe(413);
  });

  it('explains what to send when the upload is not multipart or has no file', async () => {
    const json = await call(env, 'POST', '/api/v2/media', {
      token: mallory.token,
      body: { file: 'aGVsbG8=' },
    });
    expect(json.status).toBe(422);
    expect(json.body.error).toMatch(/multipart\/form-data/);
    const form = new FormData();
    form.append('description', 'no file here');
    const res = await env.app.request('https://rounds.test/api/v2/media', {
      method: 'POST',
      headers: { authorization: `Bearer ${mallory.token}` },
      body: form,
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toMatch(/part named "file"/);
  });

  it('is still healthy and accepts a good upload afterwards', async () => {
    const health = await call(env, 'GET', '/healthz');
    expect(health.status).toBe(200);
    const ok = await upload(env, mallory.token, await png());
    expect(ok.status).toBe(200);
    expect(storedFiles(env)).toHaveLength(2);
  });
});
