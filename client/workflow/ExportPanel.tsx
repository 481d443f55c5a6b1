import { useState } from 'react';
import { api } from '../api.ts';
import { useMeetingAccess } from '../collab/MeetingAccess.tsx';
import { useI18n } from '../i18n/I18n.tsx';

const FORMATS = [
  ['pdf', 'PDF'],
  ['docx', 'Word'],
  ['html', 'HTML'],
] as const;

/**
 * Download buttons. Each asks the server for a download link (good for this
 * export of this meeting for 60 s, so no access token is put in a URL) and
 * follows it: the browser downloads natively, on phones too.
 */
export function ExportPanel() {
  const { t } = useI18n();
  const access = useMeetingAccess();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!access) return null;
  const download = async (format: string, publicVersion: boolean) => {
    const key = `${format}-${publicVersion}`;
    setBusy(key);
    setError(null);
    try {
      const { url } = await api.downloadLink(access.meetingId, format, publicVersion);
      const a = document.createElement('a');
      a.href = url;
      a.download = '';
      a.click();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="export" aria-label={t('export')}>
      <h2>{t('export')}</h2>
      {[false, true].map((publicVersion) => (
        <div key={String(publicVersion)} className="export-row">
          <span className="muted small">{publicVersion ? t('exportPublic') : t('exportFull')}</span>
          {FORMATS.map(([format, label]) => (
            <button
              key={format}
              type="button"
              className="chip"
              disabled={busy !== null}
              onClick={() => void download(format, publicVersion)}
            >
              {busy === `${format}-${publicVersion}` ? '…' : label}
            </button>
          ))}
        </div>
      ))}
      {error ? <p className="error small">{error}</p> : null}
    </section>
  );
}
