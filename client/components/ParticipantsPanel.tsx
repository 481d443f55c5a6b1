import { useState, type FormEvent } from 'react';
import {
  MAX_FIELD_LENGTH,
  MAX_PARTICIPANTS,
  PARTICIPANT_STATUSES,
  type ParticipantStatus,
} from '../../shared/minutes/fields.ts';
import {
  groupByOrganisation,
  participantsArray,
  readParticipants,
} from '../../shared/minutes/layout.ts';
import {
  addParticipant,
  removeParticipant,
  updateParticipant,
} from '../../shared/minutes/operations.ts';
import { useObserved } from '../collab/useObserved.ts';
import type { MeetingConnection } from '../collab/useMeetingConnection.ts';
import { useI18n } from '../i18n/I18n.tsx';

/** Participants grouped by organisation, each with title, role and status (afbud …). */
export function ParticipantsPanel({ connection }: { connection: MeetingConnection }) {
  const { t } = useI18n();
  const doc = connection.doc;
  useObserved([participantsArray(doc)], true);
  const participants = readParticipants(doc);
  const groups = groupByOrganisation(participants);
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [status, setStatus] = useState<ParticipantStatus>('present');

  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim() || participants.length >= MAX_PARTICIPANTS) return;
    addParticipant(doc, {
      name: name.trim(),
      organisation: organisation.trim(),
      title: '',
      role: '',
      status,
    });
    setName('');
  };
  const present = participants.filter((p) => p.status !== 'absent').length;
  const absent = participants.length - present;

  return (
    <section className="participants" aria-label={t('participants')}>
      <h2>
        {t('participants')}{' '}
        <span className="muted count">
          {present} {t('countPresent')} · {absent} {t('countAbsent')}
        </span>
      </h2>
      {groups.map((group) => (
        <div className="org-group" key={group.organisation}>
          <h3>{group.organisation || t('noOrganisation')}</h3>
          <ul>
            {group.participants.map((p) => (
              <li key={p.id} className={`participant status-${p.status}`} data-testid="participant">
                <input
                  className="p-name"
                  aria-label={t('name')}
                  value={p.name}
                  maxLength={MAX_FIELD_LENGTH}
                  onChange={(e) => updateParticipant(doc, p.id, { name: e.target.value })}
                />
                <input
                  className="p-title"
                  aria-label={t('jobTitle')}
                  placeholder={t('jobTitle')}
                  value={p.title}
                  maxLength={MAX_FIELD_LENGTH}
                  onChange={(e) => updateParticipant(doc, p.id, { title: e.target.value })}
                />
                <input
                  className="p-role"
                  aria-label={t('role')}
                  placeholder={t('role')}
                  value={p.role}
                  maxLength={MAX_FIELD_LENGTH}
                  onChange={(e) => updateParticipant(doc, p.id, { role: e.target.value })}
                />
                <select
                  aria-label={t('status')}
                  value={p.status}
                  onChange={(e) =>
                    updateParticipant(doc, p.id, { status: e.target.value as ParticipantStatus })
                  }
                >
                  {PARTICIPANT_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`status_${s}`)}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="icon danger"
                  aria-label={`${t('remove')} ${p.name}`}
                  title={t('remove')}
                  onClick={() => removeParticipant(doc, p.id)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <form className="add-participant" onSubmit={add}>
        <input
          name="participantName"
          placeholder={t('name')}
          aria-label={t('name')}
          value={name}
          maxLength={MAX_FIELD_LENGTH}
          onChange={(e) => setName(e.target.value)}
        />
        <input
          name="participantOrganisation"
          placeholder={t('organisation')}
          aria-label={t('organisation')}
          list="organisations"
          value={organisation}
          maxLength={MAX_FIELD_LENGTH}
          onChange={(e) => setOrganisation(e.target.value)}
        />
        <datalist id="organisations">
          {groups.map((g) => (
            <option key={g.organisation} value={g.organisation} />
          ))}
        </datalist>
        <select
          aria-label={t('status')}
          value={status}
          onChange={(e) => setStatus(e.target.value as ParticipantStatus)}
        >
          {PARTICIPANT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status_${s}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="secondary">
          {t('addParticipant')}
        </button>
      </form>
    </section>
  );
}
