import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/index.ts';
import { createLogger } from '../src/lib/logger.ts';
import { createStreamBus, type StreamBackend, type StreamBus } from '../src/streaming/bus.ts';
import { MAX_NOTIFY_BYTES } from '../src/streaming/bus-postgres.ts';
import { decodeEnvelope, encodeEnvelope } from '../src/streaming/channels.ts';

const logger = createLogger('silent');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether something accepts connections at the Redis URL (the suite runs with or without one). */
async function redisReachable(): Promise<boolean> {
  const u = new URL(REDIS_URL);
  return new Promise<boolean>((resolve) => {
    const socket = connect({ host: u.hostname, port: Number(u.port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

const hasRedis = await redisReachable();
const cases: Array<{ backend: StreamBackend; skip: boolean }> = [
  { backend: 'memory', skip: false },
  { backend: 'postgres', skip: !process.env.DATABASE_URL },
  { backend: 'redis', skip: !hasRedis },
];

/** Collects what a handler receives; `waitFor` resolves once `n` messages arrived. */
function inbox() {
  const got: string[] = [];
  return {
    got,
    handler: (m: string) => void got.push(m),
    waitFor: (n: number) => expect.poll(() => got.length, { timeout: 3_000 }).toBeGreaterThanOrEqual(n),
  };
}

describe.each(cases)('stream bus: $backend', ({ backend, skip }) => {
  const opened: StreamBus[] = [];
  const open = async () => {
    const bus = await createStreamBus(
      { backend, redisUrl: REDIS_URL, databaseUrl: process.env.DATABASE_URL },
      logger,
    );
    opened.push(bus);
    return bus;
  };
  afterAll(async () => {
    await Promise.all(opened.map((b) => b.close()));
  });

  it.skipIf(skip)('delivers to subscribers of the channel, in every process, in order', async () => {
    const a = await open();
    // Another process is another bus: memory buses are process-local, so it is the same one there.
    const b = backend === 'memory' ? a : await open();
    const onA = inbox();
    const onB = inbox();
    const other = inbox();
    const channel = `timeline:hashtag:${backend}test${Date.now()}`;
    await a.subscribe(channel, onA.handler);
    await b.subscribe(channel, onB.handler);
    await b.subscribe(`${channel}x`, other.handler);
    for (let i = 0; i < 5; i++) await a.publish(channel, `m${i}`);
    await onA.waitFor(5);
    await onB.waitFor(5);
    expect(onB.got).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(other.got).toEqual([]);
  });

  it.skipIf(skip)('keeps long channel names apart and stops delivering after unsubscribe', async () => {
    const bus = await open();
    const long = 'a'.repeat(90);
    const first = inbox();
    const second = inbox();
    await bus.subscribe(`timeline:hashtag:${long}1`, first.handler);
    const off = await bus.subscribe(`timeline:hashtag:${long}2`, second.handler);
    await bus.publish(`timeline:hashtag:${long}1`, 'one');
    await first.waitFor(1);
    off();
    await bus.publish(`timeline:hashtag:${long}2`, 'two');
    await bus.publish(`timeline:hashtag:${long}1`, 'three');
    await first.waitFor(2);
    expect(first.got).toEqual(['one', 'three']);
    expect(second.got).toEqual([]);
  });

  it.skipIf(skip)('runs close listeners once, then stops delivering', async () => {
    const bus = await open();
    let closed = 0;
    bus.onClose(() => {
      closed++;
    });
    await Promise.all([bus.close(), bus.close()]);
    expect(closed).toBe(1);
    await expect(bus.publish('timeline:public', 'late')).resolves.toBeUndefined();
  });
});

describe('stream bus limits and configuration', () => {
  it.skipIf(!process.env.DATABASE_URL)(
    "refuses messages beyond NOTIFY's payload limit with a clear error",
    async () => {
      const bus = await createStreamBus(
        { backend: 'postgres', redisUrl: REDIS_URL, databaseUrl: process.env.DATABASE_URL },
        logger,
      );
      try {
        await expect(bus.publish('timeline:public', 'x'.repeat(MAX_NOTIFY_BYTES))).rejects.toThrow(
          /NOTIFY allows/,
        );
      } finally {
        await bus.close();
      }
    },
  );

  it('fails start-up readably when Redis is not there', async () => {
    await expect(
      createStreamBus({ backend: 'redis', redisUrl: 'redis://127.0.0.1:1', databaseUrl: undefined }, logger),
    ).rejects.toThrow(/cannot reach Redis/);
  });

  it('reads STREAMING_BACKEND and REDIS_URL, memory by default, postgres only with DATABASE_URL', () => {
    expect(loadConfig({}).streaming).toEqual({ backend: 'memory', redisUrl: 'redis://127.0.0.1:6379' });
    expect(loadConfig({ STREAMING_BACKEND: 'redis', REDIS_URL: 'rediss://cache:6380' }).streaming).toEqual({
      backend: 'redis',
      redisUrl: 'rediss://cache:6380',
    });
    expect(() => loadConfig({ STREAMING_BACKEND: 'postgres' })).toThrow(ConfigError);
    expect(() => loadConfig({ STREAMING_BACKEND: 'postgres' })).toThrow(/requires DATABASE_URL/);
    expect(() => loadConfig({ STREAMING_BACKEND: 'kafka', REDIS_URL: 'http://x' })).toThrow(
      /STREAMING_BACKEND[\s\S]*REDIS_URL/,
    );
    expect(
      loadConfig({ STREAMING_BACKEND: 'postgres', DATABASE_URL: 'postgres://db/rounds' }).streaming.backend,
    ).toBe('postgres');
  });

  it('decodes only well-formed envelopes', () => {
    const env = { e: 'update', id: '123', a: '456', v: '0', fresh: true } as const;
    expect(decodeEnvelope(encodeEnvelope(env))).toEqual(env);
    for (const bad of [
      '',
      'null',
      '{"e":"update"}',
      '{"e":"delete","id":"1 or 1=1"}',
      '{"e":"nope","id":"1"}',
    ]) {
      expect(decodeEnvelope(bad)).toBeNull();
    }
  });
});
