import { PayloadTooLargeError, ValidationError } from '../errors.ts';

const MB = 1024 * 1024;

/** Images up to 16 MB, as Mastodon. */
export const MAX_IMAGE_BYTES = 16 * MB;
/** Audio and video up to 100 MB: an hour-long podcast at 192 kbit/s fits. */
export const MAX_AV_BYTES = 100 * MB;
/**
 * Decoded pixels an image may declare (8192 × 8192). A few kilobytes of PNG can declare billions
 * of pixels (a decompression bomb); the header is checked before any pixel is decoded.
 */
export const MAX_IMAGE_PIXELS = 8192 * 8192;
/** Pixels summed over the frames of an animated GIF or WebP. */
export const MAX_ANIMATION_PIXELS = 150_000_000;
/** Stored originals are scaled down to at most this many pixels (4096 × 4096), never up. */
export const MAX_ORIGINAL_PIXELS = 4096 * 4096;
/** Previews hold about as many pixels as 640 × 360, as Mastodon's `small`. */
export const PREVIEW_PIXELS = 640 * 360;
/** Alt text up to 1,500 characters, as Mastodon. */
export const MAX_DESCRIPTION_LENGTH = 1500;
/** Attachments per post, as Mastodon. */
export const MAX_ATTACHMENTS = 4;
/** Uploads not attached to a post within a day are deleted. */
export const UNATTACHED_MEDIA_TTL_MS = 24 * 60 * 60 * 1000;

export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${Math.round((bytes / MB) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** 413 before the type is known: nothing larger than the largest limit is even looked at. */
export function assertWithinUploadLimit(size: number): void {
  if (size > MAX_AV_BYTES) {
    throw new PayloadTooLargeError(
      `file: the file is ${formatBytes(size)}; uploads may be at most ${formatBytes(MAX_AV_BYTES)} (${formatBytes(MAX_IMAGE_BYTES)} for images)`,
    );
  }
}

/** 413 naming the limit for the kind of file that was sent. */
export function assertWithinSizeLimit(kind: 'image' | 'audio' | 'video', size: number): void {
  const limit = kind === 'image' ? MAX_IMAGE_BYTES : MAX_AV_BYTES;
  if (size > limit) {
    const noun = kind === 'image' ? 'Images' : kind === 'audio' ? 'Audio files' : 'Videos';
    throw new PayloadTooLargeError(
      `file: this ${kind} is ${formatBytes(size)}; ${noun} may be at most ${formatBytes(limit)}`,
    );
  }
}

/** 422 naming the pixel limit: the image declares more pixels than it is safe to decode. */
export function assertWithinPixelLimit(width: number, height: number, pages = 1): void {
  const megapixels = (n: number) => `${Math.round(n / 100_000) / 10} megapixels`;
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new ValidationError(
      `file: the image is ${width}×${height} pixels (${megapixels(width * height)}); the limit is ${megapixels(MAX_IMAGE_PIXELS)}`,
      'file',
    );
  }
  if (width * height * pages > MAX_ANIMATION_PIXELS) {
    throw new ValidationError(
      `file: the animation has ${pages} frames of ${width}×${height} pixels (${megapixels(width * height * pages)} in all); the limit is ${megapixels(MAX_ANIMATION_PIXELS)}`,
      'file',
    );
  }
}
