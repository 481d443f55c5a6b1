import { useSyncExternalStore } from 'react';

/**
 * The width below which the meeting page is one column and its side panel a
 * drawer (phones, narrow windows, 400 % zoom). Kept in step with the
 * `@media (max-width: 52rem)` block of styles.css.
 */
export const NARROW_QUERY = '(max-width: 52rem)';

const query = () => window.matchMedia(NARROW_QUERY);

/** Whether the window is narrow now; re-renders when that changes (rotation, resizing, zoom). */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = query();
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => query().matches,
  );
}
