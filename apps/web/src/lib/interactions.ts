import type { Status } from '../api/types.ts';

/** What a person can toggle on a post, with the count it moves (bookmarks have none shown). */
export type Interaction = 'favourite' | 'reblog' | 'bookmark';

export interface InteractionState {
  favourited: boolean;
  favourites_count: number;
  reblogged: boolean;
  reblogs_count: number;
  bookmarked: boolean;
}

export function interactionsOf(s: Status): InteractionState {
  return {
    favourited: Boolean(s.favourited),
    favourites_count: s.favourites_count ?? 0,
    reblogged: Boolean(s.reblogged),
    reblogs_count: s.reblogs_count ?? 0,
    bookmarked: Boolean(s.bookmarked),
  };
}

/** The state right after the person presses the button, before the server answers. */
export function toggled(state: InteractionState, which: Interaction): InteractionState {
  switch (which) {
    case 'favourite':
      return {
        ...state,
        favourited: !state.favourited,
        favourites_count: Math.max(0, state.favourites_count + (state.favourited ? -1 : 1)),
      };
    case 'reblog':
      return {
        ...state,
        reblogged: !state.reblogged,
        reblogs_count: Math.max(0, state.reblogs_count + (state.reblogged ? -1 : 1)),
      };
    case 'bookmark':
      return { ...state, bookmarked: !state.bookmarked };
  }
}

/** The Mastodon endpoint that makes the toggled state true on the server. */
export function interactionPath(id: string, which: Interaction, isOn: boolean): string {
  const verb = { favourite: 'favourite', reblog: 'reblog', bookmark: 'bookmark' }[which];
  return `/api/v1/statuses/${id}/${isOn ? verb : `un${verb}`}`;
}
