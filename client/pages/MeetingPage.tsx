import { useEffect, useState } from 'react';
import type { MeetingMeta } from '../../shared/meeting.ts';
import {
  CLOSE_INVALID_MEETING_ID,
  CLOSE_UNKNOWN_MEETING,
} from '../../shared/protocol/closeCodes.ts';
import { api } from '../api.ts';
import { useMeetingConnection } from '../collab/useMeetingConnection.ts';
import { MinutesEditor } from '../components/MinutesEditor.tsx';
import { PresenceList } from '../components/PresenceList.tsx';
import { SaveStatus } from '../components/SaveStatus.tsx';
import { useI18n } from '../i18n/I18n.tsx';
import type { Identity } from '../identity.ts';
import { navigate } from '../router.ts';

export function MeetingPage({ meetingId, identity }: { meetingId: string; identity: Identity }) {
  const { t } = useI18n();
  const { connection, saveState, closeCode } = useMeetingConnection(meetingId);
  const [meta, setMeta] = useState<MeetingMeta | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    api
      .getMeeting(meetingId)
      .then((r) => setMeta(r.meeting))
      .catch((err: { status?: number }) => {
        if (err.status === 404 || err.status === 400) setMissing(true);
      });
  }, [meetingId]);

  if (missing || closeCode === CLOSE_UNKNOWN_MEETING || closeCode === CLOSE_INVALID_MEETING_ID) {
    return (
      <main className="list-page">
        <p className="error">
          {closeCode === CLOSE_INVALID_MEETING_ID ? t('invalidMeeting') : t('meetingNotFound')}
        </p>
        <a href="/" onClick={(e) => (e.preventDefault(), navigate('/'))}>
          {t('backToMeetings')}
        </a>
      </main>
    );
  }

  return (
    <div className="meeting-page">
      <div className="meeting-bar">
        <a href="/" className="back" onClick={(e) => (e.preventDefault(), navigate('/'))}>
          {t('backToMeetings')}
        </a>
        <h1>{meta?.title ?? ''}</h1>
        {meta ? (
          <span className={`phase phase-${meta.phase}`}>{t(`phase_${meta.phase}`)}</span>
        ) : null}
        <SaveStatus state={saveState} />
      </div>
      <div className="meeting-body">
        {connection ? (
          <MinutesEditor connection={connection} identity={identity} />
        ) : (
          <p>{t('loading')}</p>
        )}
        {connection ? (
          <aside className="side">
            <PresenceList provider={connection.provider} />
          </aside>
        ) : null}
      </div>
    </div>
  );
}
