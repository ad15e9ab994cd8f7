import { useCallback, useEffect, useState } from 'react';
import type { Account } from '../api/types.ts';
import { useSession } from '../auth/session.tsx';
import { AccountItem } from '../components/account-item.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { PageHeading, useTitle } from '../components/page-heading.tsx';
import { useI18n } from '../i18n/context.tsx';
import { appendUnseen } from '../lib/ids.ts';
import { Link } from '../router.tsx';

/** Who follows an account, or whom it follows: a page at a time, with "load more". */
export function FollowsScreen(props: { acct: string; which: 'followers' | 'following' }) {
  const { t } = useI18n();
  const { api } = useSession();
  const [account, setAccount] = useState<Account | null>(null);
  const [people, setPeople] = useState<Account[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const { acct, which } = props;
  const name = account ? account.display_name || account.username : `@${acct}`;
  const title =
    which === 'followers' ? t('follows.followersOf', { name }) : t('follows.followingOf', { name });
  useTitle(title);

  const load = useCallback(async () => {
    setError(null);
    setPeople(null);
    try {
      const found = await api.request<Account>(`/api/v1/accounts/lookup?acct=${encodeURIComponent(acct)}`);
      setAccount(found);
      const page = await api.page<Account[]>(`/api/v1/accounts/${found.id}/${which}?limit=40`);
      setPeople(page.items);
      setNext(page.next);
    } catch (err) {
      setError(err);
    }
  }, [api, acct, which]);

  useEffect(() => {
    void load();
  }, [load]);

  async function handleLoadMore() {
    if (!next) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api.page<Account[]>(next);
      setPeople((current) => appendUnseen(current ?? [], page.items));
      setNext(page.next);
    } catch (err) {
      setMoreError(err);
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <>
      <p className="breadcrumb">
        <Link href={`/@${acct}`}>{t('follows.backToProfile', { name })}</Link>
      </p>
      <PageHeading>
        <bdi>{title}</bdi>
      </PageHeading>
      <nav className="switch" aria-label={t('follows.which')}>
        <Link href={`/@${acct}/followers`} aria-current={which === 'followers' ? 'page' : undefined}>
          {t('follows.followers')}
        </Link>
        <Link href={`/@${acct}/following`} aria-current={which === 'following' ? 'page' : undefined}>
          {t('follows.following')}
        </Link>
      </nav>
      {error ? <ErrorNotice error={error} onRetry={() => void load()} /> : null}
      {!people && !error ? <p className="muted">{t('common.loading')}</p> : null}
      {people && people.length === 0 ? (
        <div className="empty">
          <p>{which === 'followers' ? t('follows.noFollowers') : t('follows.noFollowing')}</p>
        </div>
      ) : null}
      {people && people.length > 0 ? (
        <>
          <ul className="account-list">
            {people.map((a) => (
              <li key={a.id}>
                <AccountItem account={a} />
              </li>
            ))}
          </ul>
          <div className="feed-end">
            {moreError ? <ErrorNotice error={moreError} /> : null}
            {next ? (
              <button type="button" onClick={() => void handleLoadMore()} disabled={loadingMore}>
                {loadingMore ? t('common.loading') : t('follows.loadMore')}
              </button>
            ) : null}
          </div>
        </>
      ) : null}
    </>
  );
}
