import { fileTypeFromBuffer } from 'file-type';
import { ValidationError } from '../errors.ts';

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif';
export type AvFormat = 'mp3' | 'mp4' | 'ogg' | 'webm';
export type MediaFormat = ImageFormat | AvFormat;

export type DetectedFormat =
  | { kind: 'image'; format: ImageFormat }
  | { kind: 'audio' | 'video'; format: AvFormat };

/** file-type's extension → what Rounds accepts. Anything else is refused. */
const ALLOWED: Record<string, DetectedFormat> = {
  jpg: { kind: 'image', format: 'jpeg' },
  png: { kind: 'image', format: 'png' },
  // An animated PNG decodes as its first frame.
  apng: { kind: 'image', format: 'png' },
  webp: { kind: 'image', format: 'webp' },
  gif: { kind: 'image', format: 'gif' },
  avif: { kind: 'image', format: 'avif' },
  mp3: { kind: 'audio', format: 'mp3' },
  m4a: { kind: 'audio', format: 'mp4' },
  opus: { kind: 'audio', format: 'ogg' },
  ogg: { kind: 'audio', format: 'ogg' },
  oga: { kind: 'audio', format: 'ogg' },
  mp4: { kind: 'video', format: 'mp4' },
  m4v: { kind: 'video', format: 'mp4' },
  webm: { kind: 'video', format: 'webm' },
};

/** Advice for formats people often try, so the refusal says what to do instead. */
const ADVICE: Record<string, string> = {
  heic: 'HEIC photos are not supported yet: share the photo as JPEG (most phones offer "Most compatible")',
  mov: 'QuickTime (.mov) videos are not supported: export the video as MP4',
  svg: 'SVG drawings are not accepted because they can carry scripts: export as PNG',
  tif: 'TIFF images are not supported: export as PNG or JPEG',
  bmp: 'BMP images are not supported: export as PNG',
  pdf: 'PDF documents are not media: export the page as PNG',
  ogv: 'Ogg video is not supported: export the video as MP4 or WebM',
  mkv: 'Matroska (.mkv) video is not supported: export the video as MP4 or WebM',
  wav: 'WAV audio is not supported: export the audio as MP3, M4A or Ogg',
  flac: 'FLAC audio is not supported on its own: export the audio as MP3, M4A or Ogg',
};

/**
 * For /api/v2/instance `configuration.media_attachments.supported_mime_types`: what clients offer
 * in their file pickers. The server itself never trusts a declared type.
 */
export const SUPPORTED_MIME_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/avif',
  'audio/mpeg',
  'audio/mp3',
  'audio/mp4',
  'audio/x-m4a',
  'audio/ogg',
  'audio/opus',
  'audio/webm',
  'video/mp4',
  'video/x-m4v',
  'video/webm',
] as const;

export const ACCEPTED_FORMATS =
  'JPEG, PNG, WebP, GIF and AVIF images, MP3, M4A and Ogg audio, and MP4 and WebM video';

/**
 * Decides what a file is from its bytes alone (magic numbers), never from its name or the
 * Content-Type the client declared, and refuses anything outside the allow-list.
 */
export async function detectFormat(bytes: Uint8Array): Promise<DetectedFormat> {
  if (bytes.length === 0) throw new ValidationError('file: the file is empty (0 bytes)', 'file');
  const found = await fileTypeFromBuffer(bytes);
  const allowed = found ? ALLOWED[found.ext] : undefined;
  if (allowed) return allowed;
  const looksLikeSvg =
    !found && /^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(Buffer.from(bytes.subarray(0, 512)).toString('latin1'));
  const ext = found?.ext ?? (looksLikeSvg ? 'svg' : undefined);
  const advice = ext ? ADVICE[ext] : undefined;
  const what = found
    ? `this file is ${found.ext.toUpperCase()} (${found.mime})`
    : looksLikeSvg
      ? 'this file is an SVG drawing'
      : 'this file is not a recognisable image, audio or video file (its name does not matter, its content does)';
  throw new ValidationError(
    `file: Rounds accepts ${ACCEPTED_FORMATS}; ${what}${advice ? `. ${advice}` : ''}`,
    'file',
    { detected: found?.mime ?? null },
  );
}
