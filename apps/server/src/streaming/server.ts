import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { WebSocketServer } from 'ws';

/** Client messages are small JSON objects; anything larger is refused by `ws` (close 1009). */
const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;
/** How long open streams get to end on their own at shutdown before their sockets are cut. */
const SHUTDOWN_GRACE_MS = 1_000;

export interface HttpServer {
  server: ServerType;
  port: number;
  /** Ends WebSocket and server-sent-event connections, then stops listening. */
  close(): Promise<void>;
}

/**
 * Serves an app over HTTP with WebSocket upgrades enabled, as production (main.ts), the tests'
 * listener and the benchmark's server all do: one wiring to get right.
 */
export async function serveHttp(
  app: { fetch: Parameters<typeof serve>[0]['fetch'] },
  options: { port: number; hostname: string },
): Promise<HttpServer> {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES });
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve(
      { fetch: app.fetch, port: options.port, hostname: options.hostname, websocket: { server: wss } },
      () => resolve(s),
    );
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo | null;
  let closing: Promise<void> | undefined;
  return {
    server,
    port: address?.port ?? options.port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.close(1001, 'The server is shutting down');
        server.close(() => resolve());
        if ('closeIdleConnections' in server) server.closeIdleConnections();
        // Server-sent-event responses and sockets that ignore the close handshake never end by
        // themselves: cut them once the grace period is over.
        setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
          if ('closeAllConnections' in server) server.closeAllConnections();
        }, SHUTDOWN_GRACE_MS).unref();
      });
      return closing;
    },
  };
}
