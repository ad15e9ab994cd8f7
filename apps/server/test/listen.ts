import { serveHttp } from '../src/streaming/server.ts';
import { onFileEnd, type TestEnv } from './harness.ts';

/**
 * Serves the test app on a real loopback port (for client libraries and live streams), wired as
 * production wires it (WebSocket upgrades included); closed after the file.
 */
export async function listen(env: TestEnv): Promise<string> {
  const http = await serveHttp(env.app, { port: 0, hostname: '127.0.0.1' });
  onFileEnd(() => http.close());
  return `http://127.0.0.1:${http.port}`;
}
