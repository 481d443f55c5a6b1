import { useCallback, useState } from 'react';
import type { MailView } from '../../shared/mail.ts';
import { api } from '../api.ts';
import { useAsyncAction } from '../hooks/useAsyncAction.ts';
import { useI18n } from '../i18n/I18n.tsx';

/**
 * The secretariat's view of the meeting's mails: to whom, what, and where
 * each delivery is (waiting, sent, failed with the mail server's answer).
 * Loaded when opened and on "Refresh"; a list, not a table, so it reads at
 * phone width.
 */
export function MailPanel({ meetingId }: { meetingId: string }) {
  const { t } = useI18n();
  const [list, setList] = useState<{ configured: boolean; mails: MailView[] } | null>(null);
  const { error, run } = useAsyncAction();
  const load = useCallback(
    () => void run(() => api.mails(meetingId).then(setList)),
    [meetingId, run],
  );
  return (
    <details
      className="mails"
      onToggle={(e) => {
        if ((e.target as HTMLDetailsElement).open) load();
      }}
    >
      <summary>
        {t('mails')}
        {list ? ` (${list.mails.length})` : ''}
      </summary>
      {list && !list.configured ? <p className="muted small">{t('mailsNotConfigured')}</p> : null}
      {list?.mails.length === 0 ? <p className="muted small">{t('mailsEmpty')}</p> : null}
      <ul className="mail-list">
        {[...(list?.mails ?? [])].reverse().map((mail) => (
          <MailLine key={mail.id} mail={mail} configured={list?.configured ?? true} />
        ))}
      </ul>
      <button type="button" className="link" onClick={load}>
        {t('mailsRefresh')}
      </button>
      {error ? <p className="error small">{error}</p> : null}
    </details>
  );
}

function MailLine({ mail, configured }: { mail: MailView; configured: boolean }) {
  const { t, formatTime } = useI18n();
  const status =
    mail.status === 'queued' && !configured ? t('mailNotSent') : t(`mailStatus_${mail.status}`);
  return (
    <li className="mail-entry" data-status={mail.status}>
      <span>
        <strong>{mail.to.name}</strong> <span className="muted">&lt;{mail.to.email}&gt;</span>
      </span>
      <span className="small">
        {t(`mailKind_${mail.kind}`)} · <span title={mail.subject}>{mail.subject}</span>
      </span>
      <span className={`small mail-status ${mail.status === 'failed' ? 'error' : ''}`}>
        {t('mailStatus')}: {status}
        {mail.sentAt ? ` · ${formatTime(mail.sentAt)}` : ''}
        {mail.attempts > 0 && mail.status !== 'sent'
          ? ` · ${t('mailAttempts', { n: String(mail.attempts) })}`
          : ''}
        {mail.nextAttemptAt
          ? ` · ${t('mailNextAttempt', { time: formatTime(mail.nextAttemptAt, 'second') })}`
          : ''}
      </span>
      {mail.lastError ? <span className="small muted mail-error">{mail.lastError}</span> : null}
    </li>
  );
}
