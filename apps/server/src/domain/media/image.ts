import { encode as encodeBlurhash } from 'blurhash';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { ValidationError } from '../errors.ts';
import type { ImageFormat } from './detect.ts';
import { imageDataEnd } from './image-structure.ts';
import { assertWithinPixelLimit, MAX_IMAGE_PIXELS, MAX_ORIGINAL_PIXELS, PREVIEW_PIXELS } from './limits.ts';
import { assertHarmlessTrailer } from './payload-scan.ts';

export interface EncodedImage {
  bytes: Buffer;
  mime: string;
  ext: string;
  width: number;
  height: number;
}

export interface ProcessedImage {
  original: EncodedImage;
  preview: EncodedImage;
  blurhash: string;
  /** Mastodon's `meta` without `focus` (that comes from the row's columns). */
  meta: Record<string, unknown>;
}

/** What sharp calls each accepted format, to cross-check its decoder against file-type. */
const SHARP_FORMAT: Record<ImageFormat, string> = {
  jpeg: 'jpeg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
  avif: 'heif',
};

function undecodable(): ValidationError {
  return new ValidationError(
    'file: the image could not be decoded (it may be truncated or damaged); export it again',
    'file',
  );
}

/** Dimensions scaled down (never up) so that width × height ≤ maxPixels. */
function fitPixels(width: number, height: number, maxPixels: number): { width: number; height: number } {
  const scale = Math.min(1, Math.sqrt(maxPixels / (width * height)));
  return { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)) };
}

function sizeMeta(width: number, height: number) {
  return { width, height, size: `${width}x${height}`, aspect: width / height };
}

/**
 * Output encoders. None is told to keep metadata, and sharp keeps none unless asked: EXIF (with
 * GPS and serial numbers), XMP, IPTC, ICC profiles and comments all stay behind. AVIF becomes WebP:
 * encoding AVIF is slow and older phones cannot show it.
 */
function encodeAs(pipeline: Sharp, format: ImageFormat): { pipeline: Sharp; mime: string; ext: string } {
  switch (format) {
    case 'jpeg':
      return { pipeline: pipeline.jpeg({ quality: 88, progressive: true }), mime: 'image/jpeg', ext: 'jpg' };
    case 'png':
      return { pipeline: pipeline.png({ compressionLevel: 8 }), mime: 'image/png', ext: 'png' };
    case 'gif':
      return { pipeline: pipeline.gif(), mime: 'image/gif', ext: 'gif' };
    case 'webp':
    case 'avif':
      return { pipeline: pipeline.webp({ quality: 88 }), mime: 'image/webp', ext: 'webp' };
  }
}

/** A last guard: the bytes about to be stored must parse with no metadata at all. */
async function assertNoMetadata(bytes: Buffer): Promise<void> {
  const m = await sharp(bytes).metadata();
  if (m.exif || m.xmp || m.iptc || m.icc || (m.comments && m.comments.length > 0)) {
    throw new Error('image encoder left metadata in its output');
  }
}

async function decode(run: () => Promise<EncodedImage>): Promise<EncodedImage> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/pixel limit/i.test(message)) {
      throw new ValidationError('file: the image has more pixels than Rounds can safely decode', 'file');
    }
    throw undecodable();
  }
}

/**
 * Re-encodes an image: orientation applied first, then scaled to at most 4096 × 4096 pixels'
 * worth, written fresh with no metadata; a preview of about 640 × 360 pixels; a blurhash. The
 * structure is walked first (truncated files refused, trailers checked for polyglot payloads) and
 * the declared size checked before any pixel is decoded (decompression bombs).
 */
export async function processImage(bytes: Uint8Array, format: ImageFormat): Promise<ProcessedImage> {
  const end = imageDataEnd(bytes, format);
  await assertHarmlessTrailer(bytes.subarray(end));
  const data = bytes.subarray(0, end);

  let header: Metadata;
  try {
    header = await sharp(data, { limitInputPixels: false }).metadata();
  } catch {
    throw undecodable();
  }
  if (header.format !== SHARP_FORMAT[format]) {
    throw new ValidationError(
      `file: the file starts like ${format.toUpperCase()} but its image data is ${String(header.format).toUpperCase()}; export it again`,
      'file',
    );
  }
  const pages = header.pages ?? 1;
  assertWithinPixelLimit(header.width, header.height, pages);
  const animated = (format === 'gif' || format === 'webp') && pages > 1;

  const original = await decode(async () => {
    const oriented = header.autoOrient ?? { width: header.width, height: header.height };
    const target = fitPixels(oriented.width, oriented.height, MAX_ORIGINAL_PIXELS);
    let pipeline = sharp(data, {
      limitInputPixels: MAX_IMAGE_PIXELS,
      failOn: 'error',
      animated,
    }).autoOrient();
    if (target.width < oriented.width)
      pipeline = pipeline.resize(target.width, target.height, { fit: 'inside' });
    const out = encodeAs(pipeline, format);
    const { data: buffer, info } = await out.pipeline.toBuffer({ resolveWithObject: true });
    const height = info.pageHeight ?? info.height;
    return { bytes: buffer, mime: out.mime, ext: out.ext, width: info.width, height };
  });

  const preview = await decode(async () => {
    const target = fitPixels(original.width, original.height, PREVIEW_PIXELS);
    const first = sharp(original.bytes, { failOn: 'error' }).resize(target.width, target.height, {
      fit: 'inside',
    });
    const alpha = (await sharp(original.bytes).metadata()).hasAlpha;
    const out = alpha
      ? { pipeline: first.png(), mime: 'image/png', ext: 'png' }
      : { pipeline: first.jpeg({ quality: 80, progressive: true }), mime: 'image/jpeg', ext: 'jpg' };
    const { data: buffer, info } = await out.pipeline.toBuffer({ resolveWithObject: true });
    return { bytes: buffer, mime: out.mime, ext: out.ext, width: info.width, height: info.height };
  });

  await assertNoMetadata(original.bytes);
  await assertNoMetadata(preview.bytes);

  const tiny = await sharp(preview.bytes)
    .resize(32, 32, { fit: 'inside' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const blurhash = encodeBlurhash(new Uint8ClampedArray(tiny.data), tiny.info.width, tiny.info.height, 4, 3);

  return {
    original,
    preview,
    blurhash,
    meta: {
      original: sizeMeta(original.width, original.height),
      small: sizeMeta(preview.width, preview.height),
    },
  };
}
