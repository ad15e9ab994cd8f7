import { ValidationError } from '../errors.ts';
import type { ImageFormat } from './detect.ts';
import { readBox } from './iso-bmff.ts';

/** Thrown when a file stops before its format says it ends. */
export function truncated(what: string): ValidationError {
  return new ValidationError(
    `file: the ${what} is truncated or damaged (it ends before its data does); upload the complete file`,
    'file',
  );
}

export function damaged(what: string, detail: string): ValidationError {
  return new ValidationError(`file: the ${what} is damaged (${detail}); export it again`, 'file');
}

function jpegEnd(b: Uint8Array): number {
  let i = 2;
  for (;;) {
    if (i >= b.length) throw truncated('JPEG image');
    if (b[i] !== 0xff) throw damaged('JPEG image', `unexpected byte at offset ${i}`);
    while (b[i] === 0xff) i++; // fill bytes
    if (i >= b.length) throw truncated('JPEG image');
    const marker = b[i++]!;
    if (marker === 0xd9) return i; // EOI
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
    if (i + 2 > b.length) throw truncated('JPEG image');
    const length = (b[i]! << 8) | b[i + 1]!;
    if (length < 2) throw damaged('JPEG image', 'a segment with an impossible length');
    if (i + length > b.length) throw truncated('JPEG image');
    i += length;
    if (marker !== 0xda) continue;
    // After a start-of-scan, entropy-coded data runs until a marker that is neither a stuffed
    // 0xFF00 nor a restart marker.
    for (;;) {
      if (i + 1 >= b.length) throw truncated('JPEG image');
      if (b[i] === 0xff) {
        const next = b[i + 1]!;
        if (next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) break;
        i += next === 0xff ? 1 : 2;
      } else i++;
    }
  }
}

function pngEnd(b: Uint8Array): number {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let i = 8;
  while (i + 12 <= b.length) {
    const length = view.getUint32(i);
    const type = String.fromCharCode(b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!);
    const end = i + 12 + length;
    if (end > b.length) throw truncated('PNG image');
    if (type === 'IEND') return end;
    i = end;
  }
  throw truncated('PNG image');
}

function skipSubBlocks(b: Uint8Array, start: number): number {
  let i = start;
  for (;;) {
    if (i >= b.length) throw truncated('GIF image');
    const size = b[i++]!;
    if (size === 0) return i;
    i += size;
  }
}

function gifEnd(b: Uint8Array): number {
  if (b.length < 13) throw truncated('GIF image');
  const flags = b[10]!;
  let i = 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0);
  for (;;) {
    if (i >= b.length) throw truncated('GIF image');
    const block = b[i]!;
    if (block === 0x3b) return i + 1; // trailer
    if (block === 0x21) {
      i = skipSubBlocks(b, i + 2);
    } else if (block === 0x2c) {
      if (i + 10 > b.length) throw truncated('GIF image');
      const local = b[i + 9]!;
      i += 10 + (local & 0x80 ? 3 * 2 ** ((local & 7) + 1) : 0) + 1; // + LZW minimum code size
      i = skipSubBlocks(b, i);
    } else {
      throw damaged('GIF image', `unknown block 0x${block.toString(16)} at offset ${i}`);
    }
  }
}

function webpEnd(b: Uint8Array): number {
  if (b.length < 12) throw truncated('WebP image');
  const size = new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(4, true);
  const end = 8 + size + (size & 1);
  // An odd-sized last chunk may omit its padding byte; libwebp accepts that.
  if (end > b.length + (size & 1)) throw truncated('WebP image');
  return Math.min(end, b.length);
}

function avifEnd(b: Uint8Array): number {
  let i = 0;
  while (i + 8 <= b.length) {
    const box = readBox(b, i, b.length);
    if (!box) break; // not a box: trailing data begins here
    if (box.end > b.length) throw truncated('AVIF image');
    i = box.end;
  }
  return i;
}

/**
 * Where the image's own data ends, by walking its structure: a file that stops early is refused as
 * truncated; whatever follows the end is a trailer for the polyglot check.
 */
export function imageDataEnd(bytes: Uint8Array, format: ImageFormat): number {
  switch (format) {
    case 'jpeg':
      return jpegEnd(bytes);
    case 'png':
      return pngEnd(bytes);
    case 'gif':
      return gifEnd(bytes);
    case 'webp':
      return webpEnd(bytes);
    case 'avif':
      return avifEnd(bytes);
  }
}
