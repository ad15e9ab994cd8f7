import { createApp } from './app.ts';
import { openRuntime, type Runtime } from './bootstrap.ts';
import type { Config } from './config/index.ts';
import { startCaseReveals } from './jobs/case-reveal.ts';
import { startMediaCleanup } from './jobs/cleanup-media.ts';
import { startCredentialExpiry } from './jobs/credential-expiry.ts';
import { startPollExpiry } from './jobs/poll-expiry.ts';
import { startScheduledPublishing } from './jobs/publish-scheduled.ts';
import { startHomeFeedTrim } from './jobs/trim-home-feeds.ts';
import { serveHttp } from './streaming/server.ts';

/** Starts the HTTP server; resolves once listening. Stops cleanly on SIGINT/SIGTERM. */
export async function startServer(
  config: Config,
  runtime?: Runtime,
): Promise<{ close(): Promise<void>; port: number }> {
  const rt = runtime ?? (await openRuntime(config));
  const app = createApp(rt.ctx);
  // WebSocket upgrades (live streams) are wired here, as for the tests' and benchmark's servers.
  const server = await serveHttp(app, { port: config.port, hostname: config.host });
  const port = server.port;
  rt.ctx.logger.info('Rounds is listening', { url: config.publicUrl, port, database: rt.handle.kind });
  const stopMediaCleanup = startMediaCleanup(rt.ctx);
  const stopPollExpiry = startPollExpiry(rt.ctx);
  const stopScheduledPublishing = startScheduledPublishing(rt.ctx);
  const stopCredentialExpiry = startCredentialExpiry(rt.ctx);
  const stopCaseReveals = startCaseReveals(rt.ctx);
  const stopHomeFeedTrim = startHomeFeedTrim(rt.ctx);
  let closing: Promise<void> | undefined;
  const close = () => {
    stopMediaCleanup();
    stopPollExpiry();
    stopScheduledPublishing();
    stopCredentialExpiry();
    stopCaseReveals();
    stopHomeFeedTrim();
    closing ??= server.close().then(() => rt.close());
    return closing;
  };
  return { close, port };
}
