import { useEffect, useReducer, useState, type FormEvent } from 'react';
import type { MeetingMeta } from '../../shared/meeting.ts';
import { MAX_FORUM_LENGTH, MAX_TITLE_LENGTH } from '../../shared/meeting.ts';
import { TEMPLATES, type TemplateName } from '../../shared/minutes/templates.ts';
import { api } from '../api.ts';
import { AppLink } from '../components/AppLink.tsx';
import { ImportForm } from '../components/ImportForm.tsx';
import { invitedMeetingIds, isSecretariat, signIn } from '../auth.ts';
import { useAsyncAction } from '../hooks/useAsyncAction.ts';
import { usePageHeading } from '../hooks/usePageHeading.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { navigate } from '../router.ts';

export function MeetingListPage() {
  const { t, formatDate } = useI18n();
  const [meetings, setMeetings] = useState<MeetingMeta[] | null>(null);
  const [title, setTitle] = useState('');
  const [forum, setForum] = useState('');
  const [date, setDate] = useState('');
  // Loading the list and creating a meeting fail apart; the form shows the latest failure.
  const { error: loadError, run: runLoad } = useAsyncAction(() => t('loadError'));
  const { busy, error: createError, run, setError } = useAsyncAction();
  const error = createError ?? loadError;
  const [query, setQuery] = useState('');
  const [template, setTemplate] = useState<TemplateName>('driftsforum');

  // The secretariat sees every meeting; an invitee the meetings of their invite links.
  const organiser = isSecretariat();
  const heading = usePageHeading(organiser ? t('meetings') : t('yourMeetings'));
  // Bumped to load the list again (after an import added a meeting).
  const [loads, reload] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const load = organiser
      ? api.listMeetings().then((r) => r.meetings)
      : signIn.person
        ? api.myMeetings().then((r) => r.meetings)
        : Promise.all(
            invitedMeetingIds().map((id) =>
              api.getMeeting(id).then(
                (r) => r.meeting,
                () => null,
              ),
            ),
          ).then((list) => list.filter((m): m is MeetingMeta => m !== null));
    void runLoad(() => load.then(setMeetings));
  }, [t, organiser, runLoad, loads]);

  const create = (e: FormEvent) => {
    e.preventDefault();
    if (title.trim() === '') return setError(t('errorRequired'));
    void run(async () => {
      const { meeting } = await api.createMeeting({ title, forum, date, template });
      navigate(`/m/${meeting.id}`);
    });
  };

  const needle = query.trim().toLocaleLowerCase('da');
  const shown = (meetings ?? []).filter(
    (m) => !needle || `${m.forum} ${m.title}`.toLocaleLowerCase('da').includes(needle),
  );

  return (
    <main className="list-page">
      <h1 ref={heading} tabIndex={-1}>
        {organiser ? t('meetings') : t('yourMeetings')}
      </h1>
      {meetings === null && !error ? <p className="muted">{t('loading')}</p> : null}
      {meetings && meetings.length === 0 ? <p className="muted">{t('noMeetings')}</p> : null}
      {meetings && meetings.length > 0 ? (
        <input
          type="search"
          className="search"
          name="search"
          placeholder={t('search')}
          aria-label={t('search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      ) : null}
      {meetings && meetings.length > 0 ? (
        <table className="meetings">
          <thead>
            <tr>
              <th>{t('title')}</th>
              <th>{t('forum')}</th>
              <th>{t('date')}</th>
              <th>{t('phase')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((m) => (
              <tr key={m.id}>
                <td>
                  <AppLink to={`/m/${m.id}`}>{m.title}</AppLink>
                </td>
                <td>{m.forum}</td>
                <td>{formatDate(m.date)}</td>
                <td>
                  <span className={`phase phase-${m.phase}`}>{t(`phase_${m.phase}`)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      {!organiser ? (
        <p className="muted">
          <AppLink to="/login">{t('signIn')}</AppLink>
        </p>
      ) : (
        <p>
          <AppLink to="/rosters">{t('rosters')}</AppLink>
        </p>
      )}
      {organiser ? (
        <form className="card new-meeting" onSubmit={create}>
          <h2>{t('newMeeting')}</h2>
          <label>
            {t('title')}
            <input
              name="title"
              value={title}
              maxLength={MAX_TITLE_LENGTH}
              onChange={(e) => setTitle(e.target.value)}
            />
          </label>
          <label>
            {t('forum')}
            <input
              name="forum"
              value={forum}
              maxLength={MAX_FORUM_LENGTH}
              onChange={(e) => setForum(e.target.value)}
            />
          </label>
          <label>
            {t('date')}
            <input name="date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </label>
          <label>
            {t('template')}
            <select
              name="template"
              value={template}
              onChange={(e) => setTemplate(e.target.value as TemplateName)}
            >
              {TEMPLATES.map((name) => (
                <option key={name} value={name}>
                  {t(`template_${name}`)}
                </option>
              ))}
            </select>
          </label>
          {error ? (
            <p className="error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('creating') : t('create')}
          </button>
        </form>
      ) : null}
      {organiser ? <ImportForm onImported={reload} /> : null}
    </main>
  );
}
