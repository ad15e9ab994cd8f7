import type { Status } from '../api/types.ts';

/**
 * Where a link inside a post should open in Rounds itself: a hashtag's page or a person's profile.
 * Null for every other link (it opens as the browser would). Remote mentions and hashtags are
 * recognised through the post's own `mentions` and `tags`, as their URLs point at other servers.
 */
export function inAppHref(
  anchor: { href: string; className: string; getAttribute(name: string): string | null },
  status: Pick<Status, 'mentions' | 'tags'> | undefined,
  origin: string,
): string | null {
  const classes = anchor.className.split(/\s+/);
  const isHashtag = classes.includes('hashtag') || anchor.getAttribute('rel')?.split(/\s+/).includes('tag');
  const isMention = !isHashtag && classes.includes('mention');
  if (!isHashtag && !isMention) return null;
  if (isHashtag) {
    const tag = status?.tags?.find((t) => t.url === anchor.href);
    if (tag) return `/tags/${encodeURIComponent(tag.name)}`;
    const match = /\/tags\/([^/?#]+)/.exec(anchor.href);
    return match?.[1] ? `/tags/${match[1]}` : null;
  }
  const mention = status?.mentions?.find((m) => m.url === anchor.href);
  if (mention) return `/@${mention.acct}`;
  let url: URL;
  try {
    url = new URL(anchor.href);
  } catch {
    return null;
  }
  if (url.origin === origin && /^\/@[^/]+$/.test(url.pathname)) return url.pathname;
  return null;
}
