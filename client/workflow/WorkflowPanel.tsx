import { useState } from 'react';
import { PHASE_TRANSITIONS } from '../../shared/access/permissions.ts';
import type { Phase } from '../../shared/meeting.ts';
import { api } from '../api.ts';
import { useMeetingAccess } from '../collab/MeetingAccess.tsx';
import { useAsyncAction } from '../hooks/useAsyncAction.ts';
import { useI18n } from '../i18n/I18n.tsx';

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
  if (!access) return null;
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
    <section className="workflow" aria-label={t('phase')}>
      <h2>{t('phase')}</h2>
      <p className="you">
        {you.name} · <strong>{t(`role_${you.role}`)}</strong>
      </p>
      {transitions.map((to) => (
        <button
          key={to}
          type="button"
          className={to === 'meeting' && phase === 'review' ? 'secondary' : 'primary'}
          disabled={busy}
          onClick={() => run(() => api.setPhase(meetingId, to))}
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
                disabled={busy}
                data-hash={state.contentHash ?? ''}
                onClick={() => run(() => api.approve(meetingId, state.contentHash!))}
              >
                ✓ {t('approve')}
              </button>
              <p className="muted small">{t('approveHint')}</p>
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
          <button type="button" className="secondary" onClick={onShowChanges}>
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
