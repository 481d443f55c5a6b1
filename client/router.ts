import { useSyncExternalStore } from 'react';

/** Client-side routes: `/` (meeting list), `/login` and `/m/<meetingId>`. */
export type Route = { page: 'list' } | { page: 'login' } | { page: 'meeting'; meetingId: string };

export function parseRoute(pathname: string): Route {
  if (/^\/login\/?$/.test(pathname)) return { page: 'login' };
  const m = /^\/m\/([^/]+)\/?$/.exec(pathname);
  return m ? { page: 'meeting', meetingId: decodeURIComponent(m[1]) } : { page: 'list' };
}

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

export function navigate(path: string) {
  history.pushState(null, '', path);
  listeners.forEach((l) => l());
}

export function usePathname(): string {
  return useSyncExternalStore(
    (l) => (listeners.add(l), () => listeners.delete(l)),
    () => location.pathname,
  );
}
