import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { openStream } from '../api/streaming.ts';
import type { Marker, Notification } from '../api/types.ts';
import { useSession } from '../auth/session.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { PageHeading, useTitle } from '../components/page-heading.tsx';
import { RichContent, StatusCard } from '../components/status-card.tsx';
import { useI18n } from '../i18n/context.tsx';
import type { MessageKey } from '../i18n/index.ts';
import { appendUnseen, isNewerId } from '../lib/ids.ts';
import { useQuietNow } from '../lib/quiet-hours.ts';
import { Link } from '../router.tsx';

const PAGE = '/api/v1/notifications?limit=20';
const PLACEHOLDER = '\u0000';

const LINES: Record<string, MessageKey> = {
  mention: 'notifications.mention',
  status: 'notifications.status',
  reblog: 'notifications.reblog',
  follow: 'notifications.follow',
  follow_request: 'notifications.followRequest',
  favourite: 'notifications.favourite',
  poll: 'notifications.poll',
  update: 'notifications.update',
  quote: 'notifications.quote',
  quoted_update: 'notifications.quotedUpdate',
};

/** Types whose post is shown whole (it is new to the reader); others quote the reader's own post. */
const SHOWS_POST = new Set(['mention', 'status', 'update', 'quote', 'quoted_update']);

function NotificationItem(props: { notification: Notification; unread: boolean }) {
  const { t, formatDateTime } = useI18n();
  const n = props.notification;
  const name = n.account.display_name || n.account.username;
  // The sentence is translated whole; the name goes where the language puts it, as a link.
  const [before, after] = t(LINES[n.type] ?? 'notifications.other', { name: PLACEHOLDER }).split(PLACEHOLDER);
  const who: ReactNode = (
    <Link href={`/@${n.account.acct}`}>
      <bdi>{name}</bdi>
    </Link>
  );
  const status = n.status ?? null;
  return (
    <article
      className={props.unread ? 'notification unread' : 'notification'}
      aria-label={t(LINES[n.type] ?? 'notifications.other', { name })}
    >
      <p className="notification-line">
        {props.unread ? <span className="unread-badge">{t('notifications.new')}</span> : null}
        <span>
          {before}
          {after !== undefined ? who : null}
          {after}
        </span>
        <time dateTime={n.created_at}>{formatDateTime(n.created_at)}</time>
      </p>
      {status && SHOWS_POST.has(n.type) ? <StatusCard status={status} /> : null}
      {status && !SHOWS_POST.has(n.type) ? (
        <blockquote className="notification-quote">
          <RichContent
            className="status-content"
            html={status.content}
            lang={status.language}
            status={status}
          />
          <Link href={`/statuses/${status.id}`}>{t('notifications.openPost')}</Link>
        </blockquote>
      ) : null}
    </article>
  );
}

/** Adds notifications to the list once each, newest first. */
function mergeNewest(current: Notification[] | null, arrived: Notification[]): Notification[] {
  const known = new Set((current ?? []).map((n) => n.id));
  const fresh = arrived.filter((n) => !known.has(n.id));
  return [...fresh, ...(current ?? [])].sort((a, b) => (isNewerId(a.id, b.id) ? -1 : a.id === b.id ? 0 : 1));
}

