import { ValidationError } from '../errors.ts';
import type { AvInspection } from './av-types.ts';

function invalid(detail: string): ValidationError {
  return new ValidationError(`file: the WebM file ${detail}; export it again`, 'file');
}

const ID = {
  ebml: 0x1a45dfa3,
  docType: 0x4282,
  segment: 0x18538067,
  seekHead: 0x114d9b74,
  info: 0x1549a966,
  tracks: 0x1654ae6b,
  cluster: 0x1f43b675,
  cues: 0x1c53bb6b,
  tags: 0x1254c367,
  chapters: 0x1043a770,
  attachments: 0x1941a469,
  void: 0xec,
  crc32: 0xbf,
  timecodeScale: 0x2ad7b1,
  duration: 0x4489,
  trackEntry: 0xae,
  trackType: 0x83,
  video: 0xe0,
  pixelWidth: 0xb0,
  pixelHeight: 0xba,
} as const;

const LEVEL1 = new Set<number>([
  ID.seekHead,
  ID.info,
  ID.tracks,
  ID.cluster,
  ID.cues,
  ID.tags,
  ID.chapters,
  ID.void,
  ID.crc32,
]);

// Timecode, SilentTracks, Position, PrevSize, SimpleBlock, BlockGroup, EncryptedBlock, Void, CRC-32.
const CLUSTER_CHILDREN = new Set<number>([0xe7, 0x5854, 0xa7, 0xab, 0xa3, 0xa0, 0xaf, 0xec, 0xbf]);

interface Element {
  id: number;
  start: number;
  /** null: "unknown size" (live recordings), running until the next element of a higher level. */
  end: number | null;
}

/** Reads an EBML variable-length integer; `keepMarker` for element ids. */
function vint(
  b: Uint8Array,
  i: number,
  keepMarker: boolean,
): { value: number; length: number; allOnes: boolean } {
  const first = b[i];
  if (first === undefined || first === 0) throw invalid('is truncated or damaged');
  const length = Math.clz32(first) - 23;
  if (length > 8 || i + length > b.length) throw invalid('is truncated or damaged');
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let k = 1; k < length; k++) {
    value = value * 256 + b[i + k]!;
    if (b[i + k] !== 0xff) allOnes = false;
  }
  return { value, length, allOnes };
}

function element(b: Uint8Array, i: number, limit: number): Element {
  const id = vint(b, i, true);
  const size = vint(b, i + id.length, false);
  const start = i + id.length + size.length;
  if (size.allOnes) return { id: id.value, start, end: null };
  const end = start + size.value;
  if (end > limit) throw invalid('is truncated (an element runs past the end of the file)');
  return { id: id.value, start, end };
}

function children(b: Uint8Array, start: number, end: number): Element[] {
  const out: Element[] = [];
  for (let i = start; i < end; ) {
    const el = element(b, i, end);
    if (el.end === null) throw invalid('has an element of unknown size where one is not allowed');
    out.push(el);
    i = el.end;
  }
  return out;
}

function uint(b: Uint8Array, el: Element): number {
  let v = 0;
  for (let i = el.start; i < el.end!; i++) v = v * 256 + b[i]!;
  return v;
}

function float(b: Uint8Array, el: Element): number {
  const view = new DataView(b.buffer, b.byteOffset + el.start, el.end! - el.start);
  return el.end! - el.start === 4 ? view.getFloat32(0) : el.end! - el.start === 8 ? view.getFloat64(0) : 0;
}

/** Skips a cluster of unknown size: its children run until the next top-level element. */
function skipOpenCluster(b: Uint8Array, start: number): number {
  let i = start;
  while (i < b.length) {
    const id = vint(b, i, true).value;
    if (LEVEL1.has(id) && id !== ID.void && id !== ID.crc32) return i;
    if (!CLUSTER_CHILDREN.has(id)) throw invalid(`has an unknown element inside a cluster at offset ${i}`);
    const el = element(b, i, b.length);
    if (el.end === null) throw invalid('has an element of unknown size inside a cluster');
    i = el.end;
  }
  return i;
}

/**
 * Walks a WebM file: an EBML header naming `webm`, then one segment whose top-level elements cover
 * it exactly (MediaRecorder's unknown-size segments and clusters included). Attachments, which can
 * carry any file, are refused; tracks tell audio-only WebM from video.
 */
export function inspectWebm(bytes: Uint8Array): AvInspection {
  const header = element(bytes, 0, bytes.length);
  if (header.id !== ID.ebml || header.end === null) throw invalid('does not start with an EBML header');
  const docType = children(bytes, header.start, header.end).find((el) => el.id === ID.docType);
  if (!docType || Buffer.from(bytes.subarray(docType.start, docType.end!)).toString('latin1') !== 'webm') {
    throw invalid('is not WebM (its document type is not "webm")');
  }
  const segment = element(bytes, header.end, bytes.length);
  if (segment.id !== ID.segment) throw invalid('has no segment after its header');
  const segmentEnd = segment.end ?? bytes.length;
  if (segmentEnd !== bytes.length) throw invalid('has data after the end of its segment');

  let timecodeScale = 1_000_000;
  let rawDuration: number | null = null;
  let hasVideo = false;
  let hasAudio = false;
  let width: number | null = null;
  let height: number | null = null;
  for (let i = segment.start; i < segmentEnd; ) {
    const el = element(bytes, i, segmentEnd);
    if (el.id === ID.attachments) throw invalid('carries attached files, which WebM does not allow');
    if (!LEVEL1.has(el.id)) throw invalid(`has an unknown element at offset ${i}`);
    if (el.end === null) {
      if (el.id !== ID.cluster) throw invalid('has an element of unknown size where one is not allowed');
      i = skipOpenCluster(bytes, el.start);
      continue;
    }
    if (el.id === ID.info) {
      for (const child of children(bytes, el.start, el.end)) {
        if (child.id === ID.timecodeScale) timecodeScale = uint(bytes, child);
        if (child.id === ID.duration) rawDuration = float(bytes, child);
      }
    } else if (el.id === ID.tracks) {
      for (const entry of children(bytes, el.start, el.end).filter((c) => c.id === ID.trackEntry)) {
        for (const field of children(bytes, entry.start, entry.end!)) {
          if (field.id === ID.trackType) {
            const type = uint(bytes, field);
            if (type === 1) hasVideo = true;
            if (type === 2) hasAudio = true;
          } else if (field.id === ID.video) {
            for (const v of children(bytes, field.start, field.end!)) {
              if (v.id === ID.pixelWidth) width = uint(bytes, v);
              if (v.id === ID.pixelHeight) height = uint(bytes, v);
            }
          }
        }
      }
    }
    i = el.end;
  }
  if (!hasVideo && !hasAudio) throw invalid('has no audio or video track');
  const duration =
    rawDuration && rawDuration > 0 ? Math.round(((rawDuration * timecodeScale) / 1e9) * 1000) / 1000 : null;
  const bitrate = duration ? Math.round((bytes.length * 8) / duration) : null;
  if (!hasVideo) {
    return {
      type: 'audio',
      mime: 'audio/webm',
      ext: 'weba',
      bytes,
      meta: { original: { duration, bitrate } },
    };
  }
  const sized = width && height ? { size: `${width}x${height}`, aspect: width / height } : {};
  return {
    type: 'video',
    mime: 'video/webm',
    ext: 'webm',
    bytes,
    meta: { original: { width, height, ...sized, duration, bitrate } },
  };
}
