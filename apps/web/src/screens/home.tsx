import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { openUserStream } from '../api/streaming.ts';
import type { Status } from '../api/types.ts';
import { useSession } from '../auth/session.tsx';
import { Composer } from '../components/composer.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { PageHeading, useTitle } from '../components/page-heading.tsx';
import { StatusCard } from '../components/status-card.tsx';
import { useI18n } from '../i18n/context.tsx';
import { initialTimeline, timelineReducer } from '../lib/timeline.ts';

const PAGE = '/api/v1/timelines/home?limit=20';

function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Home: the composer, then the home timeline, newest first, live, with "load more". */
export function HomeScreen() {
  const { t } = useI18n();
  const { api, session } = useSession();
  const [state, dispatch] = useReducer(timelineReducer, initialTimeline);
  const [live, setLive] = useState(true);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const newestId = useRef<string | null>(null);
  newestId.current = state.pending[0]?.id ?? state.statuses[0]?.id ?? null;
  useTitle(t('home.title'));

  const load = useCallback(async () => {
    try {
      const page = await api.page<Status[]>(PAGE);
      dispatch({ type: 'loaded', statuses: page.items, next: page.next });
    } catch (error) {
      dispatch({ type: 'failed', error });
    }
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  const token = session?.token;
  useEffect(() => {
    if (!token) return;
    return openUserStream(token, {
      onMessage(message) {
        if (message.event === 'update') dispatch({ type: 'arrived', statuses: [message.status] });
        else if (message.event === 'status.update') dispatch({ type: 'edited', status: message.status });
        else if (message.event === 'delete') dispatch({ type: 'deleted', id: message.id });
      },
      onConnection(connected, reconnected) {
        setLive(connected);
        // Catch up on what was posted while the connection was down.
        if (connected && reconnected && newestId.current) {
          api.page<Status[]>(`${PAGE}&min_id=${newestId.current}`).then(
            (page) => dispatch({ type: 'arrived', statuses: page.items }),
            () => undefined,
          );
        }
      },
    });
  }, [api, token]);

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
    <>
      <PageHeading className="visually-hidden">{t('home.title')}</PageHeading>
      <Composer onPosted={(status) => dispatch({ type: 'posted', status })} />
      <div className="new-posts" role="status">
        {state.pending.length > 0 ? (
          <button type="button" className="new-posts-button" onClick={handleShowPending}>
            {t('home.newPosts', { count: state.pending.length })}
          </button>
        ) : null}
      </div>
      <section className="timeline" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading" ref={headingRef} tabIndex={-1}>
          {t('home.timeline')}
        </h2>
        {live ? null : <p className="notice">{t('home.reconnecting')}</p>}
        {state.phase === 'loading' ? <p className="muted">{t('common.loading')}</p> : null}
        {state.phase === 'error' ? <ErrorNotice error={state.error} onRetry={() => void load()} /> : null}
        {state.phase === 'ready' && state.statuses.length === 0 ? (
          <div className="empty">
            <h3>{t('home.emptyTitle')}</h3>
            <p>{t('home.emptyBody')}</p>
          </div>
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
              <p className="muted">{t('home.end')}</p>
            )}
          </div>
        ) : null}
      </section>
    </>
  );
}
