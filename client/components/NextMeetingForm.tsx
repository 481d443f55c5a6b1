import { useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useAsyncAction } from '../hooks/useAsyncAction.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { navigate } from '../router.ts';

/**
 * "Næste møde": asks for the next meeting's date first (its title is made
 * from the forum and that date), then makes it from this one on the server
 * (participants, invitations with new links, carried and standing items)
 * and opens it.
 */
export function NextMeetingForm({ meetingId }: { meetingId: string }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [date, setDate] = useState('');
  const { busy, error, run } = useAsyncAction();
  const hintId = useId();
  const openButton = useRef<HTMLButtonElement>(null);
  /** Annullér removes the form: the focus goes back to the button that opened it. */
  const cancel = () => {
    setAsking(false);
    requestAnimationFrame(() => openButton.current?.focus());
  };

  const create = (e: FormEvent) => {
    e.preventDefault();
    if (!date) return;
    void run(async () => {
      const { meeting } = await api.createMeeting({ from: meetingId, date });
      navigate(`/m/${meeting.id}`);
    });
  };

  if (!asking) {
    return (
      <div className="next-meeting">
        <button
          type="button"
          className="secondary"
          ref={openButton}
          aria-describedby={hintId}
          onClick={() => setAsking(true)}
        >
          {t('fromPrevious')} →
        </button>
        <p className="muted small" id={hintId}>
          {t('fromPreviousHint')}
        </p>
      </div>
    );
  }
  return (
    <form className="next-meeting" onSubmit={create}>
      <label>
        <span>{t('nextMeetingDate')}</span>
        <input
          type="date"
          name="nextMeetingDate"
          required
          autoFocus
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
      </label>
      <button type="submit" className="primary" disabled={busy || !date}>
        {busy ? t('creating') : t('createNextMeeting')}
      </button>{' '}
      <button type="button" className="link" onClick={cancel}>
        {t('cancel')}
      </button>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
