import { useEffect, useState, type FormEvent } from 'react';
import { MAX_FORUM_LENGTH } from '../../shared/meeting.ts';
import type { RosterSummary } from '../../shared/rosters/roster.ts';
import { api } from '../api.ts';
import { AppLink } from '../components/AppLink.tsx';
import { useAsyncAction } from '../hooks/useAsyncAction.ts';
import { usePageHeading } from '../hooks/usePageHeading.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { navigate } from '../router.ts';

/** Every forum's roster (no personal data here), and a form for a new one. */
export function RosterList() {
  const { t } = useI18n();
  const heading = usePageHeading(t('rosters'));
  const [rosters, setRosters] = useState<RosterSummary[] | null>(null);
  const [forum, setForum] = useState('');
  const load = useAsyncAction();
  const create = useAsyncAction();

  useEffect(() => {
    void load.run(() => api.rosters().then((r) => setRosters(r.rosters)));
  }, [load.run]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!forum.trim()) return create.setError(t('errorRequired'));
    void create.run(async () => {
      const { roster } = await api.createRoster(forum);
      navigate(`/rosters/${roster.id}`);
    });
  };

  return (
    <main className="list-page rosters">
      <p>
        <AppLink to="/">{t('backToMeetings')}</AppLink>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {t('rosters')}
      </h1>
      <p className="muted">{t('rostersIntro')}</p>
      {load.error ? (
        <p className="error" role="alert">
          {load.error}
        </p>
      ) : null}
      {rosters === null && !load.error ? <p className="muted">{t('loading')}</p> : null}
      {rosters?.length === 0 ? <p className="muted">{t('noRosters')}</p> : null}
      {rosters && rosters.length > 0 ? (
        <table className="meetings">
          <caption className="sr-only">{t('rosters')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('forum')}</th>
              <th scope="col">{t('participants')}</th>
            </tr>
          </thead>
          <tbody>
            {rosters.map((r) => (
              <tr key={r.id}>
                <td>
                  <AppLink to={`/rosters/${r.id}`}>{r.forum}</AppLink>
                </td>
                <td>{t('rosterCount', { members: r.members, active: r.active })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <form className="card new-meeting" onSubmit={submit}>
        <h2>{t('newRoster')}</h2>
        <label>
          {t('forum')}
          <input
            name="forum"
            value={forum}
            maxLength={MAX_FORUM_LENGTH}
            required
            onChange={(e) => setForum(e.target.value)}
          />
        </label>
        {create.error ? (
          <p className="error" role="alert">
            {create.error}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={create.busy}>
          {t('createRoster')}
        </button>
      </form>
    </main>
  );
}
