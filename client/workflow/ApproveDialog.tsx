import { useEffect, useId, useRef } from 'react';
import type { MeetingState } from '../../shared/access/workflow.ts';
import { useI18n } from '../i18n/I18n.tsx';

/** A content hash as people read it aloud: its first 16 hex digits in groups of four. */
export function fingerprint(hash: string): string {
  return (hash.match(/[0-9a-f]{4}/gi) ?? []).slice(0, 4).join(' ');
}

/**
 * "Godkend referatet" asks first: what is approved (the meeting, its date,
 * the fingerprint of the exact text), what follows (the last approval
 * freezes the minutes; a later edit voids it), and only the second button
 * approves. A native modal <dialog>: the page behind is inert, Escape
 * cancels, the focus starts on "Annuller" (the harmless choice) and returns
 * to the button that opened it. When the text changes while the dialog is
 * open, it says so and shows the new fingerprint: what is approved is always
 * what the dialog shows.
 */
export function ApproveDialog({
  state,
  userId,
  openedWith,
  onConfirm,
  onCancel,
}: {
  state: MeetingState;
  userId: string;
  /** The content hash when the dialog was opened. */
  openedWith: string;
  onConfirm(hash: string): void;
  onCancel(): void;
}) {
  const { t, formatDate } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    d.showModal();
    cancel.current?.focus();
    return () => d.close();
  }, []);
  const hash = state.contentHash ?? '';
  const changed = hash !== openedWith;
  const othersWaiting = state.approvers.filter(
    (a) =>
      a.userId !== userId &&
      !state.approvals.some((p) => p.userId === a.userId && !p.voidedAt && p.hash === hash),
  ).length;
  const { meta } = state;
  return (
    <dialog
      ref={dialog}
      className="dialog approve-dialog"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{t('approveConfirmTitle')}</h2>
      <div id={descriptionId}>
        <p>
          <strong>{meta.title}</strong>
          {meta.date ? <>, {formatDate(meta.date)}</> : null}
        </p>
        <p>{t('approveConfirmWhat')}</p>
        <p className="fingerprint">
          {t('frozenHash')}: <code>{fingerprint(hash)}</code>
        </p>
        {changed ? (
          <p className="warning" role="alert">
            {t('approveConfirmChanged')}
          </p>
        ) : null}
        <p>{othersWaiting === 0 ? t('approveConfirmLast') : t('approveConfirmOthers')}</p>
      </div>
      <div className="dialog-buttons">
        <button type="button" className="primary" disabled={!hash} onClick={() => onConfirm(hash)}>
          {t('approveConfirm')}
        </button>
        <button type="button" className="secondary" ref={cancel} onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </dialog>
  );
}
