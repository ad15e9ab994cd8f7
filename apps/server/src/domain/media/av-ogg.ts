import { ValidationError } from '../errors.ts';
import type { AvInspection } from './av-types.ts';

function invalid(detail: string): ValidationError {
  return new ValidationError(`file: the Ogg file ${detail}; export it again`, 'file');
}

function startsWith(b: Uint8Array, at: number, text: string): boolean {
  for (let k = 0; k < text.length; k++) if (b[at + k] !== text.charCodeAt(k)) return false;
  return true;
}

interface Stream {
  codec: 'opus' | 'vorbis' | 'flac' | 'speex' | 'other';
  rate: number;
  preSkip: number;
  lastGranule: bigint;
}

function identify(b: Uint8Array, at: number, view: DataView): Stream {
  const stream: Stream = { codec: 'other', rate: 0, preSkip: 0, lastGranule: -1n };
  if (startsWith(b, at, 'OpusHead')) {
    stream.codec = 'opus';
    stream.rate = 48_000; // Opus granules always count 48 kHz samples
    if (at + 12 <= b.length) stream.preSkip = view.getUint16(at + 10, true);
  } else if (startsWith(b, at, '\x01vorbis')) {
    stream.codec = 'vorbis';
    if (at + 16 <= b.length) stream.rate = view.getUint32(at + 12, true);
  } else if (startsWith(b, at, '\x7fFLAC')) {
    stream.codec = 'flac';
    // STREAMINFO's 20-bit sample rate follows the 13-byte Ogg FLAC header and 4-byte block header.
    const s = at + 27;
    if (s + 3 <= b.length) stream.rate = (b[s]! << 12) | (b[s + 1]! << 4) | (b[s + 2]! >> 4);
  } else if (startsWith(b, at, 'Speex   ')) {
    stream.codec = 'speex';
    if (at + 40 <= b.length) stream.rate = view.getUint32(at + 36, true);
  }
  return stream;
}

/**
 * Walks an Ogg file page by page: every byte must belong to a page (nothing appended or wedged
 * between pages), and every logical stream must be audio (Opus, Vorbis, FLAC or Speex), so Ogg
 * video or an unknown stream cannot ride along.
 */
export function inspectOgg(bytes: Uint8Array): AvInspection {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const streams = new Map<number, Stream>();
  let i = 0;
  while (i < bytes.length) {
    if (!startsWith(bytes, i, 'OggS')) throw invalid(`has data that is not an Ogg page at offset ${i}`);
    if (i + 27 > bytes.length) throw invalid('is truncated (it ends inside a page header)');
    if (bytes[i + 4] !== 0) throw invalid('uses an unknown Ogg version');
    const headerType = bytes[i + 5]!;
    const granule = view.getBigInt64(i + 6, true);
    const serial = view.getUint32(i + 14, true);
    const segments = bytes[i + 26]!;
    const payloadStart = i + 27 + segments;
    if (payloadStart > bytes.length) throw invalid('is truncated (it ends inside a page header)');
    let payloadLength = 0;
    for (let k = 0; k < segments; k++) payloadLength += bytes[i + 27 + k]!;
    const end = payloadStart + payloadLength;
    if (end > bytes.length) throw invalid('is truncated (it ends inside a page)');
    let stream = streams.get(serial);
    if (!stream) {
      if (!(headerType & 0x02)) throw invalid('has a page for a stream that never began');
      stream = identify(bytes, payloadStart, view);
      if (stream.codec === 'other')
        throw invalid('carries a stream that is not Opus, Vorbis, FLAC or Speex audio');
      streams.set(serial, stream);
    }
    if (granule >= 0n) stream.lastGranule = granule;
    i = end;
  }
  const first = [...streams.values()][0];
  if (!first) throw invalid('has no audio stream');
  let duration: number | null = null;
  if (first.rate > 0 && first.lastGranule > 0n) {
    const samples = Number(first.lastGranule) - first.preSkip;
    duration = Math.max(0, Math.round((samples / first.rate) * 1000) / 1000);
  }
  const bitrate = duration ? Math.round((bytes.length * 8) / duration) : null;
  return { type: 'audio', mime: 'audio/ogg', ext: 'ogg', bytes, meta: { original: { duration, bitrate } } };
}
