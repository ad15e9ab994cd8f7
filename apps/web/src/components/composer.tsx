import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { describeError } from '../api/errors.ts';
import { useInstance } from '../api/instance.ts';
import type { Status, StatusSource } from '../api/types.ts';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/context.tsx';
import { DEFAULT_MAX_MEDIA, missingDescriptions, saveDescriptions } from '../lib/composer-media.ts';
import { clearDraft, type Draft, type DraftMedia, loadDraft, saveDraft } from '../lib/drafts.ts';
import { applyAllFindings, applyFinding } from '../lib/phi.ts';
import { usePreferences } from '../lib/preferences.ts';
import { countStatusLength } from '../lib/status-length.ts';
import { Link } from '../router.tsx';
import {
  LanguageSelect,
  newIdempotencyKey,
  stricter,
  useDefaultLanguage,
  VisibilitySelect,
} from './composer-fields.tsx';
import { descriptionFieldId, MediaPicker, type MediaUpdate } from './media-picker.tsx';
import { PhiPanel } from './phi-panel.tsx';
import { DEFAULT_POLL_LIMITS, newPoll, PollEditor, pollProblem } from './poll-editor.tsx';
import { QuotedStatus } from './quoted-status.tsx';
import { type FieldFinding, findingsFromRefusal, usePhiCheck } from './use-phi-check.ts';
import './composer.css';

const DEFAULT_MAX_CHARACTERS = 5000;

/**
 * Writes a post, a reply or a quote, or edits one's own post: text with its count, content
 * warning, visibility, language, media with alt text (required unless the person turned that off
 * in settings), a poll. The PHI guard checks as the person types and on submit (a refusal keeps the
 * draft and shows the spans); new posts' drafts are saved on this device at every change.
 */
