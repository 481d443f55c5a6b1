import { useState, type FormEvent } from 'react';
import { MAX_NAME_LENGTH } from '../../shared/access/workflow.ts';
import {
  FORUM_ROLE_SUGGESTIONS,
  MAX_ROSTER_FIELD_LENGTH,
  ROSTER_ROLES,
  type RosterMember,
  type RosterRole,
} from '../../shared/rosters/roster.ts';
import { useAsyncAction } from '../hooks/useAsyncAction.ts';
import { useI18n } from '../i18n/I18n.tsx';

export type MemberFields = Omit<RosterMember, 'id' | 'addedAt' | 'addedBy'>;

const EMPTY: MemberFields = {
  name: '',
  email: '',
  organisation: '',
  title: '',
  forumRole: '',
  role: 'member',
  approver: false,
  activeFrom: '',
  activeTo: '',
};

/**
 * Adds a member, or edits one (`member`): every field labelled, the forum
 * role free text with the usual roles suggested. The form's heading takes
 * the focus when editing starts, so keyboard users land in it.
 */
export function MemberForm({
  member,
  organisations,
  onSave,
  onCancel,
}: {
  member: RosterMember | null;
  /** Organisations already on the roster, suggested. */
  organisations: string[];
  onSave(fields: MemberFields): Promise<void>;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [fields, setFields] = useState<MemberFields>(member ?? EMPTY);
  const { busy, error, run } = useAsyncAction();
  const set = <K extends keyof MemberFields>(key: K, value: MemberFields[K]) =>
    setFields((f) => ({ ...f, [key]: value }));
  const text = (
    key: 'name' | 'organisation' | 'title' | 'forumRole',
    label: string,
    list?: string,
  ) => (
    <label>
      {label}
      <input
        name={key}
        value={fields[key]}
        list={list}
        required={key === 'name'}
        maxLength={key === 'name' ? MAX_NAME_LENGTH : MAX_ROSTER_FIELD_LENGTH}
        onChange={(e) => set(key, e.target.value)}
      />
    </label>
  );
  const dateField = (key: 'activeFrom' | 'activeTo', label: string) => (
    <label>
      {label}
      <input
        type="date"
        name={key}
        value={fields[key]}
        onChange={(e) => set(key, e.target.value)}
      />
    </label>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await onSave(fields);
      if (!member) setFields(EMPTY);
    });
  };

  return (
    <form className="card member-form" onSubmit={submit} aria-labelledby="member-form-heading">
      <h2 id="member-form-heading" tabIndex={-1}>
        {member ? t('editingMember') : t('addMember')}
      </h2>
      {text('name', t('name'))}
      <label>
        {t('email')}
        <input
          name="email"
          type="email"
          required
          autoComplete="off"
          maxLength={254}
          value={fields.email}
          onChange={(e) => set('email', e.target.value)}
        />
      </label>
      {text('organisation', t('organisation'), 'roster-organisations')}
      <datalist id="roster-organisations">
        {organisations.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
      {text('title', t('jobTitle'))}
      {text('forumRole', t('forumRole'), 'forum-roles')}
      <datalist id="forum-roles">
        {FORUM_ROLE_SUGGESTIONS.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <label>
        {t('referatRole')}
        <select
          name="role"
          value={fields.role}
          onChange={(e) => set('role', e.target.value as RosterRole)}
        >
          {ROSTER_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role_${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          name="approver"
          checked={fields.approver}
          onChange={(e) => set('approver', e.target.checked)}
        />
        {t('approverByDefault')}
      </label>
      <div className="dates">
        {dateField('activeFrom', t('activeFrom'))}
        {dateField('activeTo', t('activeTo'))}
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          {member ? t('saveMember') : t('addMember')}
        </button>
        {member ? (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
