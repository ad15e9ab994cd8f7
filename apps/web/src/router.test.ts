import { describe, expect, it } from 'vitest';
import { parseNextLink } from './api/client.ts';
import { parseFrame } from './api/streaming.ts';
import { matchRoute } from './router.tsx';

describe('client routes and wire formats', () => {
  it('maps paths to screens', () => {
    expect(matchRoute('/')).toEqual({ name: 'home' });
    expect(matchRoute('/statuses/115372')).toEqual({ name: 'status', id: '115372' });
    expect(matchRoute('/statuses/abc')).toEqual({ name: 'not-found' });
    expect(matchRoute('/auth/callback')).toEqual({ name: 'callback' });
    expect(matchRoute('/notifications')).toEqual({ name: 'notifications' });
    expect(matchRoute('/settings')).toEqual({ name: 'settings' });
    expect(matchRoute('/@ana')).toEqual({ name: 'profile', acct: 'ana' });
    expect(matchRoute('/@kim@remote.example')).toEqual({ name: 'profile', acct: 'kim@remote.example' });
    expect(matchRoute('/tags/MedEd')).toEqual({ name: 'tag', tag: 'MedEd' });
    expect(matchRoute('/tags/%D8%B7%D8%A8')).toEqual({ name: 'tag', tag: 'طب' });
    expect(matchRoute('/tags/%E0%A4%A')).toEqual({ name: 'not-found' });
    expect(matchRoute('/public')).toEqual({ name: 'public' });
    expect(matchRoute('/search')).toEqual({ name: 'search' });
    expect(matchRoute('/bookmarks')).toEqual({ name: 'bookmarks' });
    expect(matchRoute('/lists')).toEqual({ name: 'lists' });
    expect(matchRoute('/lists/1170')).toEqual({ name: 'list', id: '1170' });
    expect(matchRoute('/lists/new')).toEqual({ name: 'not-found' });
    expect(matchRoute('/@ana/followers')).toEqual({ name: 'follows', acct: 'ana', which: 'followers' });
    expect(matchRoute('/@kim@remote.example/following')).toEqual({
      name: 'follows',
      acct: 'kim@remote.example',
      which: 'following',
    });
  });

  it('follows the Link header on this origin', () => {
    const header =
      '<https://rounds.example/api/v1/timelines/home?max_id=9>; rel="next", <https://rounds.example/api/v1/timelines/home?min_id=20>; rel="prev"';
    expect(parseNextLink(header)).toBe('/api/v1/timelines/home?max_id=9');
    expect(parseNextLink(null)).toBeNull();
  });

  it('reads Mastodon streaming frames', () => {
    const status = { id: '1', content: '<p>hi</p>' };
    expect(
      parseFrame(JSON.stringify({ stream: ['user'], event: 'update', payload: JSON.stringify(status) })),
    ).toEqual({ event: 'update', status });
    expect(parseFrame(JSON.stringify({ stream: ['user'], event: 'delete', payload: '1' }))).toEqual({
      event: 'delete',
      id: '1',
    });
    const notification = { id: '5', type: 'favourite' };
    expect(
      parseFrame(JSON.stringify({ event: 'notification', payload: JSON.stringify(notification) })),
    ).toEqual({ event: 'notification', notification });
    expect(parseFrame(JSON.stringify({ event: 'filters_changed' }))).toBeNull();
    expect(parseFrame('not json')).toBeNull();
  });
});
