import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { describeError } from '../api/errors.ts';
import type { Account, List } from '../api/types.ts';
import { useSession } from '../auth/session.tsx';
import { AccountItem } from '../components/account-item.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { Feed } from '../components/feed.tsx';
import { PageHeading, useTitle } from '../components/page-heading.tsx';
import { useI18n } from '../i18n/context.tsx';
import { Link } from '../router.tsx';

interface People {
  /** Members first, then the people one follows who are not in the list; the order stays put while editing. */
  accounts: Account[];
  members: Set<string>;
}

function MemberButton(props: {
  list: List;
  account: Account;
  member: boolean;
  onChange(member: boolean): void;
}) {
  const { t } = useI18n();
  const { api } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = props.account.display_name || props.account.username;

  async function handleClick() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.request(`/api/v1/lists/${props.list.id}/accounts`, {
        method: props.member ? 'DELETE' : 'POST',
        json: { account_ids: [props.account.id] },
      });
      props.onChange(!props.member);
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className={props.member ? 'small' : 'small primary'}
        onClick={() => void handleClick()}
        // NOTE: aria-disabled, not disabled: a disabled button drops the keyboard focus it holds.
        aria-disabled={busy}
      >
        {props.member ? t('list.remove') : t('list.add')}
        <span className="visually-hidden"> {name}</span>
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** Who is in the list, among the people one follows (a list only holds people one follows). */
function Members(props: { list: List; onChanged(): void }) {
  const { t } = useI18n();
  const { api, session } = useSession();
  const [people, setPeople] = useState<People | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const me = session?.account.id;
  const listId = props.list.id;

  const load = useCallback(async () => {
    if (!me) return;
    setError(null);
    try {
      const [members, following] = await Promise.all([
        api.request<Account[]>(`/api/v1/lists/${listId}/accounts?limit=0`),
        api.request<Account[]>(`/api/v1/accounts/${me}/following?limit=80`),
      ]);
      const ids = new Set(members.map((a) => a.id));
      setPeople({ accounts: [...members, ...following.filter((a) => !ids.has(a.id))], members: ids });
    } catch (err) {
      setError(err);
    }
  }, [api, listId, me]);

  useEffect(() => {
    void load();
  }, [load]);

  const shown = useMemo(() => {
    const needle = filter.trim().toLocaleLowerCase();
    if (!people || !needle) return people?.accounts ?? [];
    return people.accounts.filter((a) => `${a.display_name} ${a.acct}`.toLocaleLowerCase().includes(needle));
  }, [people, filter]);

  function handleChange(id: string, member: boolean) {
    setPeople((current) => {
      if (!current) return current;
      const members = new Set(current.members);
      if (member) members.add(id);
      else members.delete(id);
      return { ...current, members };
    });
    props.onChanged();
  }

  if (error) return <ErrorNotice error={error} onRetry={() => void load()} />;
  if (!people) return <p className="muted">{t('common.loading')}</p>;
  return (
    <>
      <p role="status">
        {people.members.size === 0
          ? t('list.noMembers')
          : t('list.memberCount', { count: people.members.size })}
      </p>
      {people.accounts.length === 0 ? (
        <p className="muted">{t('list.followNobody')}</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor={filterId}>{t('list.filter')}</label>
            <input
              id={filterId}
              type="search"
              value={filter}
              autoComplete="off"
              onChange={(e) => setFilter(e.target.value)}
            />
          </div>
          <ul className="account-list">
            {shown.map((a) => (
              <li key={a.id}>
                <AccountItem account={a}>
                  <MemberButton
                    list={props.list}
                    account={a}
                    member={people.members.has(a.id)}
                    onChange={(member) => handleChange(a.id, member)}
                  />
                </AccountItem>
              </li>
            ))}
          </ul>
          {shown.length === 0 ? <p className="muted">{t('list.noMatch')}</p> : null}
        </>
      )}
    </>
  );
}

/** One list: its timeline, live, and who is in it. */
export function ListScreen(props: { id: string }) {
  const { t } = useI18n();
  const { api } = useSession();
  const [list, setList] = useState<List | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [managing, setManaging] = useState(false);
  // Changed members show in the timeline once the panel closes (reloading under the person's hands would not).
  const [dirty, setDirty] = useState(false);
  const [feedVersion, setFeedVersion] = useState(0);
  const panelId = useId();
  useTitle(list ? list.title : t('lists.title'));

  const load = useCallback(async () => {
    setError(null);
    try {
      setList(await api.request<List>(`/api/v1/lists/${props.id}`));
    } catch (err) {
      setError(err);
    }
  }, [api, props.id]);

  useEffect(() => {
    setList(null);
    void load();
  }, [load]);

  if (error instanceof ApiError && error.status === 404) {
    return (
      <>
        <PageHeading>{t('lists.title')}</PageHeading>
        <div className="notice">
          <p>{t('list.notFound')}</p>
          <Link href="/lists">{t('list.back')}</Link>
        </div>
      </>
    );
  }
  if (error) {
    return (
      <>
        <PageHeading>{t('lists.title')}</PageHeading>
        <ErrorNotice error={error} onRetry={() => void load()} />
      </>
    );
  }
  if (!list) return <p className="muted">{t('common.loading')}</p>;

  return (
    <>
      <p className="breadcrumb">
        <Link href="/lists">{t('list.back')}</Link>
      </p>
      <div className="page-tools">
        <PageHeading>
          <bdi>{list.title}</bdi>
        </PageHeading>
        <button
          type="button"
          aria-expanded={managing}
          aria-controls={panelId}
          onClick={() => {
            if (managing && dirty) {
              setFeedVersion((v) => v + 1);
              setDirty(false);
            }
            setManaging(!managing);
          }}
        >
          {managing ? t('list.doneManaging') : t('list.manage')}
        </button>
      </div>
      <section id={panelId} className="panel" aria-label={t('list.members')} hidden={!managing}>
        {managing ? (
          <>
            <h2>{t('list.members')}</h2>
            <Members list={list} onChanged={() => setDirty(true)} />
          </>
        ) : null}
      </section>
      <Feed
        key={`${list.id}:${feedVersion}`}
        heading={t('list.posts')}
        path={`/api/v1/timelines/list/${list.id}?limit=20`}
        stream={{ stream: 'list', list: list.id }}
        empty={<p>{t('list.empty')}</p>}
      />
    </>
  );
}
