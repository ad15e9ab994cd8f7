import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { describeError } from '../api/errors.ts';
import { useInstance } from '../api/instance.ts';
import { type Status, type StatusSource, VISIBILITY_OPTIONS, type Visibility } from '../api/types.ts';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/context.tsx';
import { clearDraft, type Draft, loadDraft, saveDraft } from '../lib/drafts.ts';
import { applyAllFindings, applyFinding } from '../lib/phi.ts';
import { countStatusLength } from '../lib/status-length.ts';
import { PhiPanel } from './phi-panel.tsx';
import { type FieldFinding, findingsFromRefusal, usePhiCheck } from './use-phi-check.ts';

const DEFAULT_MAX_CHARACTERS = 5000;

/** The stricter of two visibilities: a reply never reaches further than its parent. */
function stricter(a: Visibility, b: Visibility): Visibility {
  return VISIBILITY_OPTIONS.indexOf(a) >= VISIBILITY_OPTIONS.indexOf(b) ? a : b;
}

function newIdempotencyKey(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Writes a post or a reply, or edits one's own post: the PHI guard checks as the person types and on
 * submit (a refusal keeps the draft and shows the spans); new posts' drafts are saved on this device
 * at every change.
 */
export function Composer(props: {
  replyTo?: Status;
  editing?: { status: Status; source: StatusSource };
  onPosted(status: Status): void;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const { api, session } = useSession();
  const instance = useInstance();
  const id = useId();
  const account = session?.account;
  const place = props.replyTo ? `reply:${props.replyTo.id}` : 'home';
  const defaultVisibility = account?.source?.privacy ?? 'public';

  const editing = props.editing;
  function initialDraft(): Draft {
    if (editing)
      return {
        text: editing.source.text,
        spoilerText: editing.source.spoiler_text,
        hasWarning: Boolean(editing.source.spoiler_text),
        visibility: editing.status.visibility,
      };
    const saved = account ? loadDraft(account.id, place) : null;
    if (saved) return saved;
    const parent = props.replyTo;
    const mention = parent && parent.account.id !== account?.id ? `@${parent.account.acct} ` : '';
    return {
      text: mention,
      spoilerText: parent?.spoiler_text ?? '',
      hasWarning: Boolean(parent?.spoiler_text),
      visibility: parent ? stricter(defaultVisibility, parent.visibility) : defaultVisibility,
    };
  }

  const [draft, setDraft] = useState<Draft>(initialDraft);
  const [posting, setPosting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const idempotencyKey = useRef(newIdempotencyKey());
  const textRef = useRef<HTMLTextAreaElement>(null);
  const spoilerRef = useRef<HTMLInputElement>(null);

  // Editing starts where the person will type.
  const editingId = editing?.status.id;
  useEffect(() => {
    if (editingId) textRef.current?.focus();
  }, [editingId]);

  const spoilerText = draft.hasWarning ? draft.spoilerText : '';
  const phi = usePhiCheck(api, { status: draft.text, spoiler_text: spoilerText });

  useEffect(() => {
    if (account && !editingId) saveDraft(account.id, place, draft);
  }, [account, place, draft, editingId]);

  const max = instance?.configuration.statuses.max_characters ?? DEFAULT_MAX_CHARACTERS;
  const urlLength = instance?.configuration.statuses.characters_reserved_per_url ?? 23;
  const remaining = max - countStatusLength(draft.text, spoilerText, urlLength);
  const isEmpty = !draft.text.trim();

  function update(change: Partial<Draft>) {
    setDraft((d) => ({ ...d, ...change }));
    setError(null);
    setRefused(false);
    setAnnouncement('');
    idempotencyKey.current = newIdempotencyKey();
  }

  function handleApply(finding: FieldFinding) {
    const source = finding.field === 'status' ? draft.text : draft.spoilerText;
    const next = applyFinding(source, finding);
    if (next === null) return;
    const rest = phi.findings
      .filter((f) => f !== finding)
      .map((f) =>
        f.field === finding.field && f.start > finding.start
          ? {
              ...f,
              start: f.start + finding.replacement.length - (finding.end - finding.start),
              end: f.end + finding.replacement.length - (finding.end - finding.start),
            }
          : f,
      );
    update(finding.field === 'status' ? { text: next } : { spoilerText: next });
    phi.show(rest);
    (finding.field === 'status' ? textRef : spoilerRef).current?.focus();
  }

  function handleApplyAll() {
    const text = applyAllFindings(
      draft.text,
      phi.findings.filter((f) => f.field === 'status'),
    );
    const spoiler = applyAllFindings(
      draft.spoilerText,
      phi.findings.filter((f) => f.field === 'spoiler_text'),
    );
    if (text === null || spoiler === null) return;
    update({ text, spoilerText: spoiler });
    phi.show([]);
    textRef.current?.focus();
  }

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (posting || isEmpty) return;
    if (remaining < 0) {
      setError(t('composer.tooLong'));
      return;
    }
    setPosting(true);
    setError(null);
    setRefused(false);
    try {
      if (editing) {
        const status = await api.request<Status>(`/api/rounds/v1/statuses/${editing.status.id}`, {
          method: 'PUT',
          json: {
            status: draft.text,
            spoiler_text: spoilerText.trim() ? spoilerText : '',
            sensitive: Boolean(spoilerText.trim()),
          },
        });
        props.onPosted(status);
        return;
      }
      const status = await api.request<Status>('/api/rounds/v1/statuses', {
        json: {
          status: draft.text,
          visibility: draft.visibility,
          ...(spoilerText.trim() ? { spoiler_text: spoilerText, sensitive: true } : {}),
          ...(props.replyTo ? { in_reply_to_id: props.replyTo.id } : {}),
        },
        headers: { 'Idempotency-Key': idempotencyKey.current },
      });
      if (account) clearDraft(account.id, place);
      setDraft((d) => ({ text: '', spoilerText: '', hasWarning: false, visibility: d.visibility }));
      idempotencyKey.current = newIdempotencyKey();
      setAnnouncement(t('composer.posted'));
      props.onPosted(status);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'phi_detected') {
        setRefused(true);
        phi.show(findingsFromRefusal({ status: draft.text, spoiler_text: spoilerText }, err.details));
      } else {
        setError(describeError(err, t));
      }
    } finally {
      setPosting(false);
    }
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  }

  const headingId = `${id}-heading`;
  const countId = `${id}-count`;
  const phiId = `${id}-phi`;
  return (
    <form className="composer" aria-labelledby={headingId} onSubmit={handleSubmit} noValidate>
      <h2 id={headingId} className="composer-heading">
        {editing
          ? t('composer.editHeading')
          : props.replyTo
            ? t('composer.replyHeading')
            : t('composer.heading')}
      </h2>
      {draft.hasWarning ? (
        <div className="field">
          <label htmlFor={`${id}-cw`}>{t('composer.cwLabel')}</label>
          <input
            id={`${id}-cw`}
            ref={spoilerRef}
            dir="auto"
            value={draft.spoilerText}
            aria-describedby={`${id}-cw-hint`}
            onChange={(e) => update({ spoilerText: e.target.value })}
          />
          <p className="hint" id={`${id}-cw-hint`}>
            {t('composer.cwHint')}
          </p>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-text`}>
          {editing ? t('composer.editLabel') : props.replyTo ? t('composer.replyLabel') : t('composer.label')}
        </label>
        <textarea
          id={`${id}-text`}
          ref={textRef}
          dir="auto"
          rows={props.replyTo ? 3 : 4}
          value={draft.text}
          aria-describedby={`${countId} ${phiId}`}
          aria-invalid={remaining < 0 || undefined}
          onChange={(e) => update({ text: e.target.value })}
          onKeyDown={handleKeyDown}
        />
      </div>
      <PhiPanel
        id={phiId}
        phase={phi.phase}
        findings={phi.findings}
        refused={refused}
        onApply={handleApply}
        onApplyAll={handleApplyAll}
      />
      <div className="composer-options">
        <button
          type="button"
          className="secondary"
          aria-expanded={draft.hasWarning}
          onClick={() => {
            update({ hasWarning: !draft.hasWarning });
            if (!draft.hasWarning) requestAnimationFrame(() => spoilerRef.current?.focus());
          }}
        >
          {draft.hasWarning ? t('composer.cwRemove') : t('composer.cwAdd')}
        </button>
        {editing ? null : (
          <label className="inline-field">
            <span>{t('composer.visibility')}</span>
            <select
              value={draft.visibility}
              onChange={(e) => update({ visibility: e.target.value as Visibility })}
            >
              {VISIBILITY_OPTIONS.map((v) => (
                <option key={v} value={v}>
                  {t(`visibility.${v}`)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="composer-submit">
        <span id={countId} className={remaining < 0 ? 'count over' : 'count'}>
          {remaining < 0
            ? t('composer.over', { count: -remaining })
            : t('composer.remaining', { count: remaining })}
        </span>
        <span className="composer-buttons">
          {props.onCancel ? (
            <button type="button" className="secondary" onClick={props.onCancel}>
              {t('composer.cancel')}
            </button>
          ) : null}
          <button type="submit" className="primary" disabled={posting || isEmpty}>
            {posting
              ? t('composer.posting')
              : editing
                ? t('composer.save')
                : props.replyTo
                  ? t('composer.submitReply')
                  : t('composer.submit')}
          </button>
        </span>
      </div>
      {error ? (
        <p className="notice error" role="alert">
          {error}
        </p>
      ) : null}
      {editing ? null : <p className="hint">{t('composer.draftKept')}</p>}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </form>
  );
}
