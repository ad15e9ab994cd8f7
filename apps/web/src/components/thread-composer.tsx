import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { describeError } from '../api/errors.ts';
import { useInstance } from '../api/instance.ts';
import type { PhiCheck, Status } from '../api/types.ts';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/context.tsx';
import { DEFAULT_MAX_MEDIA, missingDescriptions, saveDescriptions } from '../lib/composer-media.ts';
import { applyAllFindings, applyFinding, findingsFrom } from '../lib/phi.ts';
import { usePreferences } from '../lib/preferences.ts';
import { countStatusLength } from '../lib/status-length.ts';
import {
  clearThreadDraft,
  emptyPart,
  loadThreadDraft,
  movePart,
  type Numbering,
  newThreadDraft,
  numberedText,
  saveThreadDraft,
  THREAD_MAX_PARTS,
  THREAD_MIN_PARTS,
  THREAD_PART_MAX,
  type ThreadDraft,
  type ThreadPart,
  textOffset,
} from '../lib/thread-composer.ts';
import { Link, navigate } from '../router.tsx';
import {
  LanguageSelect,
  newIdempotencyKey,
  useDefaultLanguage,
  VisibilitySelect,
} from './composer-fields.tsx';
import { descriptionFieldId, MediaPicker, type MediaUpdate } from './media-picker.tsx';
import { PhiPanel } from './phi-panel.tsx';
import { type FieldFinding, findingsFromRefusal, usePhiCheck } from './use-phi-check.ts';
import './composer.css';

type Focus = { key: string; target: 'text' | 'up' | 'down' };

/** One part: its text with its own count and privacy check, its media, and the buttons that move it. */
function PartEditor(props: {
  id: string;
  part: ThreadPart;
  index: number;
  total: number;
  numbering: Numbering;
  spoilerText: string;
  maxChars: number;
  urlLength: number;
  maxMedia: number;
  requireAlt: boolean;
  showMissing: boolean;
  locked: boolean;
  refusal: FieldFinding[] | null;
  onText(text: string): void;
  onMedia: MediaUpdate;
  onMove(by: -1 | 1): void;
  onRemove(): void;
  onUploading(key: string, uploading: boolean): void;
}) {
  const { t } = useI18n();
  const { api } = useSession();
  const { part, index, total } = props;
  const n = index + 1;
  const phi = usePhiCheck(api, { status: part.text, spoiler_text: '' });
  const textRef = useRef<HTMLTextAreaElement>(null);
  const posted = numberedText(part.text, index, total, props.numbering);
  const remaining = props.maxChars - countStatusLength(posted, props.spoilerText, props.urlLength);
  const base = `${props.id}-${part.key}`;
  const { refusal, onUploading } = props;
  const { show } = phi;

  useEffect(() => {
    if (refusal) show(refusal);
  }, [refusal, show]);

  const handleUploading = useCallback(
    (uploading: boolean) => onUploading(part.key, uploading),
    [onUploading, part.key],
  );

  function handleApply(finding: FieldFinding) {
    const next = applyFinding(part.text, finding);
    if (next === null) return;
    const shift = finding.replacement.length - (finding.end - finding.start);
    props.onText(next);
    phi.show(
      phi.findings
        .filter((f) => f !== finding)
        .map((f) => (f.start > finding.start ? { ...f, start: f.start + shift, end: f.end + shift } : f)),
    );
    textRef.current?.focus();
  }

  function handleApplyAll() {
    const next = applyAllFindings(part.text, phi.findings);
    if (next === null) return;
    props.onText(next);
    phi.show([]);
    textRef.current?.focus();
  }

  return (
    <li className="thread-part">
      <div className="thread-part-head">
        <label htmlFor={`${base}-text`} className="thread-part-label">
          {t('thread.partLabel', { n, total })}
        </label>
        <span className="thread-part-tools">
          <button
            type="button"
            className="small secondary"
            id={`${base}-up`}
            onClick={() => props.onMove(-1)}
            disabled={props.locked || index === 0}
          >
            <span aria-hidden="true">↑</span>
            <span className="visually-hidden">{t('thread.moveUp', { n })}</span>
          </button>
          <button
            type="button"
            className="small secondary"
            id={`${base}-down`}
            onClick={() => props.onMove(1)}
            disabled={props.locked || index === total - 1}
          >
            <span aria-hidden="true">↓</span>
            <span className="visually-hidden">{t('thread.moveDown', { n })}</span>
          </button>
          <button
            type="button"
            className="small secondary"
            onClick={props.onRemove}
            disabled={props.locked || total <= THREAD_MIN_PARTS}
          >
            {t('thread.remove')}
            <span className="visually-hidden"> {t('thread.partNumber', { n })}</span>
          </button>
        </span>
      </div>
      <textarea
        id={`${base}-text`}
        ref={textRef}
        dir="auto"
        rows={4}
        value={part.text}
        aria-describedby={`${base}-count ${base}-phi`}
        aria-invalid={remaining < 0 || undefined}
        onChange={(e) => props.onText(e.target.value)}
      />
      <p id={`${base}-count`} className={remaining < 0 ? 'count over' : 'count'}>
        {remaining < 0
          ? t('composer.over', { count: -remaining })
          : t('composer.remaining', { count: remaining })}
      </p>
      <PhiPanel
        id={`${base}-phi`}
        phase={phi.phase}
        findings={phi.findings}
        refused={refusal !== null}
        onApply={handleApply}
        onApplyAll={handleApplyAll}
      />
      <MediaPicker
        id={`${base}-media`}
        media={part.media}
        onChange={props.onMedia}
        max={props.maxMedia}
        requireAlt={props.requireAlt}
        showMissing={props.showMissing}
        onUploading={handleUploading}
        addLabelSuffix={t('thread.toPart', { n })}
      />
    </li>
  );
}

