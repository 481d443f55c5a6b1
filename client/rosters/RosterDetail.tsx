import { useCallback, useEffect, useState } from 'react';
import {
  isActiveOn,
  todayInDenmark,
  type Roster,
  type RosterAuditEntry,
  type RosterMember,
} from '../../shared/rosters/roster.ts';
import { api } from '../api.ts';
import { AppLink } from '../components/AppLink.tsx';
import { useAsyncAction } from '../hooks/useAsyncAction.ts';
import { usePageHeading } from '../hooks/usePageHeading.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { MemberForm, type MemberFields } from './MemberForm.tsx';
import { rosterAuditSentence } from './rosterAuditSentence.ts';

/** Only the fields that differ from the member: a change audits what it changed. */
function changedFields(member: RosterMember, fields: MemberFields): Partial<MemberFields> {
  return Object.fromEntries(
    Object.entries(fields).filter(([key, value]) => member[key as keyof MemberFields] !== value),
  );
}

/** One forum's roster: its members in a table, the form to add or edit one, and its changes. */
export function RosterDetail({ forumId }: { forumId: string }) {
  const { t, language, formatDate, formatTime } = useI18n();
  const [roster, setRoster] = useState<Roster | null>(null);
  const [audit, setAudit] = useState<RosterAuditEntry[]>([]);
  const [editing, setEditing] = useState<RosterMember | null>(null);
  const [notice, setNotice] = useState('');
  const load = useAsyncAction();
  const act = useAsyncAction();
  const heading = usePageHeading(roster ? t('rosterFor', { forum: roster.forum }) : t('rosters'));

  const reload = useCallback(
    () =>
      Promise.all([api.roster(forumId), api.rosterAudit(forumId)]).then(([r, a]) => {
        setRoster(r.roster);
        setAudit(a.entries);
      }),
    [forumId],
  );
  useEffect(() => {
    void load.run(reload);
  }, [load.run, reload]);

  const edit = (member: RosterMember | null) => {
    setEditing(member);
    setNotice('');
    requestAnimationFrame(() => document.getElementById('member-form-heading')?.focus());
  };
  const save = async (fields: MemberFields) => {
    if (editing) {
      const patch = changedFields(editing, fields);
      if (Object.keys(patch).length > 0) await api.updateMember(forumId, editing.id, patch);
      setNotice(t('memberSaved', { name: fields.name }));
      setEditing(null);
    } else {
      await api.addMember(forumId, fields);
      setNotice(t('memberAdded', { name: fields.name }));
    }
    await reload();
  };
  const deactivate = (member: RosterMember) =>
    void act.run(async () => {
      await api.deactivateMember(forumId, member.id);
      setNotice(t('memberDeactivated', { name: member.name }));
      await reload();
    });

  const today = todayInDenmark();
  const period = (m: RosterMember) =>
    m.activeFrom || m.activeTo
      ? `${formatDate(m.activeFrom) || '…'} – ${formatDate(m.activeTo) || '…'}`
      : '';
  const organisations = [...new Set(roster?.members.map((m) => m.organisation).filter(Boolean))];

  return (
    <main className="list-page roster">
      <p>
        <AppLink to="/rosters">{t('backToRosters')}</AppLink>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {roster ? t('rosterFor', { forum: roster.forum }) : t('rosters')}
      </h1>
      {load.error || act.error ? (
        <p className="error" role="alert">
          {load.error ?? act.error}
        </p>
      ) : null}
      <p role="status" className="notice">
        {notice}
      </p>
      {roster === null && !load.error ? <p className="muted">{t('loading')}</p> : null}
      {roster && roster.members.length === 0 ? <p className="muted">{t('noMembers')}</p> : null}
      {roster && roster.members.length > 0 ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="roster-caption">
          <table className="meetings roster-members">
            <caption id="roster-caption">
              {t('rosterMembersCaption', { forum: roster.forum })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('email')}</th>
                <th scope="col">{t('organisation')}</th>
                <th scope="col">{t('forumRole')}</th>
                <th scope="col">{t('referatRole')}</th>
                <th scope="col">{t('approverByDefault')}</th>
                <th scope="col">{t('activePeriod')}</th>
                <th scope="col">
                  <span className="sr-only">{t('actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {roster.members.map((m) => {
                const active = isActiveOn(m, today);
                return (
                  <tr key={m.id} className={active ? undefined : 'inactive'} data-testid="member">
                    <th scope="row">
                      {m.name}
                      {m.title ? <span className="muted small"> · {m.title}</span> : null}
                    </th>
                    <td>{m.email}</td>
                    <td>{m.organisation}</td>
                    <td>{m.forumRole}</td>
                    <td>{t(`role_${m.role}`)}</td>
                    <td>{m.approver ? t('yes') : t('no')}</td>
                    <td>
                      {period(m)}
                      {active ? null : <span className="muted small"> ({t('inactive')})</span>}
                    </td>
                    <td className="actions">
                      <button
                        type="button"
                        className="link"
                        aria-label={t('editMember', { name: m.name })}
                        onClick={() => edit(m)}
                      >
                        {t('edit')}
                      </button>
                      {active ? (
                        <button
                          type="button"
                          className="link danger"
                          aria-label={t('deactivateMember', { name: m.name })}
                          disabled={act.busy}
                          onClick={() => deactivate(m)}
                        >
                          {t('deactivate')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {roster ? (
        <MemberForm
          key={editing?.id ?? 'new'}
          member={editing}
          organisations={organisations}
          onSave={save}
          onCancel={() => edit(null)}
        />
      ) : null}
      {audit.length > 0 ? (
        <section className="card roster-audit" aria-labelledby="roster-audit-heading">
          <h2 id="roster-audit-heading">{t('rosterAudit')}</h2>
          <ol>
            {[...audit].reverse().map((e, i) => (
              <li key={`${e.at}-${i}`}>
                <time dateTime={e.at}>{formatTime(e.at)}</time> {rosterAuditSentence(e, language)}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </main>
  );
}
