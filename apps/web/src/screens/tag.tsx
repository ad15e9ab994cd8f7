import { useEffect, useState } from 'react';
import { describeError } from '../api/errors.ts';
import type { Tag } from '../api/types.ts';
import { useSession } from '../auth/session.tsx';
import { Feed } from '../components/feed.tsx';
import { PageHeading, useTitle } from '../components/page-heading.tsx';
import { useI18n } from '../i18n/context.tsx';

/** A hashtag's public posts, live, with a button to follow the tag into the home timeline. */
export function TagScreen(props: { name: string }) {
  const { t } = useI18n();
  const { api, session } = useSession();
  const [tag, setTag] = useState<Tag | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = props.name;
  useTitle(`#${name}`);

  useEffect(() => {
    let cancelled = false;
    setTag(null);
    api.request<Tag>(`/api/v1/tags/${encodeURIComponent(name)}`).then(
      (found) => {
        if (!cancelled) setTag(found);
      },
      // An unknown tag has no posts yet; following it still works.
      () => {
        if (!cancelled) setTag({ name, url: '', following: false });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, name]);

  async function handleFollow() {
    if (!tag) return;
    setBusy(true);
    setError(null);
    try {
      const verb = tag.following ? 'unfollow' : 'follow';
      setTag(await api.request<Tag>(`/api/v1/tags/${encodeURIComponent(name)}/${verb}`, { method: 'POST' }));
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="page-tools">
        <PageHeading>
          <span dir="auto">#{tag?.name ?? name}</span>
        </PageHeading>
        {session && tag ? (
          <button
            type="button"
            className={tag.following ? 'secondary' : 'primary'}
            onClick={() => void handleFollow()}
            disabled={busy}
          >
            {tag.following ? t('tag.unfollow') : t('tag.follow')}
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="notice error" role="alert">
          {error}
        </p>
      ) : null}
      <Feed
        key={name}
        heading={t('tag.posts')}
        path={`/api/v1/timelines/tag/${encodeURIComponent(name)}?limit=20`}
        stream={{ stream: 'hashtag', tag: name }}
        empty={<p>{t('tag.empty', { name })}</p>}
      />
    </>
  );
}