/**
 * Text as it will read once posted: hashtags and the "1/n" keep their shape inside text of the other
 * direction (the posted HTML isolates hashtag links the same way).
 */
function PreviewText(props: { text: string }) {
  return props.text.split(/(#[\p{L}\p{N}_]+|\b\d+\/\d+\b)/u).map((piece, i) =>
    // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one fixed string, in order.
    i % 2 === 1 ? <bdi key={i}>{piece}</bdi> : piece,
  );
}

/** A part already posted by a publish that stopped part-way: read-only, with a link to it. */
function PublishedPart(props: { id: string; text: string; index: number; total: number }) {
  const { t } = useI18n();
  return (
    <li className="thread-part published">
      <p className="thread-part-label">
        {t('thread.partLabel', { n: props.index + 1, total: props.total })} · {t('thread.published')}
      </p>
      <p dir="auto" className="preview-text">
        <PreviewText text={props.text} />
      </p>
      <Link href={`/statuses/${props.id}`}>{t('thread.openPublished', { n: props.index + 1 })}</Link>
    </li>
  );
}

/**
 * Writes a tweetorial: every part at once (each with its own count and privacy check), reordered
 * with buttons, previewed with its "1/n" numbers, then published in one go: part 1, then each next
 * part as a reply to the one before. Patient identifiers in any part stop the publish before
 * anything is posted; the whole thread is kept on this device until it is published.
 */
export function ThreadComposer() {
  const { t } = useI18n();
  const { api, session } = useSession();
  const instance = useInstance();
  const { requireAltText } = usePreferences();
  const id = useId();
  const account = session?.account;
  const defaultLanguage = useDefaultLanguage();
  const [draft, setDraft] = useState<ThreadDraft>(
    () =>
      (account ? loadThreadDraft(account.id) : null) ??
      newThreadDraft(account?.source?.privacy ?? 'public', defaultLanguage),
  );
  const [previewing, setPreviewing] = useState(false);
  const [publishing, setPublishing] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [showMissing, setShowMissing] = useState(false);
  const [refusals, setRefusals] = useState<Record<string, FieldFinding[]>>({});
  const [uploading, setUploading] = useState<Record<string, boolean>>({});
  const [announcement, setAnnouncement] = useState('');
  const keys = useRef(new Map<string, string>());
  const focus = useRef<Focus | null>(null);
  const spoilerRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (account) saveThreadDraft(account.id, draft);
  }, [account, draft]);

  // After a move, add or remove, focus follows the part (or lands on the part that took its place).
  useEffect(() => {
    const f = focus.current;
    if (!f) return;
    focus.current = null;
    const wanted = document.getElementById(`${id}-${f.key}-${f.target}`) as HTMLButtonElement | null;
    if (wanted && !wanted.disabled) wanted.focus();
    else {
      const other = f.target === 'up' ? 'down' : 'up';
      const fallback = document.getElementById(`${id}-${f.key}-${f.target === 'text' ? 'text' : other}`);
      fallback?.focus();
    }
  });

  const spoilerText = draft.hasWarning ? draft.spoilerText : '';
  const cwPhi = usePhiCheck(api, { status: '', spoiler_text: spoilerText });
  const limits = instance?.configuration;
  const maxChars = Math.min(THREAD_PART_MAX, limits?.statuses.max_characters ?? THREAD_PART_MAX);
  const urlLength = limits?.statuses.characters_reserved_per_url ?? 23;
  const maxMedia = limits?.statuses.max_media_attachments ?? DEFAULT_MAX_MEDIA;
  const total = draft.parts.length;
  const locked = draft.published.length > 0;
  const isUploading = Object.values(uploading).some(Boolean);

  function change(next: (d: ThreadDraft) => ThreadDraft) {
    setDraft(next);
    setError(null);
    setAnnouncement('');
  }

  function setPart(key: string, patch: (p: ThreadPart) => ThreadPart) {
    change((d) => ({ ...d, parts: d.parts.map((p) => (p.key === key ? patch(p) : p)) }));
    keys.current.delete(key);
    setRefusals((r) => {
      if (!(key in r)) return r;
      const { [key]: _gone, ...rest } = r;
      return rest;
    });
  }

  const handleUploading = useCallback((key: string, value: boolean) => {
    setUploading((u) => (u[key] === value ? u : { ...u, [key]: value }));
  }, []);

  function handleMove(index: number, by: -1 | 1) {
    const part = draft.parts[index];
    if (!part) return;
    focus.current = { key: part.key, target: by < 0 ? 'up' : 'down' };
    change((d) => ({ ...d, parts: movePart(d.parts, index, by) }));
    setAnnouncement(t('thread.moved', { from: index + 1, to: index + 1 + by }));
  }

  function handleRemove(index: number) {
    const neighbour = draft.parts[index - 1] ?? draft.parts[index + 1];
    if (neighbour) focus.current = { key: neighbour.key, target: 'text' };
    change((d) => ({ ...d, parts: d.parts.filter((_, i) => i !== index) }));
    setAnnouncement(t('thread.removed', { n: index + 1 }));
  }

  function handleAdd() {
    const part = emptyPart();
    focus.current = { key: part.key, target: 'text' };
    change((d) => ({ ...d, parts: [...d.parts, part] }));
  }

  function handleDiscard() {
    if (account) clearThreadDraft(account.id);
    setDraft(newThreadDraft(draft.visibility, draft.language));
    setRefusals({});
    setShowMissing(false);
    setError(null);
    setAnnouncement(t('thread.discarded'));
  }

  function focusText(key: string) {
    document.getElementById(`${id}-${key}-text`)?.focus();
  }

  /** Checks every unpublished part before anything is posted; true when all are clear. */
  async function checkAll(parts: ThreadPart[]): Promise<boolean> {
    const found: Record<string, FieldFinding[]> = {};
    const checks = await Promise.all(
      parts.map(async (p) =>
        p.text.trim()
          ? {
              key: p.key,
              text: p.text,
              result: await api.request<PhiCheck>('/api/rounds/v1/phi/check', { json: { text: p.text } }),
            }
          : null,
      ),
    );
    for (const c of checks) {
      if (!c || c.result.spans.length === 0) continue;
      found[c.key] = findingsFrom(c.text, c.result.spans, c.result.redacted_text).map((f) => ({
        ...f,
        field: 'status' as const,
      }));
    }
    const cw = spoilerText.trim()
      ? await api.request<PhiCheck>('/api/rounds/v1/phi/check', { json: { text: spoilerText } })
      : null;
    if (cw && cw.spans.length > 0) {
      cwPhi.show(
        findingsFrom(spoilerText, cw.spans, cw.redacted_text).map((f) => ({
          ...f,
          field: 'spoiler_text' as const,
        })),
      );
    }
    setRefusals(found);
    const firstKey = parts.find((p) => found[p.key])?.key;
    if (firstKey || (cw && cw.spans.length > 0)) {
      const numbers = parts
        .map((p, i) => (found[p.key] ? draft.published.length + i + 1 : null))
        .filter((n): n is number => n !== null);
      setError(
        numbers.length > 0
          ? t('thread.refusedParts', { parts: numbers.join(', '), count: numbers.length })
          : t('thread.refusedCw'),
      );
      if (firstKey) focusText(firstKey);
      else spoilerRef.current?.focus();
      return false;
    }
    return true;
  }

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (publishing !== null || isUploading) return;
    const start = draft.published.length;
    const pending = draft.parts.slice(start);
    const empty = pending.findIndex((p) => !p.text.trim() && p.media.length === 0);
    if (empty >= 0) {
      setError(t('thread.emptyPart', { n: start + empty + 1 }));
      focusText(pending[empty]!.key);
      return;
    }
    const tooLong = pending.findIndex(
      (p, i) =>
        countStatusLength(numberedText(p.text, start + i, total, draft.numbering), spoilerText, urlLength) >
        maxChars,
    );
    if (tooLong >= 0) {
      setError(t('thread.tooLong', { n: start + tooLong + 1 }));
      focusText(pending[tooLong]!.key);
      return;
    }
    const missing = pending.flatMap((p) => missingDescriptions(p.media, requireAltText));
    if (missing[0]) {
      setShowMissing(true);
      setError(t('upload.altRequired', { count: missing.length }));
      const owner = pending.find((p) => p.media.includes(missing[0]!));
      if (owner)
        document.getElementById(descriptionFieldId(`${id}-${owner.key}-media`, missing[0].id))?.focus();
      return;
    }

    setError(null);
    setPublishing(start);
    let published = [...draft.published];
    try {
      if (!(await checkAll(pending))) return;
      for (const [offset, part] of pending.entries()) {
        const index = start + offset;
        setPublishing(index);
        const media = await saveDescriptions(api, part.media);
        // Saved alt texts change nothing the server has not seen: the part keeps its idempotency key.
        setDraft((d) => ({ ...d, parts: d.parts.map((p) => (p.key === part.key ? { ...p, media } : p)) }));
        let key = keys.current.get(part.key);
        if (!key) {
          key = newIdempotencyKey();
          keys.current.set(part.key, key);
        }
        const text = numberedText(part.text, index, total, draft.numbering);
        let status: Status;
        try {
          status = await api.request<Status>('/api/rounds/v1/statuses', {
            json: {
              status: text,
              visibility: draft.visibility,
              language: draft.language,
              ...(spoilerText.trim() ? { spoiler_text: spoilerText, sensitive: true } : {}),
              ...(published.length ? { in_reply_to_id: published[published.length - 1] } : {}),
              ...(media.length ? { media_ids: media.map((m) => m.id) } : {}),
            },
            headers: { 'Idempotency-Key': key },
          });
        } catch (err) {
          if (err instanceof ApiError && err.code === 'phi_detected') {
            const shift = textOffset(part.text, index, total, draft.numbering);
            const findings = findingsFromRefusal({ status: text, spoiler_text: spoilerText }, err.details);
            setRefusals({
              [part.key]: findings
                .filter((f) => f.field === 'status')
                .map((f) => ({ ...f, start: f.start - shift, end: f.end - shift })),
            });
            cwPhi.show(findings.filter((f) => f.field === 'spoiler_text'));
            setError(
              published.length
                ? t('thread.stoppedAt', { n: index + 1, count: published.length })
                : t('thread.refusedParts', { parts: String(index + 1), count: 1 }),
            );
            focusText(part.key);
            return;
          }
          throw err;
        }
        published = [...published, status.id];
        setDraft((d) => ({ ...d, published }));
      }
      if (account) clearThreadDraft(account.id);
      const first = published[0];
      setAnnouncement(t('thread.done', { count: published.length }));
      setDraft(newThreadDraft(draft.visibility, draft.language));
      if (first) navigate(`/statuses/${first}`);
    } catch (err) {
      setError(
        published.length > start
          ? `${describeError(err, t)} ${t('thread.partial', { count: published.length })}`
          : describeError(err, t),
      );
    } finally {
      setPublishing(null);
    }
  }

  const headingId = `${id}-heading`;
  const previewId = `${id}-preview`;
  return (
    <form className="composer thread-composer" aria-labelledby={headingId} onSubmit={handleSubmit} noValidate>
      <h2 id={headingId} className="composer-heading">
        {t('thread.heading')}
      </h2>
      <p className="hint">{t('thread.intro', { max: maxChars })}</p>
      <div className="composer-options">
        <button
          type="button"
          className="secondary"
          aria-expanded={draft.hasWarning}
          disabled={locked}
          onClick={() => {
            change((d) => ({ ...d, hasWarning: !d.hasWarning }));
            if (!draft.hasWarning) requestAnimationFrame(() => spoilerRef.current?.focus());
          }}
        >
          {draft.hasWarning ? t('composer.cwRemove') : t('composer.cwAdd')}
        </button>
      </div>
      {draft.hasWarning ? (
        <div className="field">
          <label htmlFor={`${id}-cw`}>{t('composer.cwLabel')}</label>
          <input
            id={`${id}-cw`}
            ref={spoilerRef}
            dir="auto"
            value={draft.spoilerText}
            disabled={locked}
            aria-describedby={`${id}-cw-hint ${id}-cw-phi`}
            onChange={(e) => change((d) => ({ ...d, spoilerText: e.target.value }))}
          />
          <p className="hint" id={`${id}-cw-hint`}>
            {t('thread.cwHint')}
          </p>
          <PhiPanel
            id={`${id}-cw-phi`}
            phase={cwPhi.phase}
            findings={cwPhi.findings}
            refused={false}
            onApply={(f) => {
              const next = applyFinding(draft.spoilerText, f);
              if (next !== null) change((d) => ({ ...d, spoilerText: next }));
              cwPhi.show([]);
            }}
            onApplyAll={() => {
              const next = applyAllFindings(draft.spoilerText, cwPhi.findings);
              if (next !== null) change((d) => ({ ...d, spoilerText: next }));
              cwPhi.show([]);
            }}
          />
        </div>
      ) : null}
      <ol className="thread-parts">
        {draft.parts.map((part, index) => {
          const publishedId = draft.published[index];
          return publishedId ? (
            <PublishedPart
              key={part.key}
              id={publishedId}
              index={index}
              total={total}
              text={numberedText(part.text, index, total, draft.numbering)}
            />
          ) : (
            <PartEditor
              key={part.key}
              id={id}
              part={part}
              index={index}
              total={total}
              numbering={draft.numbering}
              spoilerText={spoilerText}
              maxChars={maxChars}
              urlLength={urlLength}
              maxMedia={maxMedia}
              requireAlt={requireAltText}
              showMissing={showMissing}
              locked={locked || publishing !== null}
              refusal={refusals[part.key] ?? null}
              onText={(text) => setPart(part.key, (p) => ({ ...p, text }))}
              onMedia={(update) => setPart(part.key, (p) => ({ ...p, media: update(p.media) }))}
              onMove={(by) => handleMove(index, by)}
              onRemove={() => handleRemove(index)}
              onUploading={handleUploading}
            />
          );
        })}
      </ol>
      <div className="composer-options">
        <button
          type="button"
          onClick={handleAdd}
          disabled={locked || publishing !== null || total >= THREAD_MAX_PARTS}
        >
          {t('thread.add')}
        </button>
        <button
          type="button"
          className="secondary"
          aria-expanded={previewing}
          aria-controls={previewId}
          onClick={() => setPreviewing((p) => !p)}
        >
          {previewing ? t('thread.hidePreview') : t('thread.showPreview')}
        </button>
      </div>
      <div className="composer-selects">
        <VisibilitySelect
          id={`${id}-visibility`}
          value={draft.visibility}
          onChange={(visibility) => change((d) => ({ ...d, visibility }))}
        />
        <LanguageSelect
          id={`${id}-language`}
          value={draft.language}
          onChange={(language) => change((d) => ({ ...d, language }))}
        />
        <div className="inline-field">
          <label htmlFor={`${id}-numbering`}>{t('thread.numbering')}</label>
          <select
            id={`${id}-numbering`}
            value={draft.numbering}
            disabled={locked}
            onChange={(e) => change((d) => ({ ...d, numbering: e.target.value as Numbering }))}
          >
            <option value="end">{t('thread.numberingEnd')}</option>
            <option value="start">{t('thread.numberingStart')}</option>
          </select>
        </div>
      </div>
      <section
        id={previewId}
        className="thread-preview"
        aria-labelledby={`${previewId}-heading`}
        hidden={!previewing}
      >
        <h3 id={`${previewId}-heading`}>{t('thread.previewHeading', { count: total })}</h3>
        <ol>
          {draft.parts.map((part, index) => (
            <li key={part.key} className="status">
              {spoilerText.trim() ? (
                <p className="preview-warning">
                  <bdi>{spoilerText}</bdi>
                </p>
              ) : null}
              <p dir="auto" lang={draft.language} className="preview-text">
                <PreviewText text={numberedText(part.text, index, total, draft.numbering)} />
              </p>
              {part.media.length > 0 ? (
                <ul className="preview-media">
                  {part.media.map((m) =>
                    m.previewUrl ? (
                      <li key={m.id}>
                        <img src={m.previewUrl} alt={m.description} width={120} height={90} />
                      </li>
                    ) : null,
                  )}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
      <div className="composer-submit">
        <span className="count" role="status">
          {publishing !== null ? t('thread.publishing', { n: publishing + 1, total }) : ''}
        </span>
        <span className="composer-buttons">
          {!locked ? null : (
            <button
              type="button"
              className="secondary"
              onClick={handleDiscard}
              disabled={publishing !== null}
            >
              {t('thread.discard')}
            </button>
          )}
          <button type="submit" className="primary" disabled={publishing !== null || isUploading}>
            {publishing !== null
              ? t('composer.posting')
              : locked
                ? t('thread.publishRest', { count: total - draft.published.length })
                : t('thread.publish', { count: total })}
          </button>
        </span>
      </div>
      {error ? (
        <p className="notice error" role="alert">
          {error}
          {showMissing ? (
            <>
              {' '}
              <Link href="/settings">{t('upload.altSetting')}</Link>
            </>
          ) : null}
        </p>
      ) : null}
      <p className="hint">{t('thread.draftKept')}</p>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </form>
  );
}
