import { useState } from 'react';
import { tokenFor } from '../auth.ts';
import { useMeetingAccess } from '../collab/MeetingAccess.tsx';
import { useI18n } from '../i18n/I18n.tsx';

const FORMATS = [
  ['pdf', 'PDF'],
  ['docx', 'Word'],
  ['html', 'HTML'],
] as const;

/**
 * Download buttons. The file is fetched with the token in a header (not in
 * the URL, so it stays out of logs and history) and saved from a blob.
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
      const token = tokenFor(access.meetingId);
      const res = await fetch(
        `/api/meetings/${encodeURIComponent(access.meetingId)}/export?format=${format}${publicVersion ? '&public=1' : ''}`,
        { headers: token ? { authorization: `Bearer ${token}` } : {} },
      );
      if (!res.ok)
        throw new Error(
          ((await res.json().catch(() => ({}))) as { error?: string }).error ??
            `HTTP ${res.status}`,
        );
      const name =
        /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ??
        `referat.${format}`;
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
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
