import type { AppContext } from '../context.ts';
import { type HydratedStatus, hydrateStatuses } from '../domain/statuses/hydrate.ts';
import { effectiveQuotePolicy, quotePermission } from '../domain/statuses/quote-policy.ts';
import { canSeeRow, type ViewerRelations } from '../domain/statuses/visibility.ts';
import { findBlocksWithAuthor, findFollowersAmong, findStatusFlagsAmong } from '../domain/streaming/index.ts';
import { renderAccount } from '../mastodon/entities/account.ts';
import { renderStatus } from '../mastodon/entities/status.ts';
import { StreamEvent } from './frames.ts';

/** A status rendered for one class of viewers, with its wire forms built lazily. */
export interface RenderedStatus {
  json: string;
  hasMedia: boolean;
  /** What was rendered, for per-viewer steps after rendering (their filters). */
  status: HydratedStatus;
  /** The author and the mentioned accounts, rendered (a direct conversation's participants). */
  participants(): Array<{ id: string } & Record<string, unknown>>;
  event(name: string): StreamEvent;
}

export interface StatusRenderRequest {
  id: string;
  /** The status' author: always allowed to see it, so the shared hydration runs as them. */
  a: string;
  v: string;
  fresh?: boolean | undefined;
}

export interface StatusRenderer {
  /** The status as `viewerId` may see it; null when they may not. */
  render(request: StatusRenderRequest, viewerId: string): Promise<RenderedStatus | null>;
}

/** How long rendered statuses are reused (a post reaches several channels within milliseconds). */
const CACHE_MS = 15_000;
/** Concurrent per-viewer hydrations on the slow path. */
const SLOW_CONCURRENCY = 4;

interface Entry {
  at: number;
  base: Promise<HydratedStatus | null>;
  classes: Map<string, RenderedStatus>;
  viewers: Map<string, Promise<RenderedStatus | null>>;
}

interface Batch {
  request: StatusRenderRequest;
  entry: Entry;
  waiting: Map<string, { resolve(r: RenderedStatus | null): void; reject(e: unknown): void }[]>;
}

function toRendered(ctx: AppContext, h: HydratedStatus): RenderedStatus {
  const entity = renderStatus(ctx.config, h);
  const events = new Map<string, StreamEvent>();
  const json = JSON.stringify(entity);
  return {
    json,
    hasMedia: (entity.reblog ?? entity).media_attachments.length > 0,
    status: h,
    participants: () => [h.account, ...h.mentions].map((a) => renderAccount(ctx.config, a)),
    event(name) {
      let e = events.get(name);
      if (!e) {
        e = new StreamEvent(name, json);
        events.set(name, e);
      }
      return e;
    },
  };
}

/**
 * A status whose rendering depends on the viewer only through relations the fast path computes.
 * A poll shows each viewer their own votes (and the author hidden totals), so it takes the slow path.
 */
function isClassRenderable(h: HydratedStatus): boolean {
  const plain = (s: HydratedStatus) => s.quote === null && s.poll === null;
  return plain(h) && (h.reblog === null || plain(h.reblog));
}

/**
 * Renders statuses for many viewers with few queries. Requests made in the same tick for the same
 * status are merged into one batch: the status is hydrated once (as its author), then each viewer's
 * view is derived from bulk-loaded relations (blocks, follows, mentions, their favourites/reblogs/
 * bookmarks) and rendered once per distinct combination — a thousand clients on a hashtag usually
 * cost one hydration and one JSON.stringify. Statuses with quotes, and the reblogged author looking
 * at a reblog, take the general path (hydration per viewer), since their rendering depends on more.
 */
