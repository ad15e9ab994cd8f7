import { ValidationError } from '../errors.ts';
import type { AvInspection } from './av-types.ts';

function invalid(detail: string): ValidationError {
  return new ValidationError(`file: the MP3 file ${detail}; export it again`, 'file');
}

// kbit/s by bitrate index 1–14, for MPEG-1 and MPEG-2/2.5 Layer III.
const BITRATES_V1 = [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const BITRATES_V2 = [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const SAMPLE_RATES: Record<number, number[]> = {
  3: [44_100, 48_000, 32_000], // MPEG-1
  2: [22_050, 24_000, 16_000], // MPEG-2
  0: [11_025, 12_000, 8_000], // MPEG-2.5
};

interface Frame {
  length: number;
  samples: number;
  rate: number;
}

/** The Layer III frame whose header starts at `i`, or null when there is none. */
function frameAt(b: Uint8Array, i: number): Frame | null {
  if (i + 4 > b.length || b[i] !== 0xff || (b[i + 1]! & 0xe0) !== 0xe0) return null;
  const version = (b[i + 1]! >> 3) & 3;
  const layer = (b[i + 1]! >> 1) & 3;
  const bitrateIndex = b[i + 2]! >> 4;
  const rateIndex = (b[i + 2]! >> 2) & 3;
  const padding = (b[i + 2]! >> 1) & 1;
  const rates = SAMPLE_RATES[version];
  if (!rates || layer !== 1 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null;
  const rate = rates[rateIndex]!;
  const kbps = (version === 3 ? BITRATES_V1 : BITRATES_V2)[bitrateIndex - 1]!;
  const samples = version === 3 ? 1152 : 576;
  const length = Math.floor(((samples / 8) * kbps * 1000) / rate) + padding;
  return { length, samples, rate };
}

function id3v2Length(b: Uint8Array, i: number): number {
  if (!(b[i] === 0x49 && b[i + 1] === 0x44 && b[i + 2] === 0x33) || i + 10 > b.length) return 0;
  // Sizes are "syncsafe": seven bits per byte.
  const size =
    ((b[i + 6]! & 0x7f) << 21) | ((b[i + 7]! & 0x7f) << 14) | ((b[i + 8]! & 0x7f) << 7) | (b[i + 9]! & 0x7f);
  const footer = b[i + 5]! & 0x10 ? 10 : 0;
  return 10 + size + footer;
}

/** Length of the tags MP3 tools append after the audio (ID3v1, APEv2), or 0. */
function trailingTagsLength(b: Uint8Array, end: number): number {
  let cut = 0;
  if (end - cut >= 128 && String.fromCharCode(b[end - 128]!, b[end - 127]!, b[end - 126]!) === 'TAG')
    cut += 128;
  const footer = end - cut - 32;
  if (footer >= 0 && Buffer.from(b.subarray(footer, footer + 8)).toString('latin1') === 'APETAGEX') {
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const size = view.getUint32(footer + 12, true); // items + footer
    const hasHeader = (view.getUint32(footer + 20, true) & 0x80000000) !== 0;
    cut += size + (hasHeader ? 32 : 0);
  }
  return cut;
}

/**
 * Walks an MP3 frame by frame: after any ID3v2 tag, MPEG Layer III frames must follow one another
 * to the end (only ID3v1/APE tags may close the file). Tags hold free text and pictures — names,
 * places, cover art that could hide a payload — so only the frames are kept.
 */
export function inspectMp3(bytes: Uint8Array): AvInspection {
  let i = 0;
  for (let tag = id3v2Length(bytes, i); tag > 0; tag = id3v2Length(bytes, i)) i += tag;
  if (i > bytes.length) throw invalid('is truncated (it ends inside its ID3 tag)');
  while (i < bytes.length && bytes[i] === 0) i++; // padding some taggers leave after the tag
  const end = bytes.length - trailingTagsLength(bytes, bytes.length);
  const start = i;
  let samples = 0;
  let rate = 0;
  let frames = 0;
  while (i < end) {
    const frame = frameAt(bytes, i);
    if (!frame) {
      throw invalid(frames === 0 ? 'has no MPEG audio frames' : `has data that is not audio at offset ${i}`);
    }
    if (i + frame.length > end) {
      // The last frame of many encoders is cut short; a few bytes are tolerated, data is not.
      if (frames > 0 && end - i >= 4) break;
      throw invalid('is truncated');
    }
    samples += frame.samples;
    rate = frame.rate;
    frames++;
    i += frame.length;
  }
  if (frames === 0) throw invalid('has no MPEG audio frames');
  const duration = rate ? Math.round((samples / rate) * 1000) / 1000 : null;
  const audio = bytes.subarray(start, Math.min(i, end));
  const bitrate = duration ? Math.round((audio.length * 8) / duration) : null;
  return {
    type: 'audio',
    mime: 'audio/mpeg',
    ext: 'mp3',
    bytes: audio,
    meta: { original: { duration, bitrate } },
  };
}
