import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { AppLink } from './AppLink.tsx';
import { useAsyncAction } from '../hooks/useAsyncAction.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { checksToShow, describeCheck } from '../i18n/importChecks.ts';
import { navigate } from '../router.ts';

type Imported = Awaited<ReturnType<typeof api.importMeeting>>;

/**
 * Import an existing agenda or minutes: paste the text (e.g. from a PDF) or
 * choose a Word file. What could not be recognised is kept in the meeting
 * and listed here to check.
 */
export function ImportForm({
  onImported,
}: {
  /** A meeting was made from the import (the list of meetings has one more). */
  onImported(): void;
}) {
  const { t, language } = useI18n();
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const { busy, error, run } = useAsyncAction();
  const [result, setResult] = useState<Imported | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const isDocx = file !== null && /\.docx$/i.test(file.name);
      const body = file ? (isDocx ? await file.arrayBuffer() : await file.text()) : text;
      const json = await api.importMeeting(body, isDocx);
      setResult(json);
      onImported();
      if (json.unrecognised.length === 0 && checksToShow(json.checks).length === 0) {
        navigate(`/m/${json.meeting.id}`);
      }
    });
  };

  return (
    <details className="card import">
      <summary>{t('importTitle')}</summary>
      <form onSubmit={submit}>
        <p className="muted small">{t('importHint')}</p>
        <label>
          {t('importText')}
          <textarea
            name="import-text"
            rows={6}
            value={text}
            disabled={file !== null}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <label>
          {t('importFile')}
          <input
            type="file"
            accept=".docx,.txt,text/plain"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </label>
        <button
          type="submit"
          className="primary"
          disabled={busy || (text.trim() === '' && file === null)}
        >
          {busy ? t('importing') : t('import')}
        </button>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
      {result ? (
        <div className="import-result" role="status">
          <p>
            {t('importDone', {
              items: String(result.items),
              participants: String(result.participants),
            })}{' '}
            <AppLink to={`/m/${result.meeting.id}`}>{t('open')} →</AppLink>
          </p>
          <p className="muted small" id="import-checks-intro">
            {t('importCheck')}
          </p>
          {/* Least sure first; each entry says in words where the line went (not colour alone). */}
          <ol className="import-checks" aria-labelledby="import-checks-intro">
            {checksToShow(result.checks).map((c, i) => (
              <li key={i}>
                <span className="import-check-where">{describeCheck(c, language)}:</span>{' '}
                <q className="import-check-line">{c.line}</q>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </details>
  );
}
