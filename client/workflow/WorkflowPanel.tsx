import { useEffect, useRef, useState } from 'react';
import { ApproveDialog } from './ApproveDialog.tsx';
import { PHASE_TRANSITIONS } from '../../shared/access/permissions.ts';
import type { Phase } from '../../shared/meeting.ts';
import { api, pendingApprovalKey } from '../api.ts';
import { useMeetingAccess } from '../collab/MeetingAccess.tsx';
import { WORKFLOW_HEADING_ID } from '../components/SkipLinks.tsx';
import { useAsyncAction } from '../hooks/useAsyncAction.ts';
import { useI18n } from '../i18n/I18n.tsx';

/** The "changes since the draft" button, which gets the focus back when they are closed. */
export const SHOW_CHANGES_ID = 'show-changes';

/**
 * Phase, approval and versions: the buttons a person's role allows in this
 * phase (the server checks the same table), the approvers with their status,
 * and the frozen fingerprint once approved.
 */
export function WorkflowPanel({ onShowChanges }: { onShowChanges(): void }) {
  const { t, formatTime: when } = useI18n();
  const access = useMeetingAccess();
  const { busy, error, run } = useAsyncAction();
  const [versionName, setVersionName] = useState('');
  /** The content hash when "Godkend referatet" was pressed; the dialog is open while set. */
  const [confirming, setConfirming] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const approveButton = useRef<HTMLButtonElement>(null);
  // Back from a step-up sign-in: finish the approval confirmed before it, if
  // the content is still exactly what was confirmed (else ask again).
  const contentHash = access?.state.contentHash;
  const meeting = access?.meetingId;
  useEffect(() => {
    if (!meeting || !contentHash) return;
    const key = pendingApprovalKey(meeting);
    const pending = sessionStorage.getItem(key);
    if (!pending) return;
    sessionStorage.removeItem(key);
    if (pending === contentHash) void run(() => api.approve(meeting, pending));
  }, [meeting, contentHash, run]);
  if (!access) return null;
  /**
   * Runs an action that replaces the buttons (a phase change, an approval):
   * the pressed button is gone afterwards, so the focus goes to the panel's
   * heading rather than falling to <body>; the live region says what changed.
   */
  const act = (fn: () => Promise<unknown>) => {
    let done = false;
    return run(async () => {
      await fn();
      done = true;
    }).then(() => done && heading.current?.focus());
  };
  const { state, phase, you, meetingId } = access;
  const transitions = access.may('changePhase') ? PHASE_TRANSITIONS[phase] : [];
  const phaseLabel = (to: Phase) =>
    phase === 'review' && to === 'meeting' ? t('toPhaseBack_meeting') : t(`toPhase_${to}`);
  const approvalOf = (userId: string) =>
    [...state.approvals].reverse().find((a) => a.userId === userId);
  const mine = approvalOf(you.userId);
  const canApprove =
    access.may('approve') &&
    you.approver &&
    state.contentHash !== null &&
    !(mine && !mine.voidedAt && mine.hash === state.contentHash);
  const hasDraft = state.versions.some((v) => v.kind === 'draft');

  return (
    <section className="workflow" aria-labelledby={WORKFLOW_HEADING_ID}>
      <h2 id={WORKFLOW_HEADING_ID} ref={heading} tabIndex={-1}>
        {t('phaseAndApproval')}
      </h2>
      <p className="you">
        {you.name} · <strong>{t(`role_${you.role}`)}</strong>
      </p>
      {transitions.map((to) => (
        <button
          key={to}
          type="button"
          className={to === 'meeting' && phase === 'review' ? 'secondary' : 'primary'}
          disabled={busy}
          onClick={() => act(() => api.setPhase(meetingId, to))}
        >
          {phaseLabel(to)}
        </button>
      ))}

      {phase === 'approved' && state.meta.frozen ? (
        <div className="frozen" role="status">
          <strong>{t('frozen')}</strong>
          <span>{when(state.meta.frozen.at)}</span>
          <span className="hash" title={state.meta.frozen.hash}>
            {t('frozenHash')}: {state.meta.frozen.hash.slice(0, 12)}…
          </span>
        </div>
      ) : null}

      {phase === 'review' || phase === 'approved' ? (
        <>
          <h3>{t('approvers')}</h3>
          {state.approvers.length === 0 ? <p className="muted small">{t('noApprovers')}</p> : null}
          <ul className="approvers">
            {state.approvers.map((approver) => {
              const a = approvalOf(approver.userId);
              const status = !a ? 'waiting' : a.voidedAt ? 'voided' : 'approved';
              return (
                <li key={approver.userId} className={`approval-${status}`}>
                  <span>{approver.name}</span>
                  <span className="status">
                    {t(status)}
                    {a && status === 'approved' ? ` ${when(a.at)}` : ''}
                  </span>
                </li>
              );
            })}
          </ul>
          {canApprove ? (
            <>
              <button
                type="button"
                className="primary approve"
                ref={approveButton}
                disabled={busy}
                aria-haspopup="dialog"
                data-hash={state.contentHash ?? ''}
                onClick={() => setConfirming(state.contentHash)}
              >
                ✓ {t('approve')}
              </button>
              <p className="muted small">{t('approveHint')}</p>
              {confirming ? (
                <ApproveDialog
                  state={state}
                  userId={you.userId}
                  openedWith={confirming}
                  onCancel={() => {
                    setConfirming(null);
                    requestAnimationFrame(() => approveButton.current?.focus());
                  }}
                  onConfirm={(hash) => {
                    setConfirming(null);
                    void act(() => api.approve(meetingId, hash));
                  }}
                />
              ) : null}
            </>
          ) : null}
        </>
      ) : null}

      {hasDraft ? (
        <>
          <h3>{t('versions')}</h3>
          <ul className="versions">
            {state.versions.map((v) => (
              <li key={v.id}>
                <span>{v.name}</span> <span className="muted small">{when(v.createdAt)}</span>
              </li>
            ))}
          </ul>
          <button type="button" id={SHOW_CHANGES_ID} className="secondary" onClick={onShowChanges}>
            {t('showChanges')}
          </button>
        </>
      ) : null}
      {access.may('editBody') && phase !== 'agenda' ? (
        <form
          className="save-version"
          onSubmit={(e) => {
            e.preventDefault();
            const name = versionName.trim();
            if (name)
              void run(() => api.saveVersion(meetingId, name)).then(() => setVersionName(''));
          }}
        >
          <input
            aria-label={t('versionName')}
            placeholder={t('versionName')}
            value={versionName}
            maxLength={100}
            onChange={(e) => setVersionName(e.target.value)}
          />
          <button type="submit" className="link" disabled={busy || !versionName.trim()}>
            {t('saveVersion')}
          </button>
        </form>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
