import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import sharp, { type Sharp } from 'sharp';
import { mediaAttachments } from '../src/db/schema/index.ts';
import type { TestEnv } from './harness.ts';

/** Fixtures are made at run time: no binary files in the repository, every byte explained here. */

const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Dr Jane Secret, MRN 0012345</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`;

/** A noisy picture (so JPEG has something to encode) of the given size. */
export function picture(width: number, height: number, channels: 3 | 4 = 3): Sharp {
  const pixels = Buffer.alloc(width * height * channels);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 37 + ((i / channels) % width) * 3) & 0xff;
  return sharp(pixels, { raw: { width, height, channels } });
}

/** A phone photo as it leaves the camera: EXIF with GPS, camera serial, XMP with a name, a P3 ICC profile. */
export async function jpegWithEverything(width = 96, height = 64): Promise<Buffer> {
  return picture(width, height)
    .jpeg()
    .withExif({
      IFD0: { Make: 'Canon', Model: 'EOS R5', Software: 'Firmware 1.8.1', Artist: 'Dr Jane Secret' },
      IFD2: { BodySerialNumber: 'SN-0042-CAMERA', UserComment: 'bed 12, ward 4' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '40/1 26/1 4614/100',
        GPSLongitudeRef: 'W',
        GPSLongitude: '79/1 58/1 5556/100',
      },
    })
    .withXmp(XMP)
    .withIccProfile('p3')
    .toBuffer();
}

/** A JPEG whose EXIF says "rotate 90° clockwise to view" (orientation 6). */
export async function rotatedJpeg(width = 80, height = 40): Promise<Buffer> {
  return picture(width, height).jpeg().withMetadata({ orientation: 6 }).toBuffer();
}

export async function png(width = 40, height = 30, alpha = false): Promise<Buffer> {
  return picture(width, height, alpha ? 4 : 3)
    .png()
    .toBuffer();
}

function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

export function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/** A PNG with text chunks (tEXt Comment with a patient name) spliced in before IEND. */
export async function pngWithText(): Promise<Buffer> {
  const base = await png();
  const iend = base.length - 12;
  const text = pngChunk('tEXt', Buffer.from('Comment\0Patient: John Example, DOB 1950-01-01', 'latin1'));
  return Buffer.concat([base.subarray(0, iend), text, base.subarray(iend)]);
}

/** A decompression bomb: a small PNG that declares width × height one-bit pixels. */
export function pngBomb(width = 20_000, height = 20_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = deflateSync(Buffer.alloc((1 + Math.ceil(width / 8)) * height), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', rows),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An animated GIF of `frames` frames. */
export async function animatedGif(width = 24, height = 16, frames = 3): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * frames * 3);
  for (let f = 0; f < frames; f++) raw.fill(f * 80, f * width * height * 3, (f + 1) * width * height * 3);
  return sharp(raw, { raw: { width, height: height * frames, channels: 3, pageHeight: height } })
    .gif()
    .toBuffer();
}

/** A minimal ZIP archive (one stored file), as appended in JPEG+ZIP polyglots. */
export function tinyZip(): Buffer {
  const name = Buffer.from('payload.html');
  const body = Buffer.from('hello');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(name.length, 26);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(body.length, 22);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(name.length, 28);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + name.length, 12);
  eocd.writeUInt32LE(local.length + name.length + body.length, 16);
  return Buffer.concat([local, name, body, central, name, eocd]);
}

/** A JPEG with a COM segment carrying HTML (the classic JPEG/HTML polyglot). */
export async function jpegWithHtmlComment(): Promise<Buffer> {
  const base = await picture(32, 32).jpeg().toBuffer();
  const html = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>');
  const seg = Buffer.alloc(4);
  seg.writeUInt16BE(0xfffe, 0);
  seg.writeUInt16BE(html.length + 2, 2);
  return Buffer.concat([base.subarray(0, 2), seg, html, base.subarray(2)]);
}

// --- audio and video, built box by box ---

/** MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz: 417 bytes, 1,152 samples each), silent. */
export function mp3Frames(count: number): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x00]);
  return Buffer.concat(Array.from({ length: count }, () => frame));
}

/** An ID3v2.3 tag with a comment frame (free text people put names and places in). */
export function id3Tag(text: string): Buffer {
  const payload = Buffer.concat([Buffer.from([0, 0x65, 0x6e, 0x67, 0]), Buffer.from(text, 'latin1')]);
  const frame = Buffer.alloc(10);
  frame.write('COMM', 0, 'latin1');
  frame.writeUInt32BE(payload.length, 4);
  const body = Buffer.concat([frame, payload]);
  const head = Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0]);
  const n = body.length;
  head.set([(n >> 21) & 0x7f, (n >> 14) & 0x7f, (n >> 7) & 0x7f, n & 0x7f], 6);
  return Buffer.concat([head, body]);
}

export function box(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length + 8, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
}

function u32(...values: number[]): Buffer {
  const b = Buffer.alloc(values.length * 4);
  for (const [i, v] of values.entries()) b.writeUInt32BE(v >>> 0, i * 4);
  return b;
}

/** An MP4 (brand isom) or M4A (brand "M4A ") with one track: video 320×240 or sound; 5 s long. */
export function mp4(kind: 'video' | 'audio' = 'video'): Buffer {
  const brand = kind === 'video' ? 'isom' : 'M4A ';
  const ftyp = box('ftyp', Buffer.from(brand, 'latin1'), u32(0x200), Buffer.from('isomiso2mp41', 'latin1'));
  // mvhd v0: version/flags, creation, modification, timescale 1000, duration 5000, then the rest.
  const mvhd = box('mvhd', u32(0, 0, 0, 1000, 5000), Buffer.alloc(80));
  const tkhdBody = Buffer.alloc(84);
  if (kind === 'video') {
    tkhdBody.writeUInt32BE(320 * 65536, 76);
    tkhdBody.writeUInt32BE(240 * 65536, 80);
  }
  const hdlr = box(
    'hdlr',
    u32(0, 0),
    Buffer.from(kind === 'video' ? 'vide' : 'soun', 'latin1'),
    Buffer.alloc(13),
  );
  const trak = box('trak', box('tkhd', tkhdBody), box('mdia', hdlr));
  return Buffer.concat([ftyp, box('moov', mvhd, trak), box('mdat', Buffer.alloc(2048, 7))]);
}

function oggPage(serial: number, seq: number, granule: bigint, headerType: number, payload: Buffer): Buffer {
  const segments: number[] = [];
  let left = payload.length;
  while (left >= 255) {
    segments.push(255);
    left -= 255;
  }
  segments.push(left);
  const head = Buffer.alloc(27);
  head.write('OggS', 0, 'latin1');
  head[5] = headerType;
  head.writeBigInt64LE(granule, 6);
  head.writeUInt32LE(serial, 14);
  head.writeUInt32LE(seq, 18);
  head[26] = segments.length;
  return Buffer.concat([head, Buffer.from(segments), payload]);
}

/** An Ogg Opus file of 3 seconds (pre-skip 312). */
export function oggOpus(): Buffer {
  const opusHead = Buffer.alloc(19);
  opusHead.write('OpusHead', 0, 'latin1');
  opusHead[8] = 1;
  opusHead[9] = 2;
  opusHead.writeUInt16LE(312, 10);
  opusHead.writeUInt32LE(48_000, 12);
  const tags = Buffer.concat([Buffer.from('OpusTags', 'latin1'), Buffer.alloc(8)]);
  return Buffer.concat([
    oggPage(7, 0, 0n, 0x02, opusHead),
    oggPage(7, 1, 0n, 0, tags),
    oggPage(7, 2, BigInt(3 * 48_000 + 312), 0x04, Buffer.alloc(600, 1)),
  ]);
}

function ebml(id: number[], ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const size = Buffer.alloc(8);
  size.writeBigUInt64BE(BigInt(body.length) | (1n << 56n)); // 8-byte size vint
  return Buffer.concat([Buffer.from(id), size, body]);
}

/** A WebM as MediaRecorder writes it: unknown-size segment and cluster; 320×240 video, 2 s. */
export function webm(): Buffer {
  const header = ebml([0x1a, 0x45, 0xdf, 0xa3], ebml([0x42, 0x82], Buffer.from('webm', 'latin1')));
  const duration = Buffer.alloc(8);
  duration.writeDoubleBE(2000);
  const info = ebml(
    [0x15, 0x49, 0xa9, 0x66],
    ebml([0x2a, 0xd7, 0xb1], Buffer.from([0x0f, 0x42, 0x40])),
    ebml([0x44, 0x89], duration),
  );
  const video = ebml(
    [0xe0],
    ebml([0xb0], Buffer.from([0x01, 0x40])),
    ebml([0xba], Buffer.from([0x00, 0xf0])),
  );
  const tracks = ebml(
    [0x16, 0x54, 0xae, 0x6b],
    ebml([0xae], ebml([0xd7], Buffer.from([1])), ebml([0x83], Buffer.from([1])), video),
  );
  const unknown = Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  const cluster = Buffer.concat([
    Buffer.from([0x1f, 0x43, 0xb6, 0x75]),
    unknown,
    ebml([0xe7], Buffer.from([0])),
    ebml([0xa3], Buffer.alloc(500, 3)),
  ]);
  return Buffer.concat([header, Buffer.from([0x18, 0x53, 0x80, 0x67]), unknown, info, tracks, cluster]);
}

// --- looking at what was stored ---

/** Every file under DATA_DIR/media (relative paths), to prove nothing was left behind. */
export function storedFiles(env: TestEnv): string[] {
  const root = path.join(env.config.dataDir, 'media');
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of entries) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(path.relative(root, full));
    }
  };
  walk(root);
  return out.sort();
}

export async function mediaRows(env: TestEnv, accountId: string) {
  return env.ctx.db.select().from(mediaAttachments).where(eq(mediaAttachments.accountId, accountId));
}

export interface UploadOptions {
  filename?: string;
  type?: string;
  description?: string;
  focus?: string;
  path?: string;
}

/** A multipart upload as Mastodon apps send it. */
export async function upload(env: TestEnv, token: string, bytes: Uint8Array, opts: UploadOptions = {}) {
  const form = new FormData();
  form.append(
    'file',
    new Blob([bytes], { type: opts.type ?? 'application/octet-stream' }),
    opts.filename ?? 'upload.bin',
  );
  if (opts.description !== undefined) form.append('description', opts.description);
  if (opts.focus !== undefined) form.append('focus', opts.focus);
  const res = await env.app.request(`https://rounds.test${opts.path ?? '/api/v2/media'}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

/** Fetches a media URL from the in-process app: the bytes a client would get. */
export async function fetchBytes(env: TestEnv, url: string, headers: Record<string, string> = {}) {
  const res = await env.app.request(url, { headers });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}
