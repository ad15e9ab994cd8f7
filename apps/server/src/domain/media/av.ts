import { inspectMp3 } from './av-mp3.ts';
import { inspectMp4 } from './av-mp4.ts';
import { inspectOgg } from './av-ogg.ts';
import type { AvInspection } from './av-types.ts';
import { inspectWebm } from './av-webm.ts';
import type { AvFormat } from './detect.ts';

export type { AvInspection } from './av-types.ts';

/**
 * Checks that an audio or video file is what its magic bytes claim all the way through. Without a
 * transcoder the bytes are stored as sent, so the container walk is what keeps appended or
 * interleaved payloads out: a file whose structure disagrees with its detected type is refused.
 */
export function inspectAudioVideo(bytes: Uint8Array, format: AvFormat): AvInspection {
  switch (format) {
    case 'mp3':
      return inspectMp3(bytes);
    case 'mp4':
      return inspectMp4(bytes);
    case 'ogg':
      return inspectOgg(bytes);
    case 'webm':
      return inspectWebm(bytes);
  }
}
