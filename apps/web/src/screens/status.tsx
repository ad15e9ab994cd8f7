import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client.ts';
import type { Status, StatusContext } from '../api/types.ts';
import { useSession } from '../auth/session.tsx';
import { Composer } from '../components/composer.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { PageHeading, useTitle } from '../components/page-heading.tsx';
import { SignInButton } from '../components/sign-in-button.tsx';
import { StatusCard } from '../components/status-card.tsx';
import { useI18n } from '../i18n/context.tsx';
import { Link } from '../router.tsx';

interface Thread {
  status: Status;
  ancestors: Status[];
  descendants: Status[];
}

/** One post with the thread around it: what it answers above, replies below, and a reply box. */
export function StatusScreen(props: { id: string }) {
  const { t } = useI18n();
  const { api, session } = useSession();
  const [thread, setThread] = useState<Thread | null>(null);
  const [error, setError] = useState<unknown>(null);
  useTitle(t('status.title'));

  const load = useCallback(async () => {
    setError(null);
    try {
      const [status, context] = await Promise.all([
        api.request<Status>(`/api/v1/statuses/${props.id}`),
        api.request<StatusContext>(`/api/v1/statuses/${props.id}/context`),
      ]);
      setThread({ status, ancestors: context.ancestors, descendants: context.descendants });
    } catch (err) {
      setError(err);
    }
  }, [api, props.id]);

  useEffect(() => {
    setThread(null);
    void load();
  }, [load]);

  function handleReplied(reply: Status) {
    setThread((current) =>
      current ? { ...current, descendants: [...current.descendants, reply] } : current,
    );
  }

  const missing = error instanceof ApiError && error.status === 404;
  return (
    <>
      <PageHeading>{t('status.title')}</PageHeading>
      {missing ? (
        <div className="notice">
          <p>{t('status.notFound')}</p>
          <Link href="/">{t('status.backHome')}</Link>
        </div>
      ) : error ? (
        <ErrorNotice error={error} onRetry={() => void load()} />
      ) : null}
      {!thread && !error ? <p className="muted">{t('common.loading')}</p> : null}
      {thread ? (
        <>
          <section aria-labelledby="thread-heading">
            <h2 id="thread-heading" className="visually-hidden">
              {t('status.thread')}
            </h2>
            <ol className="thread">
              {thread.ancestors.map((s) => (
                <li key={s.id}>
                  <StatusCard status={s} />
                </li>
              ))}
              <li aria-current="true">
                <StatusCard status={thread.status} focused />
              </li>
            </ol>
          </section>
          {session ? (
            <Composer key={thread.status.id} replyTo={thread.status} onPosted={handleReplied} />
          ) : (
            <div className="notice">
              <p>{t('status.signInToReply')}</p>
              <SignInButton returnTo={`/statuses/${thread.status.id}`} />
            </div>
          )}
          <section aria-labelledby="replies-heading">
            <h2 id="replies-heading">{t('status.replies')}</h2>
            {thread.descendants.length === 0 ? (
              <p className="muted">{t('status.noReplies')}</p>
            ) : (
              <ol className="thread replies">
                {thread.descendants.map((s) => (
                  <li key={s.id}>
                    <StatusCard status={s} />
                  </li>
                ))}
              </ol>
            )}
          </section>
        </>
      ) : null}
    </>
  );
}
