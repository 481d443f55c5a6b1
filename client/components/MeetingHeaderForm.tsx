import type { Phase } from '../../shared/meeting.ts';
import { MAX_FIELD_LENGTH, type HeaderField } from '../../shared/minutes/fields.ts';
import { headerMap, readHeader } from '../../shared/minutes/layout.ts';
import { setHeaderField } from '../../shared/minutes/operations.ts';
import { useMeetingAccess } from '../collab/MeetingAccess.tsx';
import { useObserved } from '../collab/useObserved.ts';
import type { MeetingConnection } from '../collab/useMeetingConnection.ts';
import { useI18n } from '../i18n/I18n.tsx';

/**
 * The head of the document, as on the printed minutes: "Dagsorden" or
 * "Referat", the forum, date and time, place, chair and minute-taker. Each
 * field is a shared value; the last writer of a field wins. Where the text
 * cannot be edited, only what was filled in is shown, as text.
 */
export function MeetingHeaderForm({
  connection,
  phase,
}: {
  connection: MeetingConnection;
  phase: Phase | null;
}) {
  const { t, formatDate } = useI18n();
  const editable = useMeetingAccess()?.may('editBody') ?? true;
  const doc = connection.doc;
  useObserved([headerMap(doc)]);
  const header = readHeader(doc);
  const kind = (
    <p className="doc-kind">{phase && phase !== 'agenda' ? t('docMinutes') : t('docAgenda')}</p>
  );

  if (!editable) {
    const filled = (name: HeaderField, label: string, className = '') => {
      const value = header[name].trim();
      if (!value) return null;
      return (
        <div className={`header-field ${className}`} key={name}>
          <span>{label}</span>
          <span className="header-value">{name === 'date' ? formatDate(value) : value}</span>
        </div>
      );
    };
    return (
      <header className="doc-header">
        {kind}
        {header.forum.trim() ? <p className="forum-text">{header.forum}</p> : null}
        <div className="header-grid">
          {filled('date', t('date'))}
          {filled('startTime', t('startTime'))}
          {filled('endTime', t('endTime'))}
          {filled('place', t('place'))}
          {filled('onlineLink', t('onlineLink'), 'wide')}
          {filled('chair', t('chair'))}
          {filled('minuteTaker', t('minuteTaker'))}
        </div>
      </header>
    );
  }

  const field = (name: HeaderField, label: string, type = 'text', className = '') => (
    <label className={`header-field ${className}`}>
      <span>{label}</span>
      <input
        name={name}
        type={type}
        value={header[name]}
        placeholder="–"
        maxLength={MAX_FIELD_LENGTH}
        onChange={(e) => setHeaderField(doc, name, e.target.value)}
      />
    </label>
  );

  return (
    <header className="doc-header">
      {kind}
      <input
        className="forum-input"
        name="forum"
        aria-label={t('forum')}
        placeholder={t('forum')}
        value={header.forum}
        maxLength={MAX_FIELD_LENGTH}
        onChange={(e) => setHeaderField(doc, 'forum', e.target.value)}
      />
      <div className="header-grid">
        {field('date', t('date'), 'date')}
        {field('startTime', t('startTime'), 'time')}
        {field('endTime', t('endTime'), 'time')}
        {field('place', t('place'))}
        {field('onlineLink', t('onlineLink'), 'url', 'wide')}
        {field('chair', t('chair'))}
        {field('minuteTaker', t('minuteTaker'))}
      </div>
    </header>
  );
}
