import { ValidationError } from '../errors.ts';
import type { AvInspection } from './av-types.ts';
import { type Box, childBoxes } from './iso-bmff.ts';

function invalid(detail: string): ValidationError {
  return new ValidationError(`file: the MP4/M4A file ${detail}; export it again`, 'file');
}

interface Track {
  handler: string | null;
  width: number | null;
  height: number | null;
}

function fourcc(b: Uint8Array, at: number): string {
  return String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
}

function readDuration(b: Uint8Array, view: DataView, mvhd: Box): number | null {
  const v = b[mvhd.start];
  const need = v === 1 ? 32 : 20;
  if (mvhd.end - mvhd.start < need) throw invalid('has a damaged movie header');
  const timescale = view.getUint32(mvhd.start + (v === 1 ? 20 : 12));
  const units = v === 1 ? Number(view.getBigUint64(mvhd.start + 24)) : view.getUint32(mvhd.start + 16);
  // All ones means "unknown" (fragmented or live files).
  if (timescale === 0 || units === 0xffffffff || units === 0) return null;
  return Math.round((units / timescale) * 1000) / 1000;
}

function readTrack(b: Uint8Array, view: DataView, trak: Box): Track {
  const track: Track = { handler: null, width: null, height: null };
  for (const box of childBoxes(b, trak.start, trak.end, 'MP4/M4A file')) {
    if (box.type === 'tkhd') {
      const v = b[box.start];
      const at = box.start + (v === 1 ? 88 : 76);
      if (at + 8 <= box.end) {
        // 16.16 fixed point.
        track.width = Math.round(view.getUint32(at) / 65536) || null;
        track.height = Math.round(view.getUint32(at + 4) / 65536) || null;
      }
    } else if (box.type === 'mdia') {
      for (const inner of childBoxes(b, box.start, box.end, 'MP4/M4A file')) {
        if (inner.type === 'hdlr' && inner.start + 12 <= inner.end)
          track.handler = fourcc(b, inner.start + 8);
      }
    }
  }
  return track;
}

/**
 * Walks an MP4 or M4A file box by box: the top-level boxes must cover the file exactly (nothing
 * appended), the movie header and media data must be there, and at least one audio or video track.
 * A file with a video track is a video; one with sound only is audio (M4A), whatever its brand says.
 */
export function inspectMp4(bytes: Uint8Array): AvInspection {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const top = childBoxes(bytes, 0, bytes.length, 'MP4/M4A file');
  if (top[0]?.type !== 'ftyp') throw invalid('does not start with a file-type box');
  const moov = top.find((box) => box.type === 'moov');
  if (!moov) throw invalid('has no movie header ("moov" box)');
  if (!top.some((box) => box.type === 'mdat' || box.type === 'moof')) {
    throw invalid('has no media data ("mdat" box)');
  }
  let duration: number | null = null;
  const tracks: Track[] = [];
  for (const box of childBoxes(bytes, moov.start, moov.end, 'MP4/M4A file')) {
    if (box.type === 'mvhd') duration = readDuration(bytes, view, box);
    else if (box.type === 'trak') tracks.push(readTrack(bytes, view, box));
  }
  const video = tracks.find((t) => t.handler === 'vide');
  const audio = tracks.find((t) => t.handler === 'soun');
  if (!video && !audio) throw invalid('has no audio or video track');
  const bitrate = duration ? Math.round((bytes.length * 8) / duration) : null;
  if (video) {
    const { width, height } = video;
    return {
      type: 'video',
      mime: 'video/mp4',
      ext: 'mp4',
      bytes,
      meta: {
        original: {
          width,
          height,
          ...(width && height ? { size: `${width}x${height}`, aspect: width / height } : {}),
          duration,
          bitrate,
        },
      },
    };
  }
  return { type: 'audio', mime: 'audio/mp4', ext: 'm4a', bytes, meta: { original: { duration, bitrate } } };
}
