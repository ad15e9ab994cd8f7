import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

const NAVIGATED = 'rounds:navigate';

// NOTE: after a client-side navigation the new page's heading takes focus (as a page load would
// put a screen reader at the top); on the first load focus stays where the browser puts it.
let focusPending = false;
if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    focusPending = true;
  });
}

/** True once after each navigation: the page heading that reads it moves focus to itself. */
export function takeNavigationFocus(): boolean {
  const pending = focusPending;
  focusPending = false;
  return pending;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

/** The current path and query; re-renders on navigation (links, back and forward). */
export function useLocation(): { path: string; search: string } {
  const href = useSyncExternalStore(subscribe, () => location.pathname + location.search);
  const url = new URL(href, 'http://x');
  return { path: url.pathname, search: url.search };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  focusPending = true;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATED));
}

/** A same-origin link that navigates without reloading (modified clicks open as the browser would). */
export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const { onClick, href, children, ...rest } = props;
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      props.target
    )
      return;
    event.preventDefault();
    navigate(href);
  }
  return (
    <a href={href} {...rest} onClick={handleClick}>
      {children}
    </a>
  );
}

export type Route =
  | { name: 'home' }
  | { name: 'sign-up' }
  | { name: 'callback' }
  | { name: 'status'; id: string }
  | { name: 'compose-thread' }
  | { name: 'notifications' }
  | { name: 'settings' }
  | { name: 'profile'; acct: string }
  | { name: 'follows'; acct: string; which: 'followers' | 'following' }
  | { name: 'tag'; tag: string }
  | { name: 'public' }
  | { name: 'search' }
  | { name: 'bookmarks' }
  | { name: 'lists' }
  | { name: 'list'; id: string }
  | { name: 'not-found' };

/** Client routes. The server answers these paths with the app (see apps/server/src/web.ts). */
export function matchRoute(path: string): Route {
  if (path === '/' || path === '') return { name: 'home' };
  if (path === '/sign-up') return { name: 'sign-up' };
  if (path === '/auth/callback') return { name: 'callback' };
  const status = /^\/statuses\/(\d{1,20})\/?$/.exec(path);
  if (status?.[1]) return { name: 'status', id: status[1] };
  if (path === '/compose/thread') return { name: 'compose-thread' };
  if (path === '/notifications') return { name: 'notifications' };
  if (path === '/settings') return { name: 'settings' };
  const profile = /^\/@([A-Za-z0-9_]{1,30}(?:@[A-Za-z0-9.-]{1,253})?)\/?$/.exec(path);
  if (profile?.[1]) return { name: 'profile', acct: profile[1] };
  const follows = /^\/@([A-Za-z0-9_]{1,30}(?:@[A-Za-z0-9.-]{1,253})?)\/(followers|following)\/?$/.exec(path);
  if (follows?.[1] && (follows[2] === 'followers' || follows[2] === 'following'))
    return { name: 'follows', acct: follows[1], which: follows[2] };
  if (path === '/public') return { name: 'public' };
  if (path === '/search') return { name: 'search' };
  if (path === '/bookmarks') return { name: 'bookmarks' };
  if (path === '/lists') return { name: 'lists' };
  const list = /^\/lists\/(\d{1,20})\/?$/.exec(path);
  if (list?.[1]) return { name: 'list', id: list[1] };
  const tag = /^\/tags\/([^/]{1,200})\/?$/.exec(path);
  if (tag?.[1]) {
    try {
      return { name: 'tag', tag: decodeURIComponent(tag[1]) };
    } catch {
      return { name: 'not-found' };
    }
  }
  return { name: 'not-found' };
}
