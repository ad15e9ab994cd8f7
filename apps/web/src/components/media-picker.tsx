import { type ChangeEvent, useEffect, useId, useRef, useState } from 'react';
import { describeError } from '../api/errors.ts';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/context.tsx';
import {
  DEFAULT_ACCEPT,
  DEFAULT_DESCRIPTION_LIMIT,
  needsDescription,
  uploadMedia,
} from '../lib/composer-media.ts';
import type { DraftMedia } from '../lib/drafts.ts';
import { applyAllFindings, applyFinding } from '../lib/phi.ts';
import { PhiPanel } from './phi-panel.tsx';
import { type FieldFinding, usePhiCheck } from './use-phi-check.ts';

export type MediaUpdate = (update: (media: DraftMedia[]) => DraftMedia[]) => void;

/** The id of an upload's description field, so a failed submit can put focus on it. */
export function descriptionFieldId(pickerId: string, mediaId: string): string {
  return `${pickerId}-alt-${mediaId}`;
}

/** One upload: its preview, its description (checked for patient identifiers as typed), remove. */
function Attachment(props: {
  pickerId: string;
  media: DraftMedia;
  index: number;
  requireAlt: boolean;
  showMissing: boolean;
  onChange: MediaUpdate;
  onRemove(): void;
}) {
  const { t } = useI18n();
  const { api } = useSession();
  const { media: m } = props;
  const fieldId = descriptionFieldId(props.pickerId, m.id);
  const phi = usePhiCheck(api, { status: m.description, spoiler_text: '' });
  const missing = props.requireAlt && props.showMissing && needsDescription(m);
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const n = props.index + 1;

  function setDescription(description: string) {
    props.onChange((all) => all.map((x) => (x.id === m.id ? { ...x, description } : x)));
  }

  function handleApply(finding: FieldFinding) {
    const next = applyFinding(m.description, finding);
    if (next === null) return;
    setDescription(next);
    phi.show([]);
    fieldRef.current?.focus();
  }

  function handleApplyAll() {
    const next = applyAllFindings(m.description, phi.findings);
    if (next === null) return;
    setDescription(next);
    phi.show([]);
    fieldRef.current?.focus();
  }

  return (
    <li className="attachment">
      {m.previewUrl && m.type !== 'audio' ? (
        <img className="attachment-preview" src={m.previewUrl} alt="" width={96} height={96} />
      ) : (
        <span className="attachment-preview attachment-kind">{t(`upload.kind.${kindOf(m.type)}`)}</span>
      )}
      <div className="attachment-body">
        <label htmlFor={fieldId}>
          {t('upload.altLabel', { n })}
          {props.requireAlt && m.type !== 'audio' ? (
            <span className="required"> {t('upload.required')}</span>
          ) : null}
        </label>
        <textarea
          id={fieldId}
          ref={fieldRef}
          dir="auto"
          rows={2}
          maxLength={DEFAULT_DESCRIPTION_LIMIT}
          value={m.description}
          aria-required={props.requireAlt && m.type !== 'audio'}
          aria-invalid={missing || undefined}
          aria-describedby={`${fieldId}-hint`}
          onChange={(e) => setDescription(e.target.value)}
        />
        <p className={missing ? 'field-error' : 'hint'} id={`${fieldId}-hint`}>
          {missing ? t('upload.altMissing') : t('upload.altHint')}
        </p>
        {phi.findings.length > 0 ? (
          <PhiPanel
            id={`${fieldId}-phi`}
            phase={phi.phase}
            findings={phi.findings}
            refused={false}
            onApply={handleApply}
            onApplyAll={handleApplyAll}
          />
        ) : null}
        <button type="button" className="small secondary" onClick={props.onRemove}>
          {t('upload.remove', { n })}
        </button>
      </div>
    </li>
  );
}

function kindOf(type: string): 'image' | 'video' | 'audio' {
  return type === 'video' || type === 'gifv' ? 'video' : type === 'audio' ? 'audio' : 'image';
}

/**
 * Uploads (POST /api/v2/media as soon as a file is chosen) with a description field each; the
 * descriptions are saved when the post is sent. Audio needs no description.
 */
export function MediaPicker(props: {
  id: string;
  media: DraftMedia[];
  onChange: MediaUpdate;
  max: number;
  requireAlt: boolean;
  showMissing: boolean;
  onUploading(uploading: boolean): void;
  /** Said after the add button's text to screen readers, for one part of a thread ("to part 2"). */
  addLabelSuffix?: string;
}) {
  const { t } = useI18n();
  const { api } = useSession();
  const [uploading, setUploading] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const { onChange, onUploading } = props;
  const room = props.max - props.media.length - uploading.length;
  const isUploading = uploading.length > 0;
  useEffect(() => {
    onUploading(isUploading);
  }, [onUploading, isUploading]);

  async function handleFiles(event: ChangeEvent<HTMLInputElement>) {
    const files = Array.from(event.target.files ?? []);
    event.target.value = '';
    if (files.length === 0) return;
    setError(null);
    if (files.length > room) setError(t('upload.tooMany', { count: props.max }));
    const chosen = files.slice(0, Math.max(0, room));
    if (chosen.length === 0) return;
    const names = chosen.map((f) => f.name);
    setUploading((u) => [...u, ...names]);
    await Promise.all(
      chosen.map(async (file) => {
        try {
          const media = await uploadMedia(api, file);
          onChange((all) => [...all, media]);
        } catch (err) {
          setError(`${file.name}: ${describeError(err, t)}`);
        } finally {
          setUploading((u) => {
            const i = u.indexOf(file.name);
            return i < 0 ? u : [...u.slice(0, i), ...u.slice(i + 1)];
          });
        }
      }),
    );
  }

  function handleRemove(id: string) {
    onChange((all) => all.filter((m) => m.id !== id));
    // The server forgets unattached uploads within a day anyway; this just tidies up sooner.
    api.request(`/api/v1/media/${id}`, { method: 'DELETE' }).catch(() => undefined);
  }

  return (
    <div className="media-picker">
      {props.media.length > 0 ? (
        <ul className="attachments" aria-label={t('upload.listLabel')}>
          {props.media.map((m, index) => (
            <Attachment
              key={m.id}
              pickerId={props.id}
              media={m}
              index={index}
              requireAlt={props.requireAlt}
              showMissing={props.showMissing}
              onChange={onChange}
              onRemove={() => handleRemove(m.id)}
            />
          ))}
        </ul>
      ) : null}
      <div className="media-add">
        <input
          id={inputId}
          className="file-input"
          type="file"
          accept={DEFAULT_ACCEPT}
          multiple
          disabled={room <= 0}
          onChange={(e) => void handleFiles(e)}
        />
        <label htmlFor={inputId} className="button secondary file-button">
          {t('upload.add')}
          {props.addLabelSuffix ? <span className="visually-hidden"> {props.addLabelSuffix}</span> : null}
        </label>
        <span className="hint" role="status">
          {uploading.length > 0 ? t('upload.uploading', { count: uploading.length }) : ''}
        </span>
      </div>
      {error ? (
        <p className="notice error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
