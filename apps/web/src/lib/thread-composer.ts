import type { Visibility } from '../api/types.ts';
import type { DraftMedia } from './drafts.ts';
import { local, readJson, removeKey, writeJson } from './storage.ts';

/** A tweetorial's parts stay short enough to read on a phone, whatever the server allows. */
export const THREAD_PART_MAX = 500;
export const THREAD_MIN_PARTS = 2;
export const THREAD_MAX_PARTS = 25;

/** Where each part's "i/n" goes. */
export type Numbering = 'end' | 'start';

export interface ThreadPart {
  /** Stable while the part moves (React key, focus after a move). */
  key: string;
  text: string;
  media: DraftMedia[];
}

export interface ThreadDraft {
  parts: ThreadPart[];
  spoilerText: string;
  hasWarning: boolean;
  visibility: Visibility;
  language: string;
  numbering: Numbering;
  /**
   * Ids of the parts already posted, in order: the first `published.length` parts. A publish that
   * stops part-way (a refusal, the network) continues from here, replying to the last of them.
   */
  published: string[];
}

let counter = 0;
export function newPartKey(): string {
  counter += 1;
  return `p${Date.now().toString(36)}${counter}`;
}

export function emptyPart(): ThreadPart {
  return { key: newPartKey(), text: '', media: [] };
}

export function newThreadDraft(visibility: Visibility, language: string): ThreadDraft {
  return {
    parts: [emptyPart(), emptyPart()],
    spoilerText: '',
    hasWarning: false,
    visibility,
    language,
    numbering: 'end',
    published: [],
  };
}

/** "2/5" */
export function partLabel(index: number, total: number): string {
  return `${index + 1}/${total}`;
}

/** The text part `index` is posted with: the person's text and its number, as the preview shows. */
export function numberedText(text: string, index: number, total: number, numbering: Numbering): string {
  const label = partLabel(index, total);
  const trimmed = text.trim();
  if (!trimmed) return label;
  return numbering === 'start' ? `${label} ${trimmed}` : `${trimmed} ${label}`;
}

/**
 * Where the person's text starts inside the posted text: a refusal's spans point into the posted
 * text, the redaction buttons into what the person typed. Leading whitespace is trimmed on posting.
 */
export function textOffset(text: string, index: number, total: number, numbering: Numbering): number {
  const leading = text.length - text.trimStart().length;
  return numbering === 'start' ? partLabel(index, total).length + 1 - leading : -leading;
}

/** The parts in a new order: `from` moved by `by` places (−1 up, +1 down); unchanged at the ends. */
export function movePart<T>(parts: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (from < 0 || from >= parts.length || to < 0 || to >= parts.length) return [...parts];
  const next = [...parts];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved as T);
  return next;
}

function storageKey(accountId: string): string {
  // NOTE: under the rounds:draft: prefix, so signing out forgets it with every other draft.
  return `rounds:draft:${accountId}:thread`;
}

function isThreadDraft(value: unknown): value is ThreadDraft {
  const d = value as ThreadDraft | null;
  return Boolean(
    d &&
      Array.isArray(d.parts) &&
      d.parts.every(
        (p) => typeof p?.key === 'string' && typeof p.text === 'string' && Array.isArray(p.media),
      ) &&
      Array.isArray(d.published),
  );
}

/** The thread being written on this device, if any (survives reloads). */
export function loadThreadDraft(accountId: string): ThreadDraft | null {
  const saved = readJson<unknown>(local(), storageKey(accountId));
  return isThreadDraft(saved) ? saved : null;
}

export function isThreadDraftEmpty(draft: ThreadDraft): boolean {
  return (
    draft.published.length === 0 &&
    !draft.spoilerText.trim() &&
    draft.parts.every((p) => !p.text.trim() && p.media.length === 0)
  );
}

export function saveThreadDraft(accountId: string, draft: ThreadDraft): void {
  if (isThreadDraftEmpty(draft)) removeKey(local(), storageKey(accountId));
  else writeJson(local(), storageKey(accountId), draft);
}

export function clearThreadDraft(accountId: string): void {
  removeKey(local(), storageKey(accountId));
}
