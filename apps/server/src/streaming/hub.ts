import type { AppContext } from '../context.ts';
import type { FilterContext } from '../db/schema/index.ts';
import { getConversation } from '../domain/conversations/index.ts';
import { NotFoundError } from '../domain/errors.ts';
import {
  createViewerFilterCache,
  filterStreamedStatus,
  requestFilterCache,
  streamFilterContext,
  type ViewerFilters,
} from '../domain/filters/index.ts';
import { getNotification } from '../domain/notifications/index.ts';
import { hasScope } from '../domain/oauth/scopes.ts';
import {
  findLiveTokenIds,
  loadStreamViewerStates,
  type StreamViewerState,
} from '../domain/streaming/index.ts';
import { renderConversation } from '../mastodon/entities/conversation.ts';
import { renderNotification } from '../mastodon/entities/notification.ts';
import { renderStatus } from '../mastodon/entities/status.ts';
import { channels, decodeEnvelope, type Envelope, type StatusEnvelope } from './channels.ts';
import { StreamEvent } from './frames.ts';
import { createStatusRenderer, type RenderedStatus } from './render.ts';
import { StreamRequestError, type StreamSpec } from './streams.ts';

/** Why the hub ends a connection. */
export type CloseReason = 'revoked' | 'shutdown';

/** A transport (WebSocket or server-sent events) as the hub sees it. */
export interface StreamClient {
  send(stream: readonly string[], event: StreamEvent): void;
  /** Keeps the connection alive and notices dead peers (WebSocket ping, SSE comment). */
  heartbeat(): void;
  close(reason: CloseReason): void;
}

export interface StreamViewerIdentity {
  accountId: string;
  tokenId: string;
  scopes: readonly string[];
}

/** One open connection: its subscriptions, and one queue that keeps its deliveries in order. */
export interface StreamConnection {
  readonly viewer: StreamViewerIdentity;
  subscribe(spec: StreamSpec): Promise<void>;
  unsubscribe(key: string): void;
  /** Runs `task` after everything queued before it (client requests and deliveries alike). */
  enqueue(task: () => void | Promise<void>): void;
  /** Forgets the connection (call when the transport closed, for whatever reason). */
  disconnect(): void;
}

export interface StreamingHub {
  open(viewer: StreamViewerIdentity, client: StreamClient): Promise<StreamConnection>;
  stats(): { connections: number; subscriptions: number; channels: number };
  close(): Promise<void>;
}

export interface HubOptions {
  heartbeatMs?: number;
  /** Safety net for revocations that come without an event: how often tokens are re-checked. */
  tokenCheckMs?: number;
  /** How often cached blocks and mutes are reloaded (relationship events reload at once). */
  viewerRefreshMs?: number;
}

/** Mastodon does not cap subscriptions; a bound keeps one socket from pinning unbounded state. */
export const MAX_SUBSCRIPTIONS = 100;

interface Conn {
  viewer: StreamViewerIdentity;
  client: StreamClient;
  subs: Map<string, StreamSpec>;
  queue: Promise<void>;
  closed: boolean;
}

interface ChannelRecord {
  subs: Map<Conn, StreamSpec>;
  off: Promise<() => void>;
}

/**
 * This process' live connections and the bus channels that feed them. A channel is subscribed on
 * the bus while at least one local subscription needs it. Messages are rendered per viewer
 * (createStatusRenderer batches and caches), filtered by each viewer's cached blocks and mutes on
 * public streams, and delivered in arrival order per connection.
 */
