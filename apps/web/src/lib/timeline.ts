import type { Status } from '../api/types.ts';
import { appendUnseen } from './ids.ts';

/**
 * A timeline on screen: what is shown, what arrived live and waits behind the "n new posts" bar
 * (so reading is never pushed around), and the cursor for older posts.
 */
export interface TimelineState {
  phase: 'loading' | 'ready' | 'error';
  error: unknown;
  statuses: Status[];
  pending: Status[];
  next: string | null;
  loadingMore: boolean;
  moreError: unknown;
}

export type TimelineAction =
  | { type: 'loaded'; statuses: Status[]; next: string | null }
  | { type: 'failed'; error: unknown }
  | { type: 'loadingMore' }
  | { type: 'more'; statuses: Status[]; next: string | null }
  | { type: 'moreFailed'; error: unknown }
  | { type: 'arrived'; statuses: Status[] }
  | { type: 'edited'; status: Status }
  | { type: 'deleted'; id: string }
  | { type: 'showPending' }
  | { type: 'posted'; status: Status };

export const initialTimeline: TimelineState = {
  phase: 'loading',
  error: null,
  statuses: [],
  pending: [],
  next: null,
  loadingMore: false,
  moreError: null,
};

/** Newest first by id (ids are time-sortable); equal lengths compare as strings. */
function newestFirst(a: Status, b: Status): number {
  if (a.id.length !== b.id.length) return b.id.length - a.id.length;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function without(list: Status[], ids: ReadonlySet<string>): Status[] {
  return list.filter((s) => !ids.has(s.id));
}

export function timelineReducer(state: TimelineState, action: TimelineAction): TimelineState {
  switch (action.type) {
    case 'loaded': {
      const shown = new Set(action.statuses.map((s) => s.id));
      return {
        ...state,
        phase: 'ready',
        error: null,
        statuses: action.statuses,
        pending: without(state.pending, shown),
        next: action.next,
      };
    }
    case 'failed':
      return { ...state, phase: 'error', error: action.error };
    case 'loadingMore':
      return { ...state, loadingMore: true, moreError: null };
    case 'more':
      return {
        ...state,
        loadingMore: false,
        statuses: appendUnseen(state.statuses, action.statuses),
        next: action.next,
      };
    case 'moreFailed':
      return { ...state, loadingMore: false, moreError: action.error };
    case 'arrived': {
      const known = new Set([...state.statuses, ...state.pending].map((s) => s.id));
      const fresh = action.statuses.filter((s) => !known.has(s.id));
      if (fresh.length === 0) return state;
      return { ...state, pending: [...fresh, ...state.pending].sort(newestFirst) };
    }
    case 'edited': {
      const replace = (s: Status) => (s.id === action.status.id ? action.status : s);
      return { ...state, statuses: state.statuses.map(replace), pending: state.pending.map(replace) };
    }
    case 'deleted': {
      const gone = new Set([action.id]);
      return {
        ...state,
        statuses: without(state.statuses, gone).filter((s) => s.reblog?.id !== action.id),
        pending: without(state.pending, gone).filter((s) => s.reblog?.id !== action.id),
      };
    }
    case 'showPending': {
      const shown = new Set(state.pending.map((s) => s.id));
      return { ...state, statuses: [...state.pending, ...without(state.statuses, shown)], pending: [] };
    }
    case 'posted': {
      const ids = new Set([action.status.id]);
      return {
        ...state,
        statuses: [action.status, ...without(state.statuses, ids)],
        pending: without(state.pending, ids),
      };
    }
  }
}
