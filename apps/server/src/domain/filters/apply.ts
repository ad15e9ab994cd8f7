import type { AppContext } from '../../context.ts';
import type { FilterContext } from '../../db/schema/index.ts';
import type { HydratedQuote, HydratedStatus } from '../statuses/hydrate.ts';
import type { FilterSummary, ViewerFilters } from './active.ts';
import { requestFilterCache } from './cache.ts';
import { searchableText } from './match.ts';

/** One of the viewer's filters that matched a status (Mastodon's FilterResult). */
export interface FilterMatch {
  filter: FilterSummary;
  /** The filter's keywords found in the status, or null. */
  keywordMatches: string[] | null;
  /** The filtered status ids that are this status (or the status it reblogs), or null. */
  statusMatches: string[] | null;
}

/** Mastodon never filters the viewer's own posts (nor their reblogs). */
function isOwn(h: HydratedStatus, viewerId: string): boolean {
  return h.row.accountId === viewerId || h.reblog?.row.accountId === viewerId;
}

function isActive(filter: FilterSummary, context: FilterContext, now: Date): boolean {
  return filter.context.includes(context) && (filter.expiresAt === null || filter.expiresAt > now);
}

/**
 * The viewer's filters for `context` that match `h` at `now`: by keyword in the text of the
 * status (of the reblogged status, for a reblog), or by naming the status or the one it reblogs.
 */
export function matchFilters(
  filters: ViewerFilters,
  context: FilterContext,
  h: HydratedStatus,
  now: Date,
): FilterMatch[] {
  const out: FilterMatch[] = [];
  let text: string | undefined;
  for (const f of filters.filters) {
    if (!isActive(f.filter, context, now)) continue;
    const statusMatches = [h.row.id, h.row.reblogOfId].filter(
      (id): id is string => id !== null && f.statusIds.has(id),
    );
    let keywordMatches: string[] = [];
    if (f.any) {
      text ??= searchableText(h.reblog ?? h);
      const haystack = text;
      if (f.any.test(haystack))
        keywordMatches = f.keywords.filter((k) => k.pattern.test(haystack)).map((k) => k.keyword);
    }
    if (statusMatches.length === 0 && keywordMatches.length === 0) continue;
    out.push({
      filter: f.filter,
      keywordMatches: keywordMatches.length ? keywordMatches : null,
      statusMatches: statusMatches.length ? statusMatches : null,
    });
  }
  return out;
}

/**
 * A quoted status carries every match, `hide` included: it cannot be taken out of the post that
 * quotes it, so the client applies the action to the quote (as Mastodon's clients do).
 */
function withQuoteResults(
  quote: HydratedQuote | null,
  filters: ViewerFilters,
  context: FilterContext,
  now: Date,
): HydratedQuote | null {
  if (!quote?.status) return quote;
  const quoted = quote.status;
  const filtered =
    quoted.row.accountId === filters.accountId ? [] : matchFilters(filters, context, quoted, now);
  return { ...quote, status: { ...quoted, filtered } };
}

const NO_MATCHES: FilterMatch[] = [];

function withResults(
  h: HydratedStatus,
  matches: FilterMatch[],
  filters: ViewerFilters,
  context: FilterContext,
  now: Date,
): HydratedStatus {
  if (h.reblog) {
    const quote = withQuoteResults(h.reblog.quote, filters, context, now);
    return { ...h, filtered: matches, reblog: { ...h.reblog, filtered: matches, quote } };
  }
  return { ...h, filtered: matches, quote: withQuoteResults(h.quote, filters, context, now) };
}

/**
 * Applies compiled filters to hydrated statuses for one context: a status matching a `hide`
 * filter is left out; every other one carries its `warn`/`blur` matches in `filtered` (empty
 * when none), which renders as the Status entity's `filtered` array.
 */
export function applyViewerFilters(
  filters: ViewerFilters,
  context: FilterContext,
  statuses: readonly HydratedStatus[],
  now: Date,
): HydratedStatus[] {
  // Most viewers have no filters: every status (its reblogged and quoted ones too) gets the same
  // empty match list in place, without the copies below. NOTE: safe only because callers pass
  // statuses hydrated for this read alone (never the shared renders of live streams), and an
  // object hydration shares between two rows receives the same value from both.
  if (filters.filters.length === 0) {
    for (const h of statuses) {
      h.filtered = NO_MATCHES;
      if (h.reblog) h.reblog.filtered = NO_MATCHES;
      const quoted = (h.reblog ?? h).quote?.status;
      if (quoted) quoted.filtered = NO_MATCHES;
    }
    return [...statuses];
  }
  return statuses.flatMap((h) => {
    const matches = isOwn(h, filters.accountId) ? [] : matchFilters(filters, context, h, now);
    if (matches.some((m) => m.filter.action === 'hide')) return [];
    return [withResults(h, matches, filters, context, now)];
  });
}

/**
 * The read pipeline's filter stage: the viewer's filters (cached per process, see
 * `requestFilterCache`; loaded while `statuses` are still hydrating when given a promise), applied
 * for `context`.
 * Anonymous viewers have no filters: their statuses come back as they are.
 */
export async function applyFilters(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  viewerId: string | null,
  context: FilterContext,
  statuses: readonly HydratedStatus[] | Promise<readonly HydratedStatus[]>,
): Promise<HydratedStatus[]> {
  if (viewerId === null) return [...(await statuses)];
  const now = ctx.clock.now();
  const [list, filters] = await Promise.all([statuses, requestFilterCache(ctx).get(viewerId)]);
  return applyViewerFilters(filters, context, list, now);
}

function hasMatches(h: HydratedStatus): boolean {
  const quoted = (h.reblog ?? h).quote?.status;
  return Boolean(h.filtered?.length || quoted?.filtered?.length);
}

/**
 * One streamed status for one viewer: null when a `hide` filter removes it; the very same object
 * when nothing matched (so the render shared by many viewers is reused); else a copy carrying the
 * matches, to be rendered for this viewer alone.
 */
export function filterStreamedStatus(
  filters: ViewerFilters,
  context: FilterContext,
  h: HydratedStatus,
  now: Date,
): HydratedStatus | null {
  if (filters.filters.length === 0) return h;
  const [shown] = applyViewerFilters(filters, context, [h], now);
  if (!shown) return null;
  return hasMatches(shown) ? shown : h;
}

/**
 * The filter context of a Mastodon stream, as Mastodon's clients use them: the user and list
 * streams are `home`, public and hashtag streams `public`; others (direct) are not filtered.
 */
export function streamFilterContext(stream: string): FilterContext | null {
  if (stream === 'user' || stream === 'list') return 'home';
  if (stream.startsWith('public') || stream.startsWith('hashtag')) return 'public';
  return null;
}

/** A thread's ancestors and descendants (GET /api/v1/statuses/:id/context) after the viewer's `thread` filters. */
export async function applyThreadFilters<
  T extends { ancestors: HydratedStatus[]; descendants: HydratedStatus[] },
>(ctx: Pick<AppContext, 'db' | 'clock'>, viewerId: string | null, thread: T): Promise<T> {
  if (viewerId === null) return thread;
  const now = ctx.clock.now();
  const filters = await requestFilterCache(ctx).get(viewerId);
  return {
    ...thread,
    ancestors: applyViewerFilters(filters, 'thread', thread.ancestors, now),
    descendants: applyViewerFilters(filters, 'thread', thread.descendants, now),
  };
}
