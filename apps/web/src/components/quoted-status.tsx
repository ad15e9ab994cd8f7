import type { Status } from '../api/types.ts';
import { useI18n } from '../i18n/context.tsx';
import { Link } from '../router.tsx';

/** A quoted post, compact: who wrote it, its text (behind its warning), a link to it. */
export function QuotedStatus(props: { status: Status }) {
  const { t, formatDateTime } = useI18n();
  const s = props.status;
  const name = s.account.display_name || s.account.username;
  const time = formatDateTime(s.created_at);
  return (
    <blockquote className="quoted-status" aria-label={t('quote.label', { name })}>
      <p className="quoted-head">
        <bdi className="status-name">{name}</bdi>{' '}
        <span className="status-acct" dir="ltr">
          @{s.account.acct}
        </span>
      </p>
      {s.spoiler_text ? (
        <p className="quoted-warning">
          <bdi>{s.spoiler_text}</bdi>
        </p>
      ) : (
        <div
          className="status-content"
          dir="auto"
          lang={s.language ?? undefined}
          // biome-ignore lint/security/noDangerouslySetInnerHtml: the server renders status HTML through its sanitiser (domain/text/render.ts); this is that HTML.
          dangerouslySetInnerHTML={{ __html: s.content }}
        />
      )}
      {s.media_attachments.length > 0 ? (
        <p className="muted">{t('quote.media', { count: s.media_attachments.length })}</p>
      ) : null}
      <Link className="quoted-link" href={`/statuses/${s.id}`}>
        {t('quote.open', { time })}
      </Link>
    </blockquote>
  );
}
