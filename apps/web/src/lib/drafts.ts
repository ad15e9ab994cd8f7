import type { Visibility } from '../api/types.ts';
import { local, readJson, removeKey, writeJson } from './storage.ts';

/** An upload in a draft: on the server already (unattached uploads live a day), described here. */
export interface DraftMedia {
  id: string;
  type: string;
  previewUrl: string | null;
  /** The alt text as typed. */
  description: string;
  /** The alt text the server has (sent with PUT /api/v1/media/:id). */
  savedDescription: string;
}

export interface DraftPoll {
  options: string[];
  /** Seconds. */
  expiresIn: number;
  multiple: boolean;
}

export interface Draft {
  text: string;
  spoilerText: string;
  hasWarning: boolean;
  visibility: Visibility;
  /** ISO 639-1 code of the post's language; absent in drafts kept before languages were chosen. */
  language?: string;
  media?: DraftMedia[];
  poll?: DraftPoll | null;
}

function key(accountId: string, place: string): string {
  return `rounds:draft:${accountId}:${place}`;
}

/** A draft survives reloads on this device, per account and per place (new post, reply to X). */
export function loadDraft(accountId: string, place: string): Draft | null {
  return readJson<Draft>(local(), key(accountId, place));
}

export function saveDraft(accountId: string, place: string, draft: Draft): void {
  if (!draft.text && !draft.spoilerText && !draft.media?.length && !draft.poll)
    removeKey(local(), key(accountId, place));
  else writeJson(local(), key(accountId, place), draft);
}

export function clearDraft(accountId: string, place: string): void {
  removeKey(local(), key(accountId, place));
}

/** Forgets every draft on this device (on sign-out: a draft may hold text the PHI check refused). */
export function clearAllDrafts(): void {
  const store = local();
  if (!store) return;
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const k = store.key(i);
    if (k?.startsWith('rounds:draft:')) keys.push(k);
  }
  for (const k of keys) removeKey(store, k);
}
