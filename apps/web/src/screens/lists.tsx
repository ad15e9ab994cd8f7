import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { describeError } from '../api/errors.ts';
import type { List } from '../api/types.ts';
import { useSession } from '../auth/session.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { PageHeading, useTitle } from '../components/page-heading.tsx';
import { useI18n } from '../i18n/context.tsx';
import { Link } from '../router.tsx';

function ListRow(props: { list: List; onChanged(list: List): void; onDeleted(id: string): void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const { list } = props;
  const [mode, setMode] = useState<'view' | 'rename' | 'confirm'>('view');
  const [title, setTitle] = useState(list.title);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const renameRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const previous = useRef(mode);
  const inputId = useId();
  const questionId = useId();

  // Focus follows the person: into the field or the question, and back to the button that opened it.
  useEffect(() => {
    if (mode === 'rename') inputRef.current?.focus();
    else if (mode === 'confirm') keepRef.current?.focus();
    else if (previous.current === 'rename') renameRef.current?.focus();
    else if (previous.current === 'confirm') deleteRef.current?.focus();
    previous.current = mode;
  }, [mode]);

  async function handleRename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!title.trim()) return;
    setBusy(true);
    setError(null);
    try {
      props.onChanged(
        await api.request<List>(`/api/v1/lists/${list.id}`, { method: 'PUT', json: { title: title.trim() } }),
      );
      setMode('view');
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  }

  async function handleDelete() {
    setBusy(true);
    setError(null);
    try {
      await api.request(`/api/v1/lists/${list.id}`, { method: 'DELETE' });
      props.onDeleted(list.id);
    } catch (err) {
      setError(describeError(err, t));
      setBusy(false);
    }
  }

  return (
    <li className="list-row">
      {mode === 'rename' ? (
        <form className="inline-form" onSubmit={(e) => void handleRename(e)}>
          <label htmlFor={inputId}>{t('lists.name')}</label>
          <input
            id={inputId}
            dir="auto"
            ref={inputRef}
            value={title}
            maxLength={100}
            required
            onChange={(e) => setTitle(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setMode('view');
            }}
          />
          <div className="confirm-buttons">
            <button type="submit" className="primary" disabled={busy || !title.trim()}>
              {t('lists.save')}
            </button>
            <button
              type="button"
              onClick={() => {
                setTitle(list.title);
                setMode('view');
              }}
            >
              {t('composer.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="list-row-main">
          <Link className="list-title" href={`/lists/${list.id}`}>
            <bdi>{list.title}</bdi>
          </Link>
          <div className="confirm-buttons">
            <button
              type="button"
              className="small"
              ref={renameRef}
              onClick={() => setMode('rename')}
              disabled={mode === 'confirm'}
            >
              {t('lists.rename')}
              <span className="visually-hidden"> {list.title}</span>
            </button>
            <button
              type="button"
              className="small danger"
              ref={deleteRef}
              onClick={() => setMode('confirm')}
              disabled={mode === 'confirm'}
            >
              {t('lists.delete')}
              <span className="visually-hidden"> {list.title}</span>
            </button>
          </div>
        </div>
      )}
      {mode === 'confirm' ? (
        <div className="confirm">
          <p id={questionId}>{t('lists.confirmDelete', { title: list.title })}</p>
          <div className="confirm-buttons">
            <button
              type="button"
              className="danger-solid"
              onClick={() => void handleDelete()}
              disabled={busy}
            >
              {t('lists.deleteConfirm')}
            </button>
            <button
              type="button"
              className="secondary"
              ref={keepRef}
              aria-describedby={questionId}
              onClick={() => setMode('view')}
            >
              {t('lists.keep')}
            </button>
          </div>
        </div>
      ) : null}
      {error ? (
        <p className="notice error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}

/** The person's lists: make one, rename or delete (after asking), and open one's timeline. */
export function ListsScreen() {
  const { t } = useI18n();
  const { api } = useSession();
  const [lists, setLists] = useState<List[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [title, setTitle] = useState('');
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  useTitle(t('lists.title'));

  const load = useCallback(async () => {
    setError(null);
    try {
      setLists(await api.request<List[]>('/api/v1/lists'));
    } catch (err) {
      setError(err);
    }
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  async function handleCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = title.trim();
    if (!name) return;
    setCreating(true);
    setCreateError(null);
    try {
      const list = await api.request<List>('/api/v1/lists', { json: { title: name } });
      setLists((current) => [...(current ?? []), list]);
      setTitle('');
      setAnnouncement(t('lists.created', { title: list.title }));
    } catch (err) {
      setCreateError(describeError(err, t));
    } finally {
      setCreating(false);
    }
  }

  function handleDeleted(id: string) {
    const gone = lists?.find((l) => l.id === id);
    setLists((current) => (current ?? []).filter((l) => l.id !== id));
    if (gone) setAnnouncement(t('lists.deleted', { title: gone.title }));
    // The row and its buttons are gone: the list's heading keeps the person's place.
    headingRef.current?.focus();
  }

  return (
    <>
      <PageHeading>{t('lists.title')}</PageHeading>
      <p className="muted">{t('lists.intro')}</p>
      <form className="composer create-list" onSubmit={(e) => void handleCreate(e)}>
        <label htmlFor="new-list">{t('lists.newName')}</label>
        <div className="search-row">
          <input
            id="new-list"
            dir="auto"
            value={title}
            maxLength={100}
            onChange={(e) => setTitle(e.target.value)}
            aria-invalid={createError ? true : undefined}
          />
          <button type="submit" className="primary" disabled={creating || !title.trim()}>
            {t('lists.create')}
          </button>
        </div>
        {createError ? (
          <p className="field-error" role="alert">
            {createError}
          </p>
        ) : null}
      </form>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      <section aria-labelledby="lists-heading">
        <h2 id="lists-heading" ref={headingRef} tabIndex={-1}>
          {t('lists.yours')}
        </h2>
        {error ? <ErrorNotice error={error} onRetry={() => void load()} /> : null}
        {!lists && !error ? <p className="muted">{t('common.loading')}</p> : null}
        {lists && lists.length === 0 ? (
          <div className="empty">
            <h3>{t('lists.emptyTitle')}</h3>
            <p>{t('lists.emptyBody')}</p>
          </div>
        ) : null}
        {lists && lists.length > 0 ? (
          <ul className="lists">
            {lists.map((list) => (
              <ListRow
                key={list.id}
                list={list}
                onChanged={(changed) =>
                  setLists((current) => (current ?? []).map((l) => (l.id === changed.id ? changed : l)))
                }
                onDeleted={handleDeleted}
              />
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}
