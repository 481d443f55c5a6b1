import { useEffect, useRef, useState } from 'react';
import type { SaveState, SaveTracker } from '../collab/SaveTracker.ts';
import { useI18n } from '../i18n/I18n.tsx';

/** States a writer must hear about: their edits are not reaching the server. */
const TROUBLE: readonly SaveState[] = ['offline', 'failing'];

/**
 * "Gemt" / "Gemmer …" / "Offline" / "Ikke gemt". Subscribes to the tracker
 * itself: the state changes twice per keystroke, and only this should redraw.
 * The visible status is the page's status (role="status") but not read out
 * on every change: "Gemmer… Gemt" after each keystroke would talk over a
 * screen-reader user's typing. A separate polite region says only what
 * matters: the connection or the storage failing, and "Gemt" once it is
 * back (not the offline moment before the first connection).
 */
export function SaveStatus({ tracker }: { tracker: SaveTracker | null }) {
  const { t } = useI18n();
  const [state, setState] = useState<SaveState>('offline');
  const [said, setSaid] = useState<SaveState | null>(null);
  const wasSaved = useRef(false);
  useEffect(() => (tracker ? tracker.subscribe(setState) : setState('offline')), [tracker]);
  useEffect(() => {
    if (state === 'saved') {
      wasSaved.current = true;
      setSaid((s) => (s && TROUBLE.includes(s) ? 'saved' : s));
    } else if (TROUBLE.includes(state) && wasSaved.current) {
      setSaid(state);
    }
  }, [state]);
  return (
    <>
      <span
        className={`save-status save-${state}`}
        role="status"
        aria-live="off"
        data-state={state}
      >
        <span className="dot" aria-hidden="true" />
        {t(state)}
      </span>
      <span className="sr-only" aria-live="polite">
        {said ? t(said) : ''}
      </span>
    </>
  );
}
