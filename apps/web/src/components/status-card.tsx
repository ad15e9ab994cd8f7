import { type MouseEvent, useEffect, useRef, useState } from 'react';
import { describeError } from '../api/errors.ts';
import type { Status, StatusSource } from '../api/types.ts';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/context.tsx';
import { inAppHref } from '../lib/links.ts';
import { Link, navigate } from '../router.tsx';
import { Composer } from './composer.tsx';
import { MediaList } from './media-list.tsx';
import { PollView } from './poll-view.tsx';
import { QuotedStatus } from './quoted-status.tsx';
import { StatusActions } from './status-actions.tsx';

/** Post HTML; hashtag and mention links inside it open Rounds' own pages without a reload. */
export function RichContent(props: {
  html: string;
  lang?: string | null;
  className: string;
  status?: Status;
}) {
  function handleClick(event: MouseEvent<HTMLDivElement>) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element).closest('a');
    if (!anchor) return;
    const href = inAppHref(anchor, props.status, location.origin);
    if (!href) return;
    event.preventDefault();
    navigate(href);
  }
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useKeyWithClickEvents: delegates clicks of the links inside, which keep their own keyboard behaviour (Enter fires click).
    <div
      className={props.className}
      dir="auto"
      lang={props.lang ?? undefined}
      onClick={handleClick}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: the server renders status HTML through its sanitiser (domain/text/render.ts); this is that HTML.
      dangerouslySetInnerHTML={{ __html: props.html }}
    />
  );
}

/** Whichever copy of the post was edited last (a live edit and one's own save can cross). */
function newer(a: Status, b: Status | null): Status {
  if (!b) return a;
  return (b.edited_at ?? '') > (a.edited_at ?? '') ? b : a;
}

/**
 * One post: author, time (a link to its thread), content behind its warning, media, visibility,
 * and the actions a signed-in reader can take on it.
 */
export function StatusCard(props: { status: Status; focused?: boolean }) {
  const { t, formatDateTime } = useI18n();
  const { api, session } = useSession();
  const [saved, setSaved] = useState<Status | null>(null);
  const [source, setSource] = useState<StatusSource | null>(null);
  const [deleted, setDeleted] = useState(false);
  const [editError, setEditError] = useState<string | null>(null);
  const [quoting, setQuoting] = useState(false);
  const [quotedBy, setQuotedBy] = useState<Status | null>(null);
  const deletedRef = useRef<HTMLParagraphElement>(null);

  // The deleted post's place takes focus, so keyboard users are not dropped at the top of the page.
  useEffect(() => {
    if (deleted) deletedRef.current?.focus();
  }, [deleted]);
  const boost = props.status.reblog ? props.status : null;
  const s = newer(props.status.reblog ?? props.status, saved);
  const name = s.account.display_name || s.account.username;
  const time = formatDateTime(s.created_at);

  if (deleted) {
    return (
      <p className="status deleted muted" role="status" tabIndex={-1} ref={deletedRef}>
        {t('status.deleted')}
      </p>
    );
  }

  async function handleEdit() {
    setEditError(null);
    try {
      setSource(await api.request<StatusSource>(`/api/v1/statuses/${s.id}/source`));
    } catch (err) {
      setEditError(describeError(err, t));
    }
  }

  const body = (
    <>
      <RichContent className="status-content" html={s.content} lang={s.language} status={s} />
      {s.media_attachments.length > 0 ? <MediaList media={s.media_attachments} /> : null}
      {s.poll ? <PollView poll={s.poll} isOwn={s.account.id === session?.account.id} /> : null}
      {s.quote?.quoted_status ? <QuotedStatus status={s.quote.quoted_status} /> : null}
    </>
  );
  return (
    <article className={props.focused ? 'status focused' : 'status'} aria-label={t('status.by', { name })}>
      {boost ? (
        <p className="status-boosted muted">
          {t('status.boostedBy', { name: boost.account.display_name || boost.account.username })}
        </p>
      ) : null}
      <header className="status-head">
        <img className="avatar" src={s.account.avatar_static} alt="" width={44} height={44} loading="lazy" />
        <p className="status-author">
          <Link className="status-name" href={`/@${s.account.acct}`}>
            <bdi>{name}</bdi>
          </Link>
          <span className="status-acct" dir="ltr">
            @{s.account.acct}
          </span>
        </p>
        <Link className="status-time" href={`/statuses/${s.id}`} aria-label={t('status.open', { time })}>
          <time dateTime={s.created_at}>{time}</time>
        </Link>
      </header>
      {source ? (
        <Composer
          editing={{ status: s, source }}
          onPosted={(status) => {
            setSaved(status);
            setSource(null);
          }}
          onCancel={() => setSource(null)}
        />
      ) : s.spoiler_text ? (
        <details className="status-warning">
          <summary>
            <bdi>{s.spoiler_text}</bdi> <span className="summary-action">{t('status.showMore')}</span>
          </summary>
          {body}
        </details>
      ) : (
        body
      )}
      <footer className="status-foot">
        {s.visibility !== 'public' ? (
          <span className="badge">{t(`visibility.badge.${s.visibility}`)}</span>
        ) : null}
        {s.edited_at ? <span className="muted">{t('status.edited')}</span> : null}
        {props.focused ? null : (
          <Link className="status-replies" href={`/statuses/${s.id}`}>
            {s.replies_count > 0 ? t('status.replyCount', { count: s.replies_count }) : t('status.reply')}
          </Link>
        )}
      </footer>
      {session ? (
        <StatusActions
          status={s}
          editing={source !== null}
          onEdit={() => void handleEdit()}
          onDeleted={() => setDeleted(true)}
          quoting={quoting}
          onQuote={() => {
            setQuotedBy(null);
            setQuoting((q) => !q);
          }}
        />
      ) : null}
      {quoting ? (
        <Composer
          quote={s}
          onPosted={(status) => {
            setQuotedBy(status);
            setQuoting(false);
          }}
          onCancel={() => setQuoting(false)}
        />
      ) : null}
      {quotedBy ? (
        <p className="notice" role="status">
          {t('quote.posted')} <Link href={`/statuses/${quotedBy.id}`}>{t('quote.openPosted')}</Link>
        </p>
      ) : null}
      {editError ? (
        <p className="notice error" role="alert">
          {editError}
        </p>
      ) : null}
    </article>
  );
}
