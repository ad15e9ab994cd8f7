import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { describeError } from '../api/errors.ts';
import type { Account, Relationship } from '../api/types.ts';
import { useSession } from '../auth/session.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { Feed } from '../components/feed.tsx';
import { PageHeading, useTitle } from '../components/page-heading.tsx';
import { RichContent } from '../components/status-card.tsx';
import { useI18n } from '../i18n/context.tsx';
import { useDataSaver } from '../lib/data-saver.ts';
import { usePreferences } from '../lib/preferences.ts';
import { Link } from '../router.tsx';

function FollowButton(props: { account: Account; onChange(followersDelta: number): void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const [relationship, setRelationship] = useState<Relationship | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = props.account.id;

  useEffect(() => {
    let cancelled = false;
    api.request<Relationship[]>(`/api/v1/accounts/relationships?id[]=${id}`).then(
      (list) => {
        if (!cancelled) setRelationship(list[0] ?? null);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api, id]);

  if (!relationship) return null;
  const isFollowing = relationship.following || relationship.requested;

  async function handleClick() {
    setBusy(true);
    setError(null);
    try {
      const next = await api.request<Relationship>(
        `/api/v1/accounts/${id}/${isFollowing ? 'unfollow' : 'follow'}`,
        {
          method: 'POST',
        },
      );
      if (next.following !== relationship?.following) props.onChange(next.following ? 1 : -1);
      setRelationship(next);
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <button
        type="button"
        className={isFollowing ? 'secondary' : 'primary'}
        onClick={() => void handleClick()}
        disabled={busy}
      >
        {relationship.requested
          ? t('profile.cancelRequest')
          : relationship.following
            ? t('profile.unfollow')
            : t('profile.follow')}
      </button>
      {relationship.followed_by ? <p className="hint">{t('profile.followsYou')}</p> : null}
      {error ? (
        <p className="notice error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A person's page: who they are (name, bio, fields, counts), a follow button, and their posts. */
export function ProfileScreen(props: { acct: string }) {
  const { t } = useI18n();
  const { api, session } = useSession();
  const { hideFollowerCounts } = usePreferences();
  const { enabled: dataSaver } = useDataSaver();
  const [account, setAccount] = useState<Account | null>(null);
  const [error, setError] = useState<unknown>(null);
  useTitle(account ? account.display_name || account.username : t('profile.title'));

  const load = useCallback(async () => {
    setError(null);
    setAccount(null);
    try {
      setAccount(
        await api.request<Account>(`/api/v1/accounts/lookup?acct=${encodeURIComponent(props.acct)}`),
      );
    } catch (err) {
      setError(err);
    }
  }, [api, props.acct]);

  useEffect(() => {
    void load();
  }, [load]);

  if (error instanceof ApiError && error.status === 404) {
    return (
      <>
        <PageHeading>{t('profile.title')}</PageHeading>
        <div className="notice">
          <p>{t('profile.notFound')}</p>
          <Link href="/">{t('status.backHome')}</Link>
        </div>
      </>
    );
  }
  if (error) {
    return (
      <>
        <PageHeading>{t('profile.title')}</PageHeading>
        <ErrorNotice error={error} onRetry={() => void load()} />
      </>
    );
  }
  if (!account) return <p className="muted">{t('common.loading')}</p>;

  const name = account.display_name || account.username;
  const isSelf = session?.account.id === account.id;
  const fields = account.fields ?? [];
  return (
    <>
      <section className="profile" aria-labelledby="profile-name">
        {account.header && !account.header.endsWith('/missing.png') && !dataSaver ? (
          <img className="profile-header" src={account.header} alt="" />
        ) : (
          <div className="profile-header" />
        )}
        <div className="profile-body">
          <div className="profile-top">
            <img className="profile-avatar" src={account.avatar} alt="" width={88} height={88} />
            {session && !isSelf ? (
              <FollowButton
                account={account}
                onChange={(delta) =>
                  setAccount((a) =>
                    a ? { ...a, followers_count: Math.max(0, (a.followers_count ?? 0) + delta) } : a,
                  )
                }
              />
            ) : null}
          </div>
          <div id="profile-name">
            <PageHeading>
              <bdi>{name}</bdi>
            </PageHeading>
          </div>
          <p className="profile-acct" dir="ltr">
            @{account.acct}
            {account.bot ? <span className="badge">{t('profile.bot')}</span> : null}
            {account.locked ? <span className="badge">{t('profile.locked')}</span> : null}
          </p>
          {account.note ? <RichContent className="profile-note" html={account.note} /> : null}
          {fields.length > 0 ? (
            <dl className="profile-fields">
              {fields.map((f) => (
                <div key={`${f.name}\u0000${f.value}`} className="profile-field">
                  <dt dir="auto">{f.name}</dt>
                  <dd>
                    <RichContent className="field-value" html={f.value} />
                    {f.verified_at ? <span className="verified">{t('profile.verified')}</span> : null}
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
          <ul className="profile-counts">
            <li>{t('profile.posts', { count: account.statuses_count ?? 0 })}</li>
            {hideFollowerCounts ? null : (
              <>
                <li>
                  <Link href={`/@${account.acct}/followers`}>
                    {t('profile.followers', { count: account.followers_count ?? 0 })}
                  </Link>
                </li>
                <li>
                  <Link href={`/@${account.acct}/following`}>
                    {t('profile.followingCount', { count: account.following_count ?? 0 })}
                  </Link>
                </li>
              </>
            )}
          </ul>
          {hideFollowerCounts ? (
            <p className="profile-links">
              <Link href={`/@${account.acct}/followers`}>{t('follows.followers')}</Link>
              <Link href={`/@${account.acct}/following`}>{t('follows.following')}</Link>
            </p>
          ) : null}
          {isSelf ? (
            <p className="profile-links">
              <Link href="/settings#profile">{t('profile.edit')}</Link>
            </p>
          ) : null}
        </div>
      </section>
      <Feed
        key={account.id}
        heading={t('profile.postsHeading')}
        path={`/api/v1/accounts/${account.id}/statuses?limit=20`}
        empty={<p>{t('profile.empty')}</p>}
      />
    </>
  );
}
