import { fileTypeFromBuffer } from 'file-type';
import { ValidationError } from '../errors.ts';

/**
 * Markup a browser would run if it ever treated the bytes as a page. Every pattern is at least six
 * bytes with a delimiter, so compressed image or audio data matches one by chance about once in
 * 10^13 bytes; a match means someone put it there.
 */
const ACTIVE_MARKUP =
  /<(?:script|html|body|iframe|object|embed|svg|form|\?php|!doctype\s+html)[\s>/]|javascript:[^\s]/i;

const ZIP_END_OF_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** A ZIP reader looks for its directory in the last 64 KiB + 22 bytes of a file. */
const ZIP_TAIL = 65_535 + 22;

function polyglot(what: string): ValidationError {
  return new ValidationError(
    `file: the file carries ${what} besides its media content (a "polyglot" file); export the picture, audio or video again as a plain file`,
    'file',
  );
}

/**
 * Refuses polyglots: media that also parse as a web page, a script or an archive. Images are
 * re-encoded anyway, so this is defence in depth for them; for audio and video (stored as sent)
 * it is, with the container walk, what keeps such payloads out of the store.
 */
export function assertNoActivePayload(bytes: Uint8Array): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (ACTIVE_MARKUP.test(buf.toString('latin1'))) throw polyglot('HTML or script markup');
  if (buf.subarray(Math.max(0, buf.length - ZIP_TAIL)).includes(ZIP_END_OF_DIRECTORY)) {
    throw polyglot('a ZIP archive');
  }
}

/**
 * Bytes after an image's end marker. Phones leave harmless trailers there (Motion Photo videos,
 * maker data) which re-encoding drops; an archive, document or program there is a polyglot.
 */
export async function assertHarmlessTrailer(trailer: Uint8Array): Promise<void> {
  if (trailer.length === 0) return;
  const buf = Buffer.from(trailer.buffer, trailer.byteOffset, trailer.byteLength);
  if (buf.includes(ZIP_LOCAL_HEADER)) throw polyglot('a ZIP archive after the picture');
  const found = await fileTypeFromBuffer(trailer);
  if (found && !/^(image|video|audio)\//.test(found.mime)) {
    throw polyglot(`${found.ext.toUpperCase()} data (${found.mime}) after the picture`);
  }
}
