import { describe, expect, it } from 'vitest';
import { inAppHref } from './links.ts';

function anchor(href: string, className: string, rel: string | null = null) {
  return { href, className, getAttribute: (name: string) => (name === 'rel' ? rel : null) };
}

const ORIGIN = 'https://rounds.test';

describe('links inside posts', () => {
  it('opens hashtags on Rounds’ own hashtag page', () => {
    expect(inAppHref(anchor(`${ORIGIN}/tags/MedEd`, 'mention hashtag', 'tag'), undefined, ORIGIN)).toBe(
      '/tags/MedEd',
    );
    const tags = [{ name: 'cardiology', url: 'https://remote.example/tags/cardiology' }];
    expect(inAppHref(anchor(tags[0]!.url, 'hashtag'), { tags, mentions: [] }, ORIGIN)).toBe(
      '/tags/cardiology',
    );
  });

  it('opens mentions on the person’s profile, remote people too', () => {
    expect(inAppHref(anchor(`${ORIGIN}/@ana`, 'u-url mention'), undefined, ORIGIN)).toBe('/@ana');
    const mentions = [
      { id: '9', username: 'kim', acct: 'kim@remote.example', url: 'https://remote.example/@kim' },
    ];
    expect(inAppHref(anchor(mentions[0]!.url, 'u-url mention'), { mentions, tags: [] }, ORIGIN)).toBe(
      '/@kim@remote.example',
    );
  });

  it('leaves every other link alone', () => {
    expect(inAppHref(anchor('https://pubmed.example/123', ''), undefined, ORIGIN)).toBeNull();
    expect(inAppHref(anchor('https://remote.example/@kim', 'u-url mention'), undefined, ORIGIN)).toBeNull();
  });
});