export function createStatusRenderer(ctx: AppContext): StatusRenderer {
  const cache = new Map<string, Entry>();
  const pending = new Map<string, Batch>();
  let scheduled = false;

  const entryFor = (request: StatusRenderRequest): Entry => {
    const key = `${request.id}:${request.v}`;
    let entry = cache.get(key);
    if (!entry) {
      entry = {
        at: Date.now(),
        base: hydrateStatuses(ctx, [request.id], request.a).then((hs) => hs[0] ?? null),
        classes: new Map(),
        viewers: new Map(),
      };
      cache.set(key, entry);
    }
    return entry;
  };

  const sweep = () => {
    const cutoff = Date.now() - CACHE_MS;
    for (const [key, entry] of cache) if (entry.at < cutoff) cache.delete(key);
  };

  const flush = () => {
    scheduled = false;
    sweep();
    const batches = [...pending.values()];
    pending.clear();
    for (const batch of batches) {
      const viewers = [...batch.waiting.keys()];
      const results = renderBatch(batch.request, batch.entry, viewers);
      for (const viewer of viewers) {
        const promise = results.get(viewer)!;
        batch.entry.viewers.set(viewer, promise);
        for (const w of batch.waiting.get(viewer) ?? []) promise.then(w.resolve, w.reject);
      }
    }
  };

  const renderBatch = (request: StatusRenderRequest, entry: Entry, viewers: string[]) => {
    const all = (async () => {
      const base = await entry.base;
      if (!base) return new Map<string, RenderedStatus | null>();
      return isClassRenderable(base)
        ? renderByClass(request, entry, base, viewers)
        : renderEach(request.id, viewers);
    })();
    return new Map(viewers.map((v) => [v, all.then((m) => m.get(v) ?? null)]));
  };

  const renderEach = async (id: string, viewers: string[]) => {
    const out = new Map<string, RenderedStatus | null>();
    let next = 0;
    const worker = async () => {
      while (next < viewers.length) {
        const viewer = viewers[next++]!;
        const [h] = await hydrateStatuses(ctx, [id], viewer);
        out.set(viewer, h ? toRendered(ctx, h) : null);
      }
    };
    await Promise.all(Array.from({ length: Math.min(SLOW_CONCURRENCY, viewers.length) }, worker));
    return out;
  };

  const renderByClass = async (
    request: StatusRenderRequest,
    entry: Entry,
    base: HydratedStatus,
    viewers: string[],
  ): Promise<Map<string, RenderedStatus | null>> => {
    const out = new Map<string, RenderedStatus | null>();
    const row = base.row;
    const content = base.reblog ?? base;
    const targetAuthor = base.reblog?.row.accountId ?? null;
    const slow: string[] = [];
    const others: string[] = [];
    for (const v of viewers) {
      if (v === row.accountId) {
        let r = entry.classes.get('author');
        if (!r) {
          r = toRendered(ctx, base);
          entry.classes.set('author', r);
        }
        out.set(v, r);
      } else if (v === targetAuthor) slow.push(v);
      else others.push(v);
    }
    if (slow.length) for (const [v, r] of await renderEach(row.id, slow)) out.set(v, r);
    if (others.length === 0) return out;

    const authors = [...new Set([row.accountId, content.row.accountId])];
    const needFollows =
      row.visibility === 'private' ||
      content.row.visibility === 'private' ||
      effectiveQuotePolicy(content.row) === 'followers';
    const [blockSets, followSets, flags] = await Promise.all([
      Promise.all(authors.map((a) => findBlocksWithAuthor(ctx.db, a, others))),
      needFollows ? Promise.all(authors.map((a) => findFollowersAmong(ctx.db, a, others))) : null,
      request.fresh ? null : findStatusFlagsAmong(ctx.db, content.row.id, others),
    ]);
    const mentionedIn = (viewer: string) =>
      new Set(
        [base, ...(base.reblog ? [base.reblog] : [])]
          .filter((h) => h.mentions.some((m) => m.id === viewer))
          .map((h) => h.row.id),
      );
    for (const viewer of others) {
      const rel: ViewerRelations = {
        viewerId: viewer,
        following: new Set(authors.filter((_, i) => followSets?.[i]?.has(viewer))),
        blockedEither: new Set(authors.filter((_, i) => blockSets[i]!.blockedEither.has(viewer))),
        blocking: new Set(authors.filter((_, i) => blockSets[i]!.blocking.has(viewer))),
        mentionedIn: mentionedIn(viewer),
      };
      if (!canSeeRow(row, rel) || (base.reblog && !canSeeRow(base.reblog.row, rel))) {
        out.set(viewer, null);
        continue;
      }
      const viewerFlags = {
        favourited: flags?.favourited.has(viewer) ?? false,
        reblogged: flags?.reblogged.has(viewer) ?? false,
        bookmarked: flags?.bookmarked.has(viewer) ?? false,
        pinned: false,
        muted: false,
      };
      const qpRow = quotePermission(row, rel);
      const qpContent = quotePermission(content.row, rel);
      const key = `${qpRow}|${qpContent}|${+viewerFlags.favourited}${+viewerFlags.reblogged}${+viewerFlags.bookmarked}`;
      let rendered = entry.classes.get(key);
      if (!rendered) {
        // NOTE: everything else in a HydratedStatus is the same for every viewer who may see it.
        const reblog = base.reblog
          ? { ...base.reblog, viewer: viewerFlags, viewerId: viewer, quotePermission: qpContent }
          : null;
        rendered = toRendered(ctx, {
          ...base,
          reblog,
          viewer: viewerFlags,
          viewerId: viewer,
          quotePermission: qpRow,
        });
        entry.classes.set(key, rendered);
      }
      out.set(viewer, rendered);
    }
    return out;
  };

  return {
    render(request, viewerId) {
      const entry = entryFor(request);
      const done = entry.viewers.get(viewerId);
      if (done) return done;
      const key = `${request.id}:${request.v}`;
      let batch = pending.get(key);
      if (!batch) {
        batch = { request, entry, waiting: new Map() };
        pending.set(key, batch);
      }
      const waiting = batch.waiting.get(viewerId) ?? [];
      batch.waiting.set(viewerId, waiting);
      const promise = new Promise<RenderedStatus | null>((resolve, reject) =>
        waiting.push({ resolve, reject }),
      );
      if (!scheduled) {
        scheduled = true;
        // NOTE: bus messages of one publish (or one NOTIFY batch) are dispatched in one synchronous
        // run or in microtasks queued ahead of this one, so they all join the batch; waiting any
        // longer (setImmediate) only queues behind unrelated database work.
        queueMicrotask(flush);
      }
      return promise;
    },
  };
}
