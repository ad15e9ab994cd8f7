/** What the container walk learnt about an audio or video file. */
export interface AvInspection {
  type: 'audio' | 'video';
  mime: string;
  /** Extension for the stored file. */
  ext: string;
  /** The bytes to store: the upload itself, or (MP3) its audio frames without tags. */
  bytes: Uint8Array;
  /** Mastodon's `meta` for the attachment (`original.duration`, `bitrate`, sizes for video). */
  meta: Record<string, unknown>;
}
