import type { Notification, Status } from './types.ts';

export type StreamMessage =
  | { event: 'update'; status: Status }
  | { event: 'status.update'; status: Status }
  | { event: 'delete'; id: string }
  | { event: 'notification'; notification: Notification };

/** Which of Mastodon's streams: home (`user`), notifications, the public timelines, a hashtag or a list. */
export type StreamName =
  | { stream: 'user' }
  | { stream: 'user:notification' }
  | { stream: 'public' }
  | { stream: 'public:local' }
  | { stream: 'hashtag'; tag: string }
  | { stream: 'list'; list: string };

export interface StreamHandlers {
  onMessage(message: StreamMessage): void;
  /** Connected (true) or waiting to reconnect (false). */
  onConnection(connected: boolean, reconnected: boolean): void;
}

/** Parses one frame of Mastodon's multiplexed WebSocket; other events are ignored for now. */
export function parseFrame(data: string): StreamMessage | null {
  let frame: { event?: string; payload?: string };
  try {
    frame = JSON.parse(data);
  } catch {
    return null;
  }
  if (frame.event === 'delete' && typeof frame.payload === 'string')
    return { event: 'delete', id: frame.payload };
  if (typeof frame.payload !== 'string') return null;
  try {
    if (frame.event === 'update' || frame.event === 'status.update')
      return { event: frame.event, status: JSON.parse(frame.payload) as Status };
    if (frame.event === 'notification')
      return { event: 'notification', notification: JSON.parse(frame.payload) as Notification };
  } catch {
    return null;
  }
  return null;
}

/** The signed-in person's `user` stream (home timeline events). */
export function openUserStream(token: string, handlers: StreamHandlers): () => void {
  return openStream(token, { stream: 'user' }, handlers);
}

function streamQuery(name: StreamName): string {
  const query = new URLSearchParams({ stream: name.stream });
  if (name.stream === 'hashtag') query.set('tag', name.tag);
  if (name.stream === 'list') query.set('list', name.list);
  return query.toString();
}

/**
 * One of Mastodon's streams over /api/v1/streaming on this same origin. The token travels as the WebSocket sub-protocol, so it stays out of URLs and logs.
 * Reconnects with backoff (1 s doubling to 30 s); returns a function that closes it for good.
 */
export function openStream(token: string, name: StreamName, handlers: StreamHandlers): () => void {
  let socket: WebSocket | null = null;
  let closed = false;
  let attempts = 0;
  let everConnected = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(`${scheme}://${location.host}/api/v1/streaming?${streamQuery(name)}`, token);
    socket.onopen = () => {
      attempts = 0;
      handlers.onConnection(true, everConnected);
      everConnected = true;
    };
    socket.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      const message = parseFrame(event.data);
      if (message) handlers.onMessage(message);
    };
    socket.onclose = () => {
      socket = null;
      if (closed) return;
      handlers.onConnection(false, false);
      const delay = Math.min(30_000, 1000 * 2 ** attempts);
      attempts += 1;
      timer = setTimeout(connect, delay);
    };
  }

  connect();
  return () => {
    closed = true;
    clearTimeout(timer);
    socket?.close();
  };
}
