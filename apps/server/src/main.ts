import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { openRuntime, type Runtime } from './bootstrap.ts';
import type { Config } from './config/index.ts';

/** Starts the HTTP server; resolves once listening. Stops cleanly on SIGINT/SIGTERM. */
export async function startServer(
  config: Config,
  runtime?: Runtime,
): Promise<{ close(): Promise<void>; port: number }> {
  const rt = runtime ?? (await openRuntime(config));
  const app = createApp(rt.ctx);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  rt.ctx.logger.info('Rounds is listening', { url: config.publicUrl, port, database: rt.handle.kind });
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => server.close(() => resolve())).then(() => rt.close());
    return closing;
  };
  return { close, port };
}
