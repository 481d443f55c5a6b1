import { Fragment, useEffect, useState } from 'react';
import { SECTION_TYPES } from '../../shared/schema/index.ts';
import { SECTION_SHORTCUTS } from '../editor/SectionCommands.ts';
import type { MeetingMeta } from '../../shared/meeting.ts';
import {
  CLOSE_INVALID_MEETING_ID,
  CLOSE_UNKNOWN_MEETING,
} from '../../shared/protocol/closeCodes.ts';
import { api } from '../api.ts';
import { useMeetingConnection } from '../collab/useMeetingConnection.ts';
import { AgendaList } from '../components/AgendaList.tsx';
import { MOD } from '../components/ItemEditor.tsx';
import { MeetingHeaderForm } from '../components/MeetingHeaderForm.tsx';
import { ParticipantsPanel } from '../components/ParticipantsPanel.tsx';
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
  const [creatingNext, setCreatingNext] = useState(false);

  const createNext = async () => {
    setCreatingNext(true);
    try {
      const { meeting } = await api.createMeeting({ from: meetingId });
      navigate(`/m/${meeting.id}`);
    } finally {
      setCreatingNext(false);
    }
  };

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
          <div className="sheet" lang="da">
            <MeetingHeaderForm connection={connection} phase={meta?.phase ?? null} />
            <ParticipantsPanel connection={connection} />
            <AgendaList connection={connection} identity={identity} />
          </div>
        ) : (
          <p>{t('loading')}</p>
        )}
        {connection ? (
          <aside className="side">
            <PresenceList provider={connection.provider} />
            <button
              type="button"
              className="secondary next-meeting"
              title={t('fromPreviousHint')}
              disabled={creatingNext}
              onClick={createNext}
            >
              {t('fromPrevious')} →
            </button>
            <p className="muted small">{t('fromPreviousHint')}</p>
            <section className="shortcuts">
              <h2>{t('shortcuts')}</h2>
              <dl>
                <dt>
                  <kbd>/</kbd>
                </dt>
                <dd>{t('shortcutSlash')}</dd>
                {SECTION_TYPES.map((type) => (
                  <Fragment key={type}>
                    <dt>
                      <kbd>
                        {MOD}
                        {SECTION_SHORTCUTS[type]}
                      </kbd>
                    </dt>
                    <dd>{t(`section_${type}`)}</dd>
                  </Fragment>
                ))}
                <dt>
                  <kbd>{MOD}N</kbd>
                </dt>
                <dd>{t('shortcutNewItem')}</dd>
                <dt>
                  <kbd>{MOD}↑ ↓</kbd>
                </dt>
                <dd>{t('shortcutMove')}</dd>
              </dl>
            </section>
          </aside>
        ) : null}
      </div>
    </div>
  );
}
