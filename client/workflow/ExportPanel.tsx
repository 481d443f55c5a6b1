import { useState } from 'react';
import { api, saveFile } from '../api.ts';
import type { ExportFormat } from '../../shared/exportFormats.ts';
import { useMeetingAccess } from '../collab/MeetingAccess.tsx';
import { useAsyncAction } from '../hooks/useAsyncAction.ts';
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
  const { busy, error, run } = useAsyncAction();
  /** The button last pressed, shown as "…" while its link is fetched. */
  const [pressed, setPressed] = useState<string | null>(null);
  if (!access) return null;
  const download = (format: ExportFormat, publicVersion: boolean) => {
    setPressed(`${format}-${publicVersion}`);
    return run(async () => {
      const { url } = await api.downloadLink(access.meetingId, format, publicVersion);
      const a = document.createElement('a');
      a.href = url;
      a.download = '';
      a.click();
    });
  };
  /** The agenda package is fetched with the access token and saved from a blob. */
  const downloadPackage = (publicVersion: boolean) => {
    setPressed(`package-${publicVersion}`);
    return run(async () => saveFile(await api.agendaPackage(access.meetingId, publicVersion)));
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
              disabled={busy}
              onClick={() => void download(format, publicVersion)}
            >
              {busy && pressed === `${format}-${publicVersion}` ? '…' : label}
            </button>
          ))}
          {publicVersion || access.may('readClosed') ? (
            <button
              type="button"
              className="chip"
              disabled={busy}
              onClick={() => void downloadPackage(publicVersion)}
            >
              {busy && pressed === `package-${publicVersion}` ? '…' : t('agendaPackage')}
            </button>
          ) : null}
        </div>
      ))}
      {error ? <p className="error small">{error}</p> : null}
    </section>
  );
}
