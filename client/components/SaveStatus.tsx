import type { SaveState } from '../collab/SaveTracker.ts';
import { useI18n } from '../i18n/I18n.tsx';

export function SaveStatus({ state }: { state: SaveState }) {
  const { t } = useI18n();
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
