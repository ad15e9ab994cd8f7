import { type FormEvent, useEffect, useId, useState } from 'react';
import { describeError } from '../api/errors.ts';
import type { Poll } from '../api/types.ts';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/context.tsx';

/**
 * A poll on a post: a vote form while it runs and the reader has not voted (authors cannot vote
 * in their own polls), results otherwise.
 */
export function PollView(props: { poll: Poll; isOwn: boolean }) {
  const { t, formatDateTime } = useI18n();
  const { api, session } = useSession();
  const [poll, setPoll] = useState(props.poll);
  const [choices, setChoices] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  useEffect(() => setPoll(props.poll), [props.poll]);

  const canVote = Boolean(session) && !props.isOwn && !poll.expired && !poll.voted;
  const total = poll.multiple ? (poll.voters_count ?? poll.votes_count) : poll.votes_count;

  async function handleVote(event: FormEvent) {
    event.preventDefault();
    if (choices.length === 0 || busy) return;
    setBusy(true);
    setError(null);
    try {
      setPoll(await api.request<Poll>(`/api/v1/polls/${poll.id}/votes`, { json: { choices } }));
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  }

  const ends = poll.expires_at
    ? poll.expired
      ? t('pollView.ended')
      : t('pollView.ends', { time: formatDateTime(poll.expires_at) })
    : '';
  const summary = `${t('pollView.voters', { count: total })}${ends ? ` · ${ends}` : ''}`;

  if (canVote) {
    return (
      <form className="poll" onSubmit={handleVote}>
        <fieldset>
          <legend className="visually-hidden">{t('pollView.legend')}</legend>
          {poll.options.map((o, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a poll's options never change order.
            <div className="check" key={i}>
              <input
                id={`${id}-${i}`}
                type={poll.multiple ? 'checkbox' : 'radio'}
                name={id}
                checked={choices.includes(i)}
                onChange={(e) =>
                  setChoices((c) =>
                    poll.multiple ? (e.target.checked ? [...c, i] : c.filter((x) => x !== i)) : [i],
                  )
                }
              />
              <label htmlFor={`${id}-${i}`} dir="auto">
                {o.title}
              </label>
            </div>
          ))}
        </fieldset>
        <div className="poll-foot">
          <button type="submit" className="small" disabled={busy || choices.length === 0}>
            {t('pollView.vote')}
          </button>
          <span className="muted">{summary}</span>
        </div>
        {error ? (
          <p className="notice error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
    );
  }

  return (
    <div className="poll">
      <ul className="poll-results">
        {poll.options.map((o, i) => {
          const votes = o.votes_count ?? 0;
          const percent = total > 0 ? Math.round((votes / total) * 100) : 0;
          const mine = poll.own_votes?.includes(i);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a poll's options never change order.
            <li key={i} className={mine ? 'mine' : undefined}>
              <span className="poll-percent">{t('pollView.percent', { percent })}</span> <bdi>{o.title}</bdi>
              {mine ? <span className="muted"> {t('pollView.yourVote')}</span> : null}
            </li>
          );
        })}
      </ul>
      <p className="muted poll-foot">{summary}</p>
    </div>
  );
}
