import { useEffect, useRef, useState } from 'react';
import type { MediaAttachment } from '../api/types.ts';
import { useI18n } from '../i18n/context.tsx';
import type { MessageKey } from '../i18n/index.ts';
import { useDataSaver } from '../lib/data-saver.ts';

const KINDS: Record<MediaAttachment['type'], MessageKey> = {
  image: 'media.kind.image',
  gifv: 'media.kind.gifv',
  video: 'media.kind.video',
  audio: 'media.kind.audio',
  unknown: 'media.kind.unknown',
};

function Attachment(props: { media: MediaAttachment; dataSaver: boolean }) {
  const { t } = useI18n();
  const m = props.media;
  const [tapped, setTapped] = useState(false);
  const loadedRef = useRef<HTMLAnchorElement>(null);
  const kind = t(KINDS[m.type] ?? 'media.kind.unknown');
  const description = m.description?.trim() || null;

  // The button that was pressed is gone: focus moves to what it loaded.
  useEffect(() => {
    if (tapped) loadedRef.current?.focus();
  }, [tapped]);

  if (props.dataSaver && !tapped) {
    return (
      <button type="button" className="media-placeholder" onClick={() => setTapped(true)}>
        <span className="media-kind">{kind}</span>{' '}
        <span className="media-alt" dir="auto">
          {description ?? t('media.noDescription')}
        </span>{' '}
        <span className="media-load">{t('media.tapToLoad')}</span>
      </button>
    );
  }
  if (m.type === 'image' || m.type === 'gifv') {
    return (
      <a href={m.url} ref={loadedRef}>
        <img
          src={m.preview_url ?? m.url}
          alt={description ?? t('status.noDescription')}
          loading={props.dataSaver ? 'eager' : 'lazy'}
        />
      </a>
    );
  }
  return (
    <a href={m.url} ref={loadedRef} className="media-file">
      <span className="media-kind">{kind}</span> <span dir="auto">{description ?? m.url}</span>
    </a>
  );
}

/**
 * A post's attachments. With data saver on, each is a button naming its kind and description, and
 * nothing is downloaded until it is pressed; then the smaller preview loads.
 */
export function MediaList(props: { media: MediaAttachment[] }) {
  const { t } = useI18n();
  const { enabled } = useDataSaver();
  return (
    <ul className="status-media" aria-label={t('status.media')}>
      {props.media.map((m) => (
        <li key={m.id}>
          <Attachment media={m} dataSaver={enabled} />
        </li>
      ))}
    </ul>
  );
}
