import { useEffect, useRef, useState } from 'react';
import { openStream } from '../api/streaming.ts';
import { useSession } from '../auth/session.tsx';
import { useQuietNow } from './quiet-hours.ts';

/**
 * How many notifications wait unread, for the navigation's badge: the server's count (since the
 * read marker) when the app starts, plus each one that arrives live. On the notifications screen
 * it is zero (that screen marks them read). During quiet hours the badge shows nothing and does
 * not move; what arrived meanwhile shows once they end.
 */
export function useUnreadNotifications(path: string): number {
  const { api, session } = useSession();
  const quiet = useQuietNow();
  const [count, setCount] = useState(0);
  const onScreen = path === '/notifications';
  const onScreenRef = useRef(onScreen);
  onScreenRef.current = onScreen;
  const token = session?.token;

  // Leaving the notifications screen: what was there has been seen.
  useEffect(() => {
    if (onScreen) setCount(0);
  }, [onScreen]);

  useEffect(() => {
    if (!token) {
      setCount(0);
      return;
    }
    let live = true;
    const refresh = () => {
      if (onScreenRef.current) return;
      api.request<{ count: number }>('/api/v1/notifications/unread_count').then(
        (r) => {
          if (live && !onScreenRef.current) setCount(r.count);
        },
        () => undefined,
      );
    };
    const close = openStream(
      token,
      { stream: 'user:notification' },
      {
        onMessage(message) {
          if (message.event === 'notification' && !onScreenRef.current) setCount((n) => n + 1);
        },
        onConnection(connected) {
          // Counted again from the server on (re)connection: nothing missed while the socket was down.
          if (connected) refresh();
        },
      },
    );
    return () => {
      live = false;
      close();
    };
  }, [api, token]);

  return quiet || onScreen ? 0 : count;
}
