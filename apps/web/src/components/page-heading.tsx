import { type ReactNode, useEffect, useRef } from 'react';
import { takeNavigationFocus } from '../router.tsx';

/** A screen's h1; after a client-side navigation it takes focus so the new page is announced. */
export function PageHeading(props: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeNavigationFocus()) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className={props.className}>
      {props.children}
    </h1>
  );
}

/** Sets the tab's title for the current screen. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Rounds`;
  }, [title]);
}
