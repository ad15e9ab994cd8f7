import type { Status } from '../api/types.ts';
import { useI18n } from '../i18n/context.tsx';
import { Link } from '../router.tsx';

function Content(props: { html: string; lang: string | null }) {
  return (
    <div
      className="status-content"
      dir="auto"
      lang={props.lang ?? undefined}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: the server renders status HTML through its sanitiser (domain/text/render.ts); this is that HTML.
      dangerouslySetInnerHTML={{ __html: props.html }}
    />
  );
}

/** One post: author, time (a link to its thread), content behind its warning, media, visibility. */
export function StatusCard(props: { status: Status; focused?: boolean }) {
  const { t, formatDateTime } = useI18n();
  const s = props.status.reblog ?? props.status;
  const name = s.account.display_name || s.account.username;
  const time = formatDateTime(s.created_at);
  const body = (
    <>
      <Content html={s.content} lang={s.language} />
      {s.media_attachments.length > 0 ? (
        <ul className="status-media" aria-label={t('status.media')}>
          {s.media_attachments.map((m) => (
            <li key={m.id}>
              {m.type === 'image' || m.type === 'gifv' ? (
                <a href={m.url}>
                  <img
                    src={m.preview_url ?? m.url}
                    alt={m.description || t('status.noDescription')}
                    loading="lazy"
                  />
                </a>
              ) : (
                <a href={m.url}>{m.description || m.url}</a>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
  return (
    <article className={props.focused ? 'status focused' : 'status'} aria-label={t('status.by', { name })}>
      <header className="status-head">
        <img className="avatar" src={s.account.avatar_static} alt="" width={44} height={44} loading="lazy" />
        <p className="status-author">
          <bdi className="status-name">{name}</bdi>
          <span className="status-acct" dir="ltr">
            @{s.account.acct}
          </span>
        </p>
        <Link className="status-time" href={`/statuses/${s.id}`} aria-label={t('status.open', { time })}>
          <time dateTime={s.created_at}>{time}</time>
        </Link>
      </header>
      {s.spoiler_text ? (
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
    </article>
  );
}
