import { useState } from 'react';
import { participantsArray, readParticipants } from '../../shared/minutes/layout.ts';
import { api } from '../api.ts';
import { useMeetingAccess } from '../collab/MeetingAccess.tsx';
import { useObserved } from '../collab/useObserved.ts';
import type { MeetingConnection } from '../collab/useMeetingConnection.ts';
import { useAsyncAction } from '../hooks/useAsyncAction.ts';
import { useI18n } from '../i18n/I18n.tsx';

/**
 * "Meld afbud" for the reader's own participant (the one their invitation
 * is linked to), shown while the table allows it (before the draft is out).
 * The server sets the status in the document, so the new status arrives
 * through the document, like anyone's edit. Outside the document's
 * fieldset: it works for readers who cannot edit.
 */
export function AbsenceButton({ connection }: { connection: MeetingConnection }) {
  const { t } = useI18n();
  const access = useMeetingAccess();
  useObserved([participantsArray(connection.doc)], true);
  const { busy, error, run } = useAsyncAction();
  const [done, setDone] = useState('');
  const participantId = access?.you.participantId;
  const own = participantId
    ? readParticipants(connection.doc).find((p) => p.id === participantId)
    : undefined;
  if (!access || !own || !access.may('reportAbsence')) return null;
  const absent = own.status === 'absent';
  const toggle = () =>
    void run(async () => {
      await api.setAbsence(access.meetingId, !absent);
      setDone(absent ? t('absenceWithdrawn') : t('absenceRegistered'));
    });
  return (
    <div className="absence">
      <button type="button" className="secondary" disabled={busy} onClick={toggle}>
        {absent ? t('withdrawAbsence') : t('reportAbsence')}
      </button>
      <span role="status" className="muted small">
        {done}
      </span>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
