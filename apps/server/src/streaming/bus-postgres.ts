import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../lib/logger.ts';
import { createCloseHooks, createLocalHandlers, type StreamBus } from './bus.ts';

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
export const MAX_NOTIFY_BYTES = 7999;

/**
 * Channel names become identifiers of at most 63 bytes, silently truncated beyond: two long
 * hashtags sharing a prefix would share a channel. A hash keeps them apart and identifier-safe;
 * the logical channel travels in the payload and is checked on receipt.
 */
export function postgresChannelName(channel: string): string {
  return `rounds_${createHash('sha1').update(channel).digest('hex')}`;
}

interface Pending {
  channel: string;
  payload: string;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * LISTEN/NOTIFY on one dedicated connection (a pooled one would lose its LISTENs when returned).
 * Publishes made in the same tick go out as one statement, so a post fanned out to a thousand home
 * channels costs one round trip. When the connection drops it reconnects and LISTENs again;
 * messages sent meanwhile are lost, as with Redis pub/sub (clients reload on reconnect anyway).
 */
export async function createPostgresStreamBus(databaseUrl: string, logger: Logger): Promise<StreamBus> {
  const local = createLocalHandlers(logger);
  const hooks = createCloseHooks(logger);
  let closed = false;
  let queue: Pending[] = [];
  let flushScheduled = false;
  let retryMs = 500;

  const onNotification = (msg: pg.Notification) => {
    if (!msg.payload) return;
    let parsed: { c?: unknown; m?: unknown };
    try {
      parsed = JSON.parse(msg.payload);
    } catch {
      return;
    }
    if (typeof parsed.c !== 'string' || typeof parsed.m !== 'string') return;
    if (postgresChannelName(parsed.c) !== msg.channel) return;
    local.dispatch(parsed.c, parsed.m);
  };

  const connect = async (): Promise<pg.Client> => {
    const c = new pg.Client({ connectionString: databaseUrl, application_name: 'rounds-streaming' });
    c.on('notification', onNotification);
    c.on('error', (error) => {
      logger.warn('streaming: PostgreSQL connection failed', { error: String(error) });
      scheduleReconnect(c);
    });
    c.on('end', () => scheduleReconnect(c));
    await c.connect();
    for (const channel of local.channels()) await c.query(`listen "${postgresChannelName(channel)}"`);
    return c;
  };

  let client = await connect();
  let reconnecting = false;
  // pg wants one query at a time per client: LISTENs, UNLISTENs and NOTIFY batches take turns.
  let turn: Promise<unknown> = Promise.resolve();
  const query = (text: string, values?: unknown[]) => {
    const run = turn.then(() => client.query(text, values));
    turn = run.catch(() => {});
    return run;
  };

  function scheduleReconnect(failed: pg.Client) {
    if (closed || reconnecting || failed !== client) return;
    reconnecting = true;
    const attempt = () => {
      if (closed) return;
      connect()
        .then((fresh) => {
          client = fresh;
          reconnecting = false;
          retryMs = 500;
          logger.info('streaming: PostgreSQL connection restored');
        })
        .catch((error) => {
          logger.warn('streaming: PostgreSQL reconnect failed', { error: String(error) });
          retryMs = Math.min(retryMs * 2, 15_000);
          setTimeout(attempt, retryMs).unref();
        });
    };
    setTimeout(attempt, retryMs).unref();
  }

  const flush = async () => {
    flushScheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    try {
      await query('select pg_notify(c, p) from unnest($1::text[], $2::text[]) as t(c, p)', [
        batch.map((p) => p.channel),
        batch.map((p) => p.payload),
      ]);
      for (const p of batch) p.resolve();
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  };

  return {
    backend: 'postgres',
    publish(channel, message) {
      if (closed) return Promise.resolve();
      const payload = JSON.stringify({ c: channel, m: message });
      if (Buffer.byteLength(payload) > MAX_NOTIFY_BYTES) {
        return Promise.reject(
          new RangeError(
            `stream message on ${channel} is ${Buffer.byteLength(payload)} bytes; NOTIFY allows ${MAX_NOTIFY_BYTES}`,
          ),
        );
      }
      return new Promise<void>((resolve, reject) => {
        queue.push({ channel: postgresChannelName(channel), payload, resolve, reject });
        if (!flushScheduled) {
          flushScheduled = true;
          queueMicrotask(() => void flush());
        }
      });
    },
    async subscribe(channel, handler) {
      if (local.add(channel, handler) && !closed) {
        await query(`listen "${postgresChannelName(channel)}"`);
      }
      return () => {
        if (local.remove(channel, handler) && !closed) {
          query(`unlisten "${postgresChannelName(channel)}"`).catch(() => {
            // A dropped connection has forgotten the LISTEN already.
          });
        }
      };
    },
    onClose: hooks.add,
    close: () =>
      hooks.run(async () => {
        await flush();
        closed = true;
        await client.end().catch(() => {});
      }),
  };
}