export function Composer(props: {
  replyTo?: Status;
  quote?: Status;
  editing?: { status: Status; source: StatusSource };
  onPosted(status: Status): void;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const { api, session } = useSession();
  const instance = useInstance();
  const { requireAltText } = usePreferences();
  const id = useId();
  const account = session?.account;
  const place = props.replyTo
    ? `reply:${props.replyTo.id}`
    : props.quote
      ? `quote:${props.quote.id}`
      : 'home';
  const defaultVisibility = account?.source?.privacy ?? 'public';
  const defaultLanguage = useDefaultLanguage();

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
      language: defaultLanguage,
      media: [],
      poll: null,
    };
  }

  const [draft, setDraft] = useState<Draft>(initialDraft);
  const [posting, setPosting] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [missingAlt, setMissingAlt] = useState(false);
  const [refused, setRefused] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const idempotencyKey = useRef(newIdempotencyKey());
  const textRef = useRef<HTMLTextAreaElement>(null);
  const spoilerRef = useRef<HTMLInputElement>(null);
  const pollButtonRef = useRef<HTMLButtonElement>(null);

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

  const media = draft.media ?? [];
  const poll = draft.poll ?? null;
  const language = draft.language ?? defaultLanguage;
  const limits = instance?.configuration;
  const max = limits?.statuses.max_characters ?? DEFAULT_MAX_CHARACTERS;
  const urlLength = limits?.statuses.characters_reserved_per_url ?? 23;
  const maxMedia = limits?.statuses.max_media_attachments ?? DEFAULT_MAX_MEDIA;
  const pollLimits = limits?.polls ?? DEFAULT_POLL_LIMITS;
  const remaining = max - countStatusLength(draft.text, spoilerText, urlLength);
  const isEmpty = !draft.text.trim() && media.length === 0;
  const missing = missingDescriptions(media, requireAltText);

  function update(change: Partial<Draft>) {
    setDraft((d) => ({ ...d, ...change }));
    setError(null);
    setRefused(false);
    setAnnouncement('');
    idempotencyKey.current = newIdempotencyKey();
  }

  const updateMedia: MediaUpdate = (change) => {
    setDraft((d) => ({ ...d, media: change(d.media ?? []) }));
    setError(null);
    idempotencyKey.current = newIdempotencyKey();
  };

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

  /** Saves changed alt texts; refused ones (patient identifiers) say why. */
  async function saveAltTexts(): Promise<DraftMedia[] | null> {
    try {
      const saved = await saveDescriptions(api, media);
      setDraft((d) => ({ ...d, media: saved }));
      return saved;
    } catch (err) {
      setError(
        err instanceof ApiError && err.code === 'phi_detected'
          ? t('upload.altRefused', { message: err.message })
          : describeError(err, t),
      );
      return null;
    }
  }

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (posting || uploading || isEmpty) return;
    if (remaining < 0) {
      setError(t('composer.tooLong'));
      return;
    }
    const first = missing[0];
    if (first) {
      setMissingAlt(true);
      setError(t('upload.altRequired', { count: missing.length }));
      document.getElementById(descriptionFieldId(id, first.id))?.focus();
      return;
    }
    const problem = poll ? pollProblem(poll, pollLimits) : null;
    if (problem) {
      setError(t(problem, { max: pollLimits.max_characters_per_option }));
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
      const described = await saveAltTexts();
      if (!described) return;
      const status = await api.request<Status>('/api/rounds/v1/statuses', {
        json: {
          status: draft.text,
          visibility: draft.visibility,
          language,
          ...(spoilerText.trim() ? { spoiler_text: spoilerText, sensitive: true } : {}),
          ...(props.replyTo ? { in_reply_to_id: props.replyTo.id } : {}),
          ...(props.quote ? { quoted_status_id: props.quote.id } : {}),
          ...(described.length ? { media_ids: described.map((m) => m.id) } : {}),
          ...(poll
            ? {
                poll: {
                  options: poll.options.map((o) => o.trim()),
                  expires_in: poll.expiresIn,
                  multiple: poll.multiple,
                },
              }
            : {}),
        },
        headers: { 'Idempotency-Key': idempotencyKey.current },
      });
      if (account) clearDraft(account.id, place);
      setDraft((d) => ({
        text: '',
        spoilerText: '',
        hasWarning: false,
        visibility: d.visibility,
        language: d.language,
        media: [],
        poll: null,
      }));
      setMissingAlt(false);
      idempotencyKey.current = newIdempotencyKey();
      setAnnouncement(t('composer.posted'));
      props.onPosted(status);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'phi_detected') {
        const findings = findingsFromRefusal({ status: draft.text, spoiler_text: spoilerText }, err.details);
        setRefused(true);
        phi.show(findings);
        // Identifiers in a poll option are not in the text: the server's sentence names them.
        if (findings.length === 0) setError(t('errors.invalid', { message: err.message }));
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

  function handleTogglePoll() {
    if (poll) {
      update({ poll: null });
      requestAnimationFrame(() => pollButtonRef.current?.focus());
    } else {
      update({ poll: newPoll() });
      requestAnimationFrame(() => document.getElementById(`${id}-poll`)?.querySelector('input')?.focus());
    }
  }

  const isNew = !editing;
  const isHome = isNew && !props.replyTo && !props.quote;
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
            : props.quote
              ? t('composer.quoteHeading')
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
          {editing
            ? t('composer.editLabel')
            : props.replyTo
              ? t('composer.replyLabel')
              : props.quote
                ? t('composer.quoteLabel')
                : t('composer.label')}
        </label>
        <textarea
          id={`${id}-text`}
          ref={textRef}
          dir="auto"
          rows={props.replyTo || props.quote ? 3 : 4}
          value={draft.text}
          aria-describedby={`${countId} ${phiId}`}
          aria-invalid={remaining < 0 || undefined}
          onChange={(e) => update({ text: e.target.value })}
          onKeyDown={handleKeyDown}
        />
      </div>
      {props.quote ? <QuotedStatus status={props.quote} /> : null}
      <PhiPanel
        id={phiId}
        phase={phi.phase}
        findings={phi.findings}
        refused={refused}
        onApply={handleApply}
        onApplyAll={handleApplyAll}
      />
      {isNew && !poll ? (
        <MediaPicker
          id={`${id}-media`}
          media={media}
          onChange={updateMedia}
          max={maxMedia}
          requireAlt={requireAltText}
          showMissing={missingAlt}
          onUploading={setUploading}
        />
      ) : null}
      {isNew && poll ? (
        <div id={`${id}-poll`}>
          <PollEditor
            poll={poll}
            limits={pollLimits}
            onChange={(next) => update({ poll: next })}
            onRemove={handleTogglePoll}
          />
        </div>
      ) : null}
      <div className="composer-options">
        {isNew && !poll && media.length === 0 ? (
          <button type="button" className="secondary" ref={pollButtonRef} onClick={handleTogglePoll}>
            {t('poll.add')}
          </button>
        ) : null}
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
        {isHome ? (
          <Link href="/compose/thread" className="button thread-link">
            {t('thread.open')}
          </Link>
        ) : null}
      </div>

      {isNew ? (
        <div className="composer-selects">
          <VisibilitySelect
            id={`${id}-visibility`}
            value={draft.visibility}
            onChange={(visibility) => update({ visibility })}
          />
          <LanguageSelect
            id={`${id}-language`}
            value={language}
            onChange={(code) => update({ language: code })}
          />
        </div>
      ) : null}
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
          <button type="submit" className="primary" disabled={posting || uploading || isEmpty}>
            {posting
              ? t('composer.posting')
              : editing
                ? t('composer.save')
                : props.replyTo
                  ? t('composer.submitReply')
                  : props.quote
                    ? t('composer.submitQuote')
                    : t('composer.submit')}
          </button>
        </span>
      </div>
      {error ? (
        <p className="notice error" role="alert">
          {error}
          {missingAlt && missing.length > 0 ? (
            <>
              {' '}
              <Link href="/settings">{t('upload.altSetting')}</Link>
            </>
          ) : null}
        </p>
      ) : null}
      {editing ? null : <p className="hint">{t('composer.draftKept')}</p>}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </form>
  );
}
