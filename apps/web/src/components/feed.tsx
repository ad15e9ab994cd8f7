import {
  type ReactNode,
  type Ref,
  useCallback,
  useEffect,
  useId,
  useImperativeHandle,
  useReducer,
  useRef,
  useState,
} from 'react';
import { takePrefetchedPage } from '../api/prefetch.ts';
import { openStream, type StreamName } from '../api/streaming.ts';
import type { Status } from '../api/types.ts';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/context.tsx';
import { useOnline } from '../lib/offline.ts';
import { initialTimeline, timelineReducer } from '../lib/timeline.ts';
import { ErrorNotice } from './error-notice.tsx';
import { StatusCard } from './status-card.tsx';

function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** `path` with one more query parameter. */
function withParam(path: string, name: string, value: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}`;
}

/** What a screen can do to its feed from outside (home's composer puts one's own post on top). */
export interface FeedHandle {
  showPosted(status: Status): void;
}

export interface FeedProps {
  heading: string;
  /** The first page, e.g. /api/v1/timelines/home?limit=20; older pages follow the Link header. */
  path: string;
  /** Live posts from this stream wait behind an "n new posts" bar. */
  stream?: StreamName;
  /** Shown when there are no posts at all. */
  empty: ReactNode;
  /** Said under the last post when there are no older ones. */
  end?: string;
  ref?: Ref<FeedHandle>;
}

/**
 * Every timeline: posts newest first under a heading, a "load older posts" button (never infinite
 * scroll), and, given a stream, live posts held behind an "n new posts" bar so nothing moves under
 * the reader.
 */
export function Feed(props: FeedProps) {
  const { t } = useI18n();
  const { api, session } = useSession();
  const online = useOnline();
  const [state, dispatch] = useReducer(timelineReducer, initialTimeline);
  const [live, setLive] = useState(true);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const { path } = props;
  const newestId = useRef<string | null>(null);
  newestId.current = state.pending[0]?.id ?? state.statuses[0]?.id ?? null;

  useImperativeHandle(props.ref, () => ({
    showPosted(status: Status) {
      dispatch({ type: 'posted', status });
    },
  }));

  const token = session?.token;
  const load = useCallback(async () => {
    try {
      // The first page may already be on its way (home, started at boot: main.tsx); if that
      // request failed, ask again here, where a refused token signs the person out.
      const prefetched = takePrefetchedPage<Status[]>(path, token);
      const page = await (prefetched
        ? prefetched.catch(() => api.page<Status[]>(path))
        : api.page<Status[]>(path));
      dispatch({ type: 'loaded', statuses: page.items, next: page.next });
    } catch (error) {
      dispatch({ type: 'failed', error });
    }
  }, [api, path, token]);

  useEffect(() => {
    void load();
  }, [load]);

  const streamKey = props.stream ? JSON.stringify(props.stream) : null;
  useEffect(() => {
    if (!token || !streamKey) return;
    return openStream(token, JSON.parse(streamKey) as StreamName, {
      onMessage(message) {
        if (message.event === 'update') dispatch({ type: 'arrived', statuses: [message.status] });
        else if (message.event === 'status.update') dispatch({ type: 'edited', status: message.status });
        else if (message.event === 'delete') dispatch({ type: 'deleted', id: message.id });
      },
      onConnection(connected) {
        setLive(connected);
        // Catch up on what was posted between the first page and the stream (or while it was down).
        if (connected && newestId.current) {
          api.page<Status[]>(withParam(path, 'min_id', newestId.current)).then(
            (page) => dispatch({ type: 'arrived', statuses: page.items }),
            () => undefined,
          );
        }
      },
    });
  }, [api, path, token, streamKey]);

  async function handleLoadMore() {
    if (!state.next) return;
    dispatch({ type: 'loadingMore' });
    try {
      const page = await api.page<Status[]>(state.next);
      dispatch({ type: 'more', statuses: page.items, next: page.next });
    } catch (error) {
      dispatch({ type: 'moreFailed', error });
    }
  }

  function handleShowPending() {
    dispatch({ type: 'showPending' });
    headingRef.current?.scrollIntoView({ behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
    headingRef.current?.focus({ preventScroll: true });
  }

  return (
    <section className="timeline" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {props.heading}
      </h2>
      {props.stream ? (
        <div className="new-posts" role="status">
          {state.pending.length > 0 ? (
            <button type="button" className="new-posts-button" onClick={handleShowPending}>
              {t('home.newPosts', { count: state.pending.length })}
            </button>
          ) : null}
        </div>
      ) : null}
      {!online ? (
        <p className="notice">{t('feed.offline')}</p>
      ) : props.stream && !live ? (
        <p className="notice">{t('home.reconnecting')}</p>
      ) : null}
      {state.phase === 'loading' ? <p className="muted">{t('common.loading')}</p> : null}
      {state.phase === 'error' ? <ErrorNotice error={state.error} onRetry={() => void load()} /> : null}
      {state.phase === 'ready' && state.statuses.length === 0 ? (
        <div className="empty">{props.empty}</div>
      ) : null}
      {state.statuses.length > 0 ? (
        <ol className="feed">
          {state.statuses.map((status) => (
            <li key={status.id}>
              <StatusCard status={status} />
            </li>
          ))}
        </ol>
      ) : null}
      {state.phase === 'ready' && state.statuses.length > 0 ? (
        <div className="feed-end">
          {state.moreError ? <ErrorNotice error={state.moreError} /> : null}
          {state.next ? (
            <button type="button" onClick={handleLoadMore} disabled={state.loadingMore}>
              {state.loadingMore ? t('home.loadingMore') : t('home.loadMore')}
            </button>
          ) : (
            <p className="muted">{props.end ?? t('feed.end')}</p>
          )}
        </div>
      ) : null}
    </section>
  );
}