export function createStreamingHub(ctx: AppContext, options: HubOptions = {}): StreamingHub {
  const bus = ctx.streams;
  const renderer = createStatusRenderer(ctx);
  const viewerFilters = createViewerFilterCache(ctx);
  const conns = new Set<Conn>();
  const byChannel = new Map<string, ChannelRecord>();
  const states = new Map<string, { refs: number; state: Promise<StreamViewerState> }>();
  const notificationCache = new Map<string, { at: number; event: Promise<StreamEvent | null> }>();
  let timers: NodeJS.Timeout[] = [];
  let closed = false;

  const log = (msg: string, error: unknown) => ctx.logger.warn(msg, { error: String(error) });
  const enqueue = (conn: Conn, task: () => void | Promise<void>) => {
    conn.queue = conn.queue
      .then(() => (conn.closed ? undefined : task()))
      .catch((e) => log('stream delivery failed', e));
  };

  const loadStates = async (ids: string[]) => {
    const loaded = await loadStreamViewerStates(ctx.db, ids, ctx.clock.now());
    for (const [id, state] of loaded) {
      const entry = states.get(id);
      if (entry) entry.state = Promise.resolve(state);
    }
  };

  const isHidden = async (accountId: string, authorId: string): Promise<boolean> => {
    if (accountId === authorId) return false;
    const state = await states.get(accountId)?.state;
    if (!state) return false;
    return (
      state.blockedEither.has(authorId) || (state.mutedUntil.get(authorId) ?? 0) > ctx.clock.now().getTime()
    );
  };

  /** A status after the viewer's filters: null when a `hide` filter drops it. */
  const filteredEvent = (
    rendered: RenderedStatus,
    name: string,
    context: FilterContext,
    filters: ViewerFilters,
  ) => {
    const shown = filterStreamedStatus(filters, context, rendered.status, ctx.clock.now());
    if (shown === rendered.status) return rendered.event(name);
    return shown && new StreamEvent(name, JSON.stringify(renderStatus(ctx.config, shown)));
  };

  const deliverStatus = (conn: Conn, spec: StreamSpec, env: StatusEnvelope) => {
    // Started now, not in the queued task, so every subscriber of this tick joins one render batch.
    const rendering = renderer.render(env, conn.viewer.accountId);
    const hidden = spec.filtered ? isHidden(conn.viewer.accountId, env.a) : false;
    const context = streamFilterContext(spec.kind);
    const filters = context ? viewerFilters.get(conn.viewer.accountId) : null;
    enqueue(conn, async () => {
      const rendered = await rendering;
      if (!rendered || (await hidden) || (spec.onlyMedia && !rendered.hasMedia) || !conn.subs.has(spec.key))
        return;
      const event =
        context && filters ? filteredEvent(rendered, env.e, context, await filters) : rendered.event(env.e);
      if (event) conn.client.send(spec.name, event);
    });
  };

  /** The recipient's Conversation as stored: the envelope leaves after their row was updated. */
  const conversationEvent = (id: string, viewerId: string): Promise<StreamEvent | null> =>
    getConversation(ctx, viewerId, id).then(
      (c) => new StreamEvent('conversation', JSON.stringify(renderConversation(ctx.config, c))),
      (error) => {
        // Removed since, or with someone they block: not sent.
        if (error instanceof NotFoundError) return null;
        throw error;
      },
    );

  const notificationEvent = (id: string, viewerId: string): Promise<StreamEvent | null> => {
    const key = `${id}:${viewerId}`;
    const cutoff = Date.now() - 15_000;
    for (const [k, v] of notificationCache) if (v.at < cutoff) notificationCache.delete(k);
    let hit = notificationCache.get(key);
    if (!hit) {
      const event = getNotification(ctx, viewerId, id).then(
        (n) => new StreamEvent('notification', JSON.stringify(renderNotification(ctx.config, n))),
        (error) => {
          // Hidden from the recipient (a mute, a block, a status they can no longer see): not sent.
          if (error instanceof NotFoundError) return null;
          throw error;
        },
      );
      hit = { at: Date.now(), event };
      notificationCache.set(key, hit);
    }
    return hit.event;
  };

  const deliver = (conn: Conn, spec: StreamSpec, env: Envelope) => {
    switch (env.e) {
      case 'update':
      case 'status.update':
        return deliverStatus(conn, spec, env);
      case 'conversation': {
        const event = conversationEvent(env.conv, conn.viewer.accountId);
        return enqueue(conn, async () => {
          const e = await event;
          if (e && conn.subs.has(spec.key)) conn.client.send(spec.name, e);
        });
      }
      case 'notification': {
        // As Mastodon: the user stream carries notifications only for tokens allowed to read them.
        if (spec.kind === 'user' && !hasScope(conn.viewer.scopes, 'read:notifications')) return;
        const event = notificationEvent(env.id, conn.viewer.accountId);
        return enqueue(conn, async () => {
          const e = await event;
          if (e && conn.subs.has(spec.key)) conn.client.send(spec.name, e);
        });
      }
      case 'filters_changed':
        return enqueue(conn, () =>
          conn.client.send(spec.name, new StreamEvent('filters_changed', undefined)),
        );
    }
  };

  const onChannel = (channel: string, raw: string) => {
    const env = decodeEnvelope(raw);
    const record = byChannel.get(channel);
    if (!env || !record) return;
    for (const [conn, spec] of record.subs) deliver(conn, spec, env);
  };

  const onGlobal = (raw: string) => {
    const env = decodeEnvelope(raw);
    if (!env) return;
    if (env.e === 'delete') {
      // NOTE: the deleted row is gone, so who saw it cannot be worked out; a delete carries only
      // an id (nothing of the post), and clients ignore ids they do not hold. Mastodon likewise
      // sends public deletes to every public-stream listener.
      const event = new StreamEvent('delete', env.id);
      for (const conn of conns) {
        for (const spec of conn.subs.values()) {
          if (spec.kind !== 'user:notification') enqueue(conn, () => conn.client.send(spec.name, event));
        }
      }
    } else if (env.e === 'revoke') {
      for (const conn of conns) if (conn.viewer.tokenId === env.token) conn.client.close('revoked');
    } else if (env.e === 'relations') {
      const present = env.accounts.filter((id) => states.has(id));
      if (present.length) loadStates(present).catch((e) => log('stream viewer state reload failed', e));
    } else if (env.e === 'filters_changed' && env.account) {
      viewerFilters.invalidate(env.account);
      requestFilterCache(ctx).invalidate(env.account);
    }
  };
  const globalOff = bus.subscribe(channels.global, onGlobal);

  let checkingTokens = false;
  const checkTokens = async () => {
    if (checkingTokens || conns.size === 0) return;
    checkingTokens = true;
    try {
      const ids = [...new Set([...conns].map((c) => c.viewer.tokenId))];
      const live = await findLiveTokenIds(ctx.db, ids, ctx.clock.now());
      for (const conn of conns) if (!live.has(conn.viewer.tokenId)) conn.client.close('revoked');
    } catch (error) {
      log('stream token re-check failed', error);
    } finally {
      checkingTokens = false;
    }
  };

  const startTimers = () => {
    if (timers.length) return;
    const every = (ms: number, fn: () => void) => {
      const t = setInterval(fn, ms);
      t.unref();
      timers.push(t);
    };
    every(options.heartbeatMs ?? 15_000, () => {
      for (const conn of conns) conn.client.heartbeat();
    });
    every(options.tokenCheckMs ?? 3_000, () => void checkTokens());
    every(options.viewerRefreshMs ?? 30_000, () => {
      if (states.size)
        loadStates([...states.keys()]).catch((e) => log('stream viewer state refresh failed', e));
    });
  };
  const stopTimers = () => {
    for (const t of timers) clearInterval(t);
    timers = [];
  };

  const removeSub = (conn: Conn, key: string) => {
    const spec = conn.subs.get(key);
    if (!spec) return;
    conn.subs.delete(key);
    for (const channel of spec.channels) {
      const record = byChannel.get(channel);
      if (!record) continue;
      record.subs.delete(conn);
      if (record.subs.size === 0) {
        byChannel.delete(channel);
        record.off.then((off) => off()).catch(() => {});
      }
    }
  };

  const disconnect = (conn: Conn) => {
    if (conn.closed) return;
    conn.closed = true;
    for (const key of [...conn.subs.keys()]) removeSub(conn, key);
    conns.delete(conn);
    const entry = states.get(conn.viewer.accountId);
    if (entry && --entry.refs === 0) states.delete(conn.viewer.accountId);
    if (conns.size === 0) stopTimers();
  };

  return {
    async open(viewer, client) {
      if (closed) throw new Error('The streaming hub is closed');
      const conn: Conn = { viewer, client, subs: new Map(), queue: Promise.resolve(), closed: false };
      conns.add(conn);
      startTimers();
      let entry = states.get(viewer.accountId);
      if (!entry) {
        const state = loadStreamViewerStates(ctx.db, [viewer.accountId], ctx.clock.now()).then(
          (m) => m.get(viewer.accountId)!,
        );
        entry = { refs: 0, state };
        states.set(viewer.accountId, entry);
      }
      entry.refs++;
      try {
        await entry.state;
      } catch (error) {
        disconnect(conn);
        throw error;
      }
      return {
        viewer,
        async subscribe(spec) {
          if (conn.closed || conn.subs.has(spec.key)) return;
          if (conn.subs.size >= MAX_SUBSCRIPTIONS)
            throw new StreamRequestError(429, 'Too many subscriptions');
          conn.subs.set(spec.key, spec);
          const ready: Promise<() => void>[] = [];
          for (const channel of spec.channels) {
            let record = byChannel.get(channel);
            if (!record) {
              record = { subs: new Map(), off: bus.subscribe(channel, (m) => onChannel(channel, m)) };
              byChannel.set(channel, record);
            }
            record.subs.set(conn, spec);
            ready.push(record.off);
          }
          await Promise.all(ready);
        },
        unsubscribe: (key) => removeSub(conn, key),
        enqueue: (task) => enqueue(conn, task),
        disconnect: () => disconnect(conn),
      };
    },
    stats() {
      let subscriptions = 0;
      for (const conn of conns) subscriptions += conn.subs.size;
      return { connections: conns.size, subscriptions, channels: byChannel.size };
    },
    async close() {
      if (closed) return;
      closed = true;
      stopTimers();
      for (const conn of [...conns]) {
        conn.client.close('shutdown');
        disconnect(conn);
      }
      await globalOff.then((off) => off()).catch(() => {});
    },
  };
}
