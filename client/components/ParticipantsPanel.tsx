import { useState, type FormEvent } from 'react';
import {
  MAX_FIELD_LENGTH,
  MAX_PARTICIPANTS,
  PARTICIPANT_STATUSES,
  type Participant,
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
import { useMeetingAccess } from '../collab/MeetingAccess.tsx';
import { useObserved } from '../collab/useObserved.ts';
import type { MeetingConnection } from '../collab/useMeetingConnection.ts';
import { useI18n } from '../i18n/I18n.tsx';

function StatusSelect({
  value,
  onChange,
}: {
  value: ParticipantStatus;
  onChange(status: ParticipantStatus): void;
}) {
  const { t } = useI18n();
  return (
    <select
      aria-label={t('status')}
      value={value}
      onChange={(e) => onChange(e.target.value as ParticipantStatus)}
    >
      {PARTICIPANT_STATUSES.map((s) => (
        <option key={s} value={s}>
          {t(`status_${s}`)}
        </option>
      ))}
    </select>
  );
}

/**
 * Participants grouped by organisation, each with title, role and status
 * (afbud …). Where the text cannot be edited, each is one line of what was
 * filled in ("Navn – Stilling (Rolle) – afbud"), without empty fields, and
 * the list is left out when nobody is on it (as in the exports).
 */
export function ParticipantsPanel({ connection }: { connection: MeetingConnection }) {
  const { t } = useI18n();
  const editable = useMeetingAccess()?.may('editBody') ?? true;
  const doc = connection.doc;
  useObserved([participantsArray(doc)], true);
  // Read-only, as printed: a row nobody named is left out, and a list with nobody in it too.
  const participants = readParticipants(doc).filter((p) => editable || p.name.trim());
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
  const textField = (
    p: Participant,
    field: 'name' | 'title' | 'role',
    className: string,
    label: string,
    placeholder: string,
  ) => (
    <input
      className={className}
      aria-label={label}
      placeholder={placeholder || undefined}
      value={p[field]}
      maxLength={MAX_FIELD_LENGTH}
      onChange={(e) => updateParticipant(doc, p.id, { [field]: e.target.value })}
    />
  );
  const present = participants.filter((p) => p.status !== 'absent').length;
  const absent = participants.length - present;
  if (!editable && participants.length === 0) return null;

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
            {group.participants.map((p) =>
              editable ? (
                <li
                  key={p.id}
                  className={`participant status-${p.status}`}
                  data-testid="participant"
                >
                  {textField(p, 'name', 'p-name', t('name'), '')}
                  {textField(p, 'title', 'p-title', t('jobTitle'), t('jobTitle'))}
                  {textField(p, 'role', 'p-role', t('role'), t('role'))}
                  <StatusSelect
                    value={p.status}
                    onChange={(status) => updateParticipant(doc, p.id, { status })}
                  />
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
              ) : (
                <li
                  key={p.id}
                  className={`participant-line status-${p.status}`}
                  data-testid="participant"
                >
                  <span className="p-name">{p.name}</span>
                  {p.title.trim() ? <span className="p-title"> – {p.title}</span> : null}
                  {p.role.trim() ? <span className="p-role"> ({p.role})</span> : null}
                  {p.status !== 'present' ? (
                    <span className="p-status">
                      {' '}
                      – {t(`status_${p.status}`).toLocaleLowerCase()}
                    </span>
                  ) : null}
                </li>
              ),
            )}
          </ul>
        </div>
      ))}
      {editable ? (
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
          <StatusSelect value={status} onChange={setStatus} />
          <button type="submit" className="secondary">
            {t('addParticipant')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
