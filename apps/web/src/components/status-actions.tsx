import { useEffect, useId, useRef, useState } from 'react';
import { describeError } from '../api/errors.ts';
import type { Status } from '../api/types.ts';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/context.tsx';
import type { MessageKey } from '../i18n/index.ts';
import {
  type Interaction,
  type InteractionState,
  interactionPath,
  interactionsOf,
  toggled,
} from '../lib/interactions.ts';
import { usePreferences } from '../lib/preferences.ts';

// NOTE: toggle buttons keep one name; aria-pressed (and the styling) says whether it is on.
const LABELS: Record<Interaction, MessageKey> = {
  favourite: 'actions.like',
  reblog: 'actions.boost',
  bookmark: 'actions.bookmark',
};

/**
 * Like, boost and bookmark (the button changes at once and goes back if the server refuses), and
 * for one's own post, edit and delete (delete asks first).
 */
export function StatusActions(props: {
  status: Status;
  onEdit(): void;
  onDeleted(): void;
  editing: boolean;
  /** Opens the composer with this post quoted; absent where quoting is not offered. */
  onQuote?(): void;
  quoting?: boolean;
}) {
  const { t } = useI18n();
  const { api, session } = useSession();
  const { hideCounts } = usePreferences();
  const s = props.status;
  const [state, setState] = useState<InteractionState>(() => interactionsOf(s));
  const [busy, setBusy] = useState<Interaction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  const questionId = useId();
  const deleteRef = useRef<HTMLButtonElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const quoteRef = useRef<HTMLButtonElement>(null);

  // A newer copy of the post (a live edit, a reload) brings the server's counts.
  useEffect(() => {
    setState(interactionsOf(s));
  }, [s]);

  useEffect(() => {
    if (confirming) keepRef.current?.focus();
  }, [confirming]);

  // Leaving the editor (saved or cancelled) puts focus back on the Edit button that opened it.
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && !props.editing) editRef.current?.focus();
    wasEditing.current = props.editing;
  }, [props.editing]);

  // The same for the quote composer.
  const wasQuoting = useRef(false);
  useEffect(() => {
    if (wasQuoting.current && !props.quoting) quoteRef.current?.focus();
    wasQuoting.current = Boolean(props.quoting);
  }, [props.quoting]);

  if (!session) return null;
  const isOwn = s.account.id === session.account.id;
  const canBoost =
    s.visibility === 'public' || s.visibility === 'unlisted' || (isOwn && s.visibility === 'private');

  async function handleToggle(which: Interaction) {
    if (busy) return;
    const before = state;
    const after = toggled(state, which);
    setState(after);
    setBusy(which);
    setError(null);
    const isOn =
      which === 'favourite' ? after.favourited : which === 'reblog' ? after.reblogged : after.bookmarked;
    try {
      const answer = await api.request<Status>(interactionPath(s.id, which, isOn), { method: 'POST' });
      // A boost answers with the boost wrapping the post.
      const updated = answer.reblog && answer.reblog.id === s.id ? answer.reblog : answer;
      if (updated.id === s.id) setState(interactionsOf(updated));
    } catch (err) {
      setState(before);
      setError(describeError(err, t));
    } finally {
      setBusy(null);
    }
  }

  async function handleDelete() {
    setDeleting(true);
    setError(null);
    try {
      await api.request(`/api/v1/statuses/${s.id}`, { method: 'DELETE' });
      props.onDeleted();
    } catch (err) {
      setError(describeError(err, t));
      setDeleting(false);
      setConfirming(false);
    }
  }

  function countOf(which: Interaction): number | null {
    if (hideCounts || which === 'bookmark') return null;
    const count = which === 'favourite' ? state.favourites_count : state.reblogs_count;
    return count > 0 ? count : null;
  }

  function toggle(which: Interaction, isOn: boolean, disabled = false) {
    const count = countOf(which);
    return (
      <button
        type="button"
        className={`action action-${which}`}
        aria-pressed={isOn}
        disabled={disabled}
        onClick={() => void handleToggle(which)}
      >
        {t(LABELS[which])}
        {count !== null ? <span className="action-count"> {t('actions.count', { count })}</span> : null}
      </button>
    );
  }

  return (
    <div className="status-actions">
      <div className="action-row">
        {toggle('favourite', state.favourited)}
        {toggle('reblog', state.reblogged, !canBoost)}
        {props.onQuote && s.quote_approval?.current_user === 'automatic' ? (
          <button
            type="button"
            className="action"
            ref={quoteRef}
            aria-expanded={Boolean(props.quoting)}
            onClick={props.onQuote}
          >
            {t('actions.quote')}
          </button>
        ) : null}
        {toggle('bookmark', state.bookmarked)}
        {isOwn && !props.editing ? (
          <>
            <button type="button" className="action" ref={editRef} onClick={props.onEdit}>
              {t('actions.edit')}
            </button>
            <button
              type="button"
              className="action danger"
              ref={deleteRef}
              aria-expanded={confirming}
              onClick={() => setConfirming(true)}
            >
              {t('actions.delete')}
            </button>
          </>
        ) : null}
      </div>
      {confirming ? (
        <div className="confirm">
          <p id={questionId}>{t('actions.confirmDelete')}</p>
          <div className="confirm-buttons">
            <button
              type="button"
              className="danger-solid"
              onClick={() => void handleDelete()}
              disabled={deleting}
            >
              {deleting ? t('actions.deleting') : t('actions.deleteConfirm')}
            </button>
            <button
              type="button"
              className="secondary"
              ref={keepRef}
              aria-describedby={questionId}
              onClick={() => {
                setConfirming(false);
                deleteRef.current?.focus();
              }}
            >
              {t('actions.keep')}
            </button>
          </div>
        </div>
      ) : null}
      {error ? (
        <p className="notice error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
