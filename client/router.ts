import { useSyncExternalStore } from 'react';

/**
 * Client-side routes: `/` (meeting list), `/login`, `/m/<meetingId>`, and the
 * secretariat's forum rosters `/rosters` and `/rosters/<forumId>`.
 */
export type Route =
  | { page: 'list' }
  | { page: 'login' }
  | { page: 'meeting'; meetingId: string }
  | { page: 'rosters'; forumId: string | null };

export function parseRoute(pathname: string): Route {
  if (/^\/login\/?$/.test(pathname)) return { page: 'login' };
  const roster = /^\/rosters(?:\/([^/]+))?\/?$/.exec(pathname);
  if (roster) return { page: 'rosters', forumId: roster[1] ? decodeURIComponent(roster[1]) : null };
  const m = /^\/m\/([^/]+)\/?$/.exec(pathname);
  return m ? { page: 'meeting', meetingId: decodeURIComponent(m[1]) } : { page: 'list' };
}

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));
let navigations = 0;

export function navigate(path: string) {
  history.pushState(null, '', path);
  navigations++;
  listeners.forEach((l) => l());
}

/**
 * Whether the app changed page itself since it loaded. Then the new page
 * moves the focus to its start (a skip link or its heading): the element
 * that had it is gone, and focus left on <body> strands keyboard and
 * screen-reader users. On a fresh load the browser's own start is right.
 */
export function navigatedInApp(): boolean {
  return navigations > 0;
}

export function usePathname(): string {
  return useSyncExternalStore(
    (l) => (listeners.add(l), () => listeners.delete(l)),
    () => location.pathname,
  );
}
