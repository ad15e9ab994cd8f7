/**
 * One event as sent to clients. The same update usually goes to many connections on the same
 * stream, so each wire form is built once and reused: the WebSocket frame per stream name (as a
 * Buffer, so `ws` does not re-encode it per socket) and the server-sent-events block.
 */
export class StreamEvent {
  private readonly wsFrames = new Map<string, Buffer>();
  private sse: string | undefined;

  /** `payload` is already a string (Mastodon sends the entity's JSON as a string); none for filters_changed. */
  constructor(
    readonly event: string,
    readonly payload: string | undefined,
  ) {}

  /** `{"stream":[...],"event":"...","payload":"..."}` — payload omitted when there is none. */
  wsFrame(stream: readonly string[]): Buffer {
    const key = stream.join('\n');
    let frame = this.wsFrames.get(key);
    if (!frame) {
      const payload = this.payload === undefined ? '' : `,"payload":${JSON.stringify(this.payload)}`;
      frame = Buffer.from(
        `{"stream":${JSON.stringify(stream)},"event":${JSON.stringify(this.event)}${payload}}`,
      );
      // NOTE: frames for a handful of stream names at most; bounded by the subscriptions reached.
      if (this.wsFrames.size < 64) this.wsFrames.set(key, frame);
    }
    return frame;
  }

  /** `event: <name>` and `data: <payload>` (Mastodon writes `undefined` when there is no payload). */
  sseFrame(): string {
    // JSON never contains raw line breaks, so one data line carries the whole payload.
    this.sse ??= `event: ${this.event}\ndata: ${this.payload ?? 'undefined'}\n\n`;
    return this.sse;
  }
}
