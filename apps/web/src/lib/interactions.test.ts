import { describe, expect, it } from 'vitest';
import type { Status } from '../api/types.ts';
import { interactionPath, interactionsOf, toggled } from './interactions.ts';

const post = {
  id: '7',
  favourited: false,
  favourites_count: 2,
  reblogged: true,
  reblogs_count: 1,
  bookmarked: false,
} as Status;

describe('liking, boosting and bookmarking a post', () => {
  it('moves the count with the button at once, and back when pressed again', () => {
    const liked = toggled(interactionsOf(post), 'favourite');
    expect(liked).toMatchObject({ favourited: true, favourites_count: 3 });
    expect(toggled(liked, 'favourite')).toEqual(interactionsOf(post));
    expect(toggled(interactionsOf(post), 'reblog')).toMatchObject({ reblogged: false, reblogs_count: 0 });
    expect(toggled(interactionsOf(post), 'bookmark')).toMatchObject({ bookmarked: true });
  });

  it('never shows a negative count when the server’s count lagged', () => {
    const stale = { ...interactionsOf(post), favourited: true, favourites_count: 0 };
    expect(toggled(stale, 'favourite').favourites_count).toBe(0);
  });

  it('asks the server for the state the person chose', () => {
    expect(interactionPath('7', 'favourite', true)).toBe('/api/v1/statuses/7/favourite');
    expect(interactionPath('7', 'reblog', false)).toBe('/api/v1/statuses/7/unreblog');
    expect(interactionPath('7', 'bookmark', false)).toBe('/api/v1/statuses/7/unbookmark');
  });
});
