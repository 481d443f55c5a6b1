import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18n.tsx';

/** How long the notice stays when nobody is on it (ms); hover or focus keeps it. */
const VISIBLE_MS = 20_000;

/**
 * "Punkt 3 «Budget» er slettet. [Fortryd]": shown after an item is deleted,
 * announced politely (it appears inside AgendaList's live region), with the undo a Tab away and the place where deleted
 * items can be found later. It stays while the pointer or the focus is on
 * it (WCAG 2.2.1: nobody loses the undo for being slow), else leaves after
 * 20 s; × or Escape dismiss it.
 */
export function UndoToast({
  message,
  onUndo,
  onDismiss,
}: {
  message: string;
  onUndo(): void;
  onDismiss(): void;
}) {
  const { t } = useI18n();
  const [held, setHeld] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (held) return;
    const timer = setTimeout(onDismiss, VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [held, message, onDismiss]);
  const release = () => {
    if (!box.current?.matches(':hover, :focus-within')) setHeld(false);
  };
  return (
    <div
      ref={box}
      className="toast"
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={release}
      onFocus={() => setHeld(true)}
      onBlur={() => requestAnimationFrame(release)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDismiss();
      }}
    >
      <span>{message}</span>
      <button type="button" className="undo" onClick={onUndo}>
        {t('undo')}
      </button>
      <button type="button" className="icon" aria-label={t('dismiss')} onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
