import { useState, type KeyboardEvent } from 'react';

/**
 * The keyboard of a WAI-ARIA toolbar: the toolbar is one Tab stop (the
 * button used last), and the arrow keys, Home and End move between its
 * buttons. An agenda item's eight section and phrase buttons would
 * otherwise be eight Tab stops per item between the reader and the next item.
 */
export function useRovingFocus() {
  const [active, setActive] = useState(0);
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const buttons = [...e.currentTarget.querySelectorAll<HTMLElement>('[data-roving]')];
    const at = buttons.indexOf(document.activeElement as HTMLElement);
    const n = buttons.length;
    if (at < 0 || n === 0) return;
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? (at + 1) % n
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? (at - 1 + n) % n
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? n - 1
              : -1;
    if (next < 0) return;
    e.preventDefault();
    buttons[next].focus();
  };
  return {
    /** Spread on the toolbar element. */
    toolbar: { onKeyDown },
    /** Spread on the toolbar's `index`-th button. */
    item: (index: number) => ({
      'data-roving': '',
      tabIndex: index === active ? 0 : -1,
      onFocus: () => setActive(index),
    }),
  };
}
