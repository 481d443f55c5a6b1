import { useEffect, useState, type FormEvent } from 'react';
import { ROLES, type Role } from '../../shared/access/permissions.ts';
import type { Invite } from '../../shared/access/workflow.ts';
import { api } from '../api.ts';
import { useMeetingAccess } from '../collab/MeetingAccess.tsx';
import { useAsyncAction } from '../hooks/useAsyncAction.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { AuditLog } from './AuditLog.tsx';
import { MailPanel } from './MailPanel.tsx';

/** The organiser's view: who is invited with which role, new invite links, revoking; the audit log. */
export function InvitesPanel() {
  const { t } = useI18n();
  const access = useMeetingAccess();
  const [invites, setInvites] = useState<Invite[]>([]);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [language, setLanguage] = useState<'da' | 'en'>('da');
  // Said in a live region: which invitation went to the outbox.
  const [mailed, setMailed] = useState<string | null>(null);
  const [role, setRole] = useState<Role>('member');
  // null: let the server decide (the chair(s) approve by default).
  const [approver, setApprover] = useState<boolean | null>(null);
  const [link, setLink] = useState<string | null>(null);
  // Loading the list and creating an invite share one message line.
  const { error, run } = useAsyncAction();
  const meetingId = access?.meetingId ?? '';
  const allowed = access?.may('invite') ?? false;
  // The state push changes whenever an invite does: reload the list then.
  const approvers = access?.state.approvers;
  useEffect(() => {
    if (!allowed) return;
    void run(() => api.invites(meetingId).then((r) => setInvites(r.invites)));
  }, [allowed, meetingId, approvers, run]);
  if (!access || !allowed) return null;

  const create = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const created = await api.invite(meetingId, {
        name,
        ...(email.trim() ? { email: email.trim(), language } : {}),
        role,
        ...(approver === null ? {} : { approver }),
      });
      setLink(location.origin + created.link);
      setName('');
      setEmail('');
      setApprover(null);
      setInvites((list) => [...list, created.invite]);
    });
  };
  const mailInvite = (invite: Invite) =>
    void run(async () => {
      await api.mailInvite(meetingId, invite.id);
      setLink(null);
      setMailed(t('mailInviteQueued', { name: invite.name }));
    });
  const showLink = async (invite: Invite) => {
    const { link: fresh } = await api.inviteLink(meetingId, invite.id);
    setLink(location.origin + fresh);
  };

  return (
    <details className="invites">
      <summary>
        {t('invites')} ({invites.filter((i) => !i.revokedAt).length})
      </summary>
      <ul>
        {invites.map((invite) => (
          <li key={invite.id} className={invite.revokedAt ? 'revoked' : ''}>
            <span>
              {invite.name}
              {invite.email ? ` <${invite.email}>` : ''} · {t(`role_${invite.role}`)}
              {invite.approver ? ` · ${t('inviteApprover')}` : ''}
              {invite.revokedAt ? ` (${t('revoked')})` : ''}
            </span>
            {!invite.revokedAt ? (
              <span>
                <button
                  type="button"
                  className="link"
                  aria-label={t('showLinkFor', { name: invite.name })}
                  onClick={() => void showLink(invite)}
                >
                  {t('showLink')}
                </button>
                {invite.email ? (
                  <button
                    type="button"
                    className="link"
                    aria-label={t('mailInviteFor', { name: invite.name })}
                    onClick={() => mailInvite(invite)}
                  >
                    {t('mailInvite')}
                  </button>
                ) : null}
                <button
                  type="button"
                  className="link danger"
                  onClick={(e) => {
                    // Its buttons go with the invite: the focus goes to the list's summary.
                    const summary = e.currentTarget.closest('details')?.querySelector('summary');
                    void api.revokeInvite(meetingId, invite.id).then(() => summary?.focus());
                  }}
                >
                  {t('revoke')}
                </button>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <form onSubmit={create} className="invite-form">
        <label>
          <span>{t('inviteName')}</span>
          <input value={name} maxLength={100} required onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          <span>{t('inviteEmail')}</span>
          <input
            type="email"
            value={email}
            maxLength={254}
            autoComplete="off"
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        {email.trim() ? (
          <label>
            <span>{t('inviteLanguage')}</span>
            <select value={language} onChange={(e) => setLanguage(e.target.value as 'da' | 'en')}>
              <option value="da">{t('languageDa')}</option>
              <option value="en">{t('languageEn')}</option>
            </select>
          </label>
        ) : null}
        <label>
          <span>{t('inviteRole')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role_${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flag">
          <input
            type="checkbox"
            checked={approver === true}
            onChange={(e) => setApprover(e.target.checked)}
          />
          {t('inviteApprover')}
          {approver === null ? (
            <span className="muted small"> ({t('approverDefault')})</span>
          ) : null}
        </label>
        <button type="submit" className="secondary">
          {t('inviteCreate')}
        </button>
      </form>
      {link ? (
        <div className="invite-link">
          <label>
            <span>{t('inviteLink')}</span>
            <input readOnly value={link} onFocus={(e) => e.target.select()} />
          </label>
          <button
            type="button"
            className="link"
            onClick={() => void navigator.clipboard?.writeText(link)}
          >
            {t('copyLink')}
          </button>
        </div>
      ) : null}
      <p className="small" role="status">
        {mailed}
      </p>
      {error ? <p className="error small">{error}</p> : null}
      <MailPanel meetingId={meetingId} />
      <AuditLog meetingId={meetingId} />
    </details>
  );
}
