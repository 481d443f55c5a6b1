import { useEffect, useState } from 'react';
import type { SaveState, SaveTracker } from '../collab/SaveTracker.ts';
import { useI18n } from '../i18n/I18n.tsx';

/**
 * "Gemt" / "Gemmer …" / "Offline" / "Ikke gemt". Subscribes to the tracker
 * itself: the state changes twice per keystroke, and only this should redraw.
 */
export function SaveStatus({ tracker }: { tracker: SaveTracker | null }) {
  const { t } = useI18n();
  const [state, setState] = useState<SaveState>('offline');
  useEffect(() => (tracker ? tracker.subscribe(setState) : setState('offline')), [tracker]);
  return (
    <span
      className={`save-status save-${state}`}
      role="status"
      aria-live="polite"
      data-state={state}
    >
      <span className="dot" aria-hidden="true" />
      {t(state)}
    </span>
  );
}