/** Notifications, newest first, live; opening the screen marks them read on every device. */
export function NotificationsScreen() {
  const { t } = useI18n();
  const { api, session } = useSession();
  const [items, setItems] = useState<Notification[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [readBefore, setReadBefore] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [live, setLive] = useState(true);
  // Live notifications that arrive during quiet hours wait here, unannounced, until they end.
  const [held, setHeld] = useState<Notification[]>([]);
  const heldRef = useRef<Notification[]>([]);
  const quiet = useQuietNow();
  const quietRef = useRef(quiet);
  quietRef.current = quiet;
  const markedRef = useRef<string | null>(null);
  const newestRef = useRef<string | null>(null);
  const loadedRef = useRef(false);
  newestRef.current = items?.[0]?.id ?? null;
  useTitle(t('notifications.title'));

  const markRead = useCallback(
    (id: string) => {
      if (!isNewerId(id, markedRef.current)) return;
      markedRef.current = id;
      api
        .request('/api/v1/markers', { json: { notifications: { last_read_id: id } } })
        .catch(() => undefined);
    },
    [api],
  );

  const load = useCallback(async () => {
    setError(null);
    try {
      const [markers, page] = await Promise.all([
        api
          .request<Record<string, Marker>>('/api/v1/markers?timeline[]=notifications')
          .catch(() => ({}) as Record<string, Marker>),
        api.page<Notification[]>(PAGE),
      ]);
      const lastRead = markers.notifications?.last_read_id ?? null;
      markedRef.current = lastRead;
      setReadBefore(lastRead);
      setItems((current) => mergeNewest(current, page.items));
      setNext(page.next);
      loadedRef.current = true;
      if (page.items[0]) markRead(page.items[0].id);
    } catch (err) {
      setError(err);
    }
  }, [api, markRead]);

  useEffect(() => {
    void load();
  }, [load]);

  const token = session?.token;
  useEffect(() => {
    if (!token) return;
    return openStream(
      token,
      { stream: 'user:notification' },
      {
        onMessage(message) {
          if (message.event !== 'notification') return;
          const n = message.notification;
          if (quietRef.current) {
            if (!heldRef.current.some((h) => h.id === n.id)) {
              heldRef.current = [...heldRef.current, n];
              setHeld(heldRef.current);
            }
            return;
          }
          setItems((current) => mergeNewest(current, [n]));
          const name = n.account.display_name || n.account.username;
          setAnnouncement(t(LINES[n.type] ?? 'notifications.other', { name }));
          if (document.visibilityState === 'visible') markRead(n.id);
        },
        onConnection(connected) {
          setLive(connected);
          // Catch up on what arrived between the first page and the stream (or while it was down).
          if (!connected || !loadedRef.current) return;
          const since = newestRef.current ? `&min_id=${newestRef.current}` : '';
          api.page<Notification[]>(`${PAGE}${since}`).then(
            (page) => {
              if (page.items.length === 0) return;
              setItems((current) => mergeNewest(current, page.items));
              const newest = page.items.reduce(
                (a, b) => (isNewerId(b.id, a) ? b.id : a),
                page.items[0]?.id ?? '',
              );
              if (document.visibilityState === 'visible') markRead(newest);
            },
            () => undefined,
          );
        },
      },
    );
  }, [api, token, markRead, t]);

  const showHeld = useCallback(() => {
    const current = heldRef.current;
    if (current.length === 0) return;
    heldRef.current = [];
    setHeld([]);
    setItems((items) => mergeNewest(items, current));
    const newest = current.reduce((a, b) => (isNewerId(b.id, a) ? b.id : a), current[0]?.id ?? '');
    if (document.visibilityState === 'visible') markRead(newest);
  }, [markRead]);

  useEffect(() => {
    if (!quiet) showHeld();
  }, [quiet, showHeld]);

  async function handleLoadMore() {
    if (!next) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api.page<Notification[]>(next);
      setItems((current) => appendUnseen(current ?? [], page.items));
      setNext(page.next);
    } catch (err) {
      setMoreError(err);
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <>
      <PageHeading>{t('notifications.title')}</PageHeading>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {live ? null : <p className="notice">{t('home.reconnecting')}</p>}
      {quiet ? (
        <div className="notice quiet">
          <p>
            {t('notifications.quiet')}
            {held.length > 0 ? ` ${t('notifications.held', { count: held.length })}` : ''}
          </p>
          {held.length > 0 ? (
            <button type="button" onClick={showHeld}>
              {t('notifications.showHeld', { count: held.length })}
            </button>
          ) : null}
        </div>
      ) : null}
      {error ? <ErrorNotice error={error} onRetry={() => void load()} /> : null}
      {!items && !error ? <p className="muted">{t('common.loading')}</p> : null}
      {items && items.length === 0 ? (
        <div className="empty">
          <h2>{t('notifications.emptyTitle')}</h2>
          <p>{t('notifications.emptyBody')}</p>
        </div>
      ) : null}
      {items && items.length > 0 ? (
        <>
          <ol className="feed" aria-label={t('notifications.title')}>
            {items.map((n) => (
              <li key={n.id}>
                <NotificationItem notification={n} unread={isNewerId(n.id, readBefore)} />
              </li>
            ))}
          </ol>
          <div className="feed-end">
            {moreError ? <ErrorNotice error={moreError} /> : null}
            {next ? (
              <button type="button" onClick={handleLoadMore} disabled={loadingMore}>
                {loadingMore ? t('notifications.loadingMore') : t('notifications.loadMore')}
              </button>
            ) : (
              <p className="muted">{t('notifications.end')}</p>
            )}
          </div>
        </>
      ) : null}
    </>
  );
}
