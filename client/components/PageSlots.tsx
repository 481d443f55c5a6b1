import { createContext, useContext } from 'react';

/**
 * Places outside a page's own subtree that the page fills through a portal,
 * so the landmarks read in order (skip links, one banner, one main, the
 * side panel) whichever page is shown: `skipLinks`, the first thing on the
 * page, before the top bar; `bar`, the page's own row inside the banner
 * (its title, phase and save status).
 */
export interface PageSlots {
  skipLinks: HTMLElement | null;
  bar: HTMLElement | null;
}

export const PageSlotsContext = createContext<PageSlots>({ skipLinks: null, bar: null });

export function usePageSlots(): PageSlots {
  return useContext(PageSlotsContext);
}
