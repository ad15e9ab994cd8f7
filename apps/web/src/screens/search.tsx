import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import type { Account, Status, Tag } from '../api/types.ts';
import { useSession } from '../auth/session.tsx';
import { AccountItem } from '../components/account-item.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { PageHeading, useTitle } from '../components/page-heading.tsx';
import { StatusCard } from '../components/status-card.tsx';
import { useI18n } from '../i18n/context.tsx';
import { Link, navigate } from '../router.tsx';

interface Results {
  accounts: Account[];
  hashtags: Tag[];
  statuses: Status[];
}

function Section(props: { heading: string; empty: string; count: number; children: ReactNode }) {
  const id = useId();
  return (
    <section className="search-section" aria-labelledby={id}>
      <h2 id={id}>{props.heading}</h2>
      {props.count === 0 ? <p className="muted">{props.empty}</p> : props.children}
    </section>
  );
}

/** Search people, hashtags and posts (GET /api/v2/search); the query lives in the address. */
export function SearchScreen(props: { search: string }) {
  const { t } = useI18n();
  const { api } = useSession();
  const q = (new URLSearchParams(props.search).get('q') ?? '').trim();
  const [text, setText] = useState(q);
  const [results, setResults] = useState<Results | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useTitle(q ? t('search.titleFor', { q }) : t('search.title'));

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry button's nudge.
  useEffect(() => {
    setText(q);
    setResults(null);
    setError(null);
    if (!q) return;
    const controller = new AbortController();
    api
      .request<Results>(`/api/v2/search?q=${encodeURIComponent(q)}&limit=20`, { signal: controller.signal })
      .then(setResults, (err: unknown) => {
        if (!controller.signal.aborted) setError(err);
      });
    return () => controller.abort();
  }, [api, q, attempt]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = text.trim();
    if (!next) return;
    if (next === q) setAttempt((n) => n + 1);
    else navigate(`/search?q=${encodeURIComponent(next)}`);
  }

  const total = results ? results.accounts.length + results.hashtags.length + results.statuses.length : 0;
  return (
    <>
      <PageHeading>{t('search.title')}</PageHeading>
      <search>
        <form className="search-form" onSubmit={handleSubmit}>
          <div className="search-row">
            <label htmlFor="search-q" className="visually-hidden">
              {t('search.label')}
            </label>
            <input
              id="search-q"
              dir="auto"
              type="search"
              name="q"
              value={text}
              maxLength={500}
              autoComplete="off"
              aria-describedby="search-hint"
              onChange={(e) => setText(e.target.value)}
            />
            <button type="submit" className="primary">
              {t('search.submit')}
            </button>
          </div>
          <p className="hint" id="search-hint">
            {t('search.hint')}
          </p>
        </form>
      </search>
      <p className="visually-hidden" role="status">
        {results ? (total === 0 ? t('search.noneTitle') : t('search.found', { count: total })) : ''}
      </p>
      {!q ? (
        <div className="empty">
          <h2>{t('search.startTitle')}</h2>
          <p>{t('search.startBody')}</p>
        </div>
      ) : null}
      {q && !results && !error ? <p className="muted">{t('common.loading')}</p> : null}
      {error ? <ErrorNotice error={error} onRetry={() => setAttempt((n) => n + 1)} /> : null}
      {results && total === 0 ? (
        <div className="empty">
          <h2>{t('search.noneTitle')}</h2>
          <p>{t('search.none', { q })}</p>
        </div>
      ) : null}
      {results && total > 0 ? (
        <>
          <Section
            heading={t('search.accounts')}
            empty={t('search.noAccounts')}
            count={results.accounts.length}
          >
            <ul className="account-list">
              {results.accounts.map((a) => (
                <li key={a.id}>
                  <AccountItem account={a} />
                </li>
              ))}
            </ul>
          </Section>
          <Section
            heading={t('search.hashtags')}
            empty={t('search.noHashtags')}
            count={results.hashtags.length}
          >
            <ul className="tag-list">
              {results.hashtags.map((tag) => (
                <li key={tag.name}>
                  <Link href={`/tags/${encodeURIComponent(tag.name)}`} dir="auto">
                    #{tag.name}
                  </Link>
                </li>
              ))}
            </ul>
          </Section>
          <Section heading={t('search.posts')} empty={t('search.noPosts')} count={results.statuses.length}>
            <ol className="feed">
              {results.statuses.map((s) => (
                <li key={s.id}>
                  <StatusCard status={s} />
                </li>
              ))}
            </ol>
          </Section>
        </>
      ) : null}
    </>
  );
}
