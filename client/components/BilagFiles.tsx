import { useId, useRef, useState } from 'react';
import type { BilagFile, BilagType } from '../../shared/access/workflow.ts';
import { api, saveFile, uploadBilag } from '../api.ts';
import { useMeetingAccess } from '../collab/MeetingAccess.tsx';
import { useAsyncAction } from '../hooks/useAsyncAction.ts';
import { useI18n } from '../i18n/I18n.tsx';

const TYPE_LABELS: Record<BilagType, string> = {
  pdf: 'PDF',
  docx: 'Word',
  png: 'PNG',
  jpeg: 'JPEG',
};

/** What the file picker offers; the server decides the type from the bytes anyway. */
const ACCEPT =
  '.pdf,.docx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg,' +
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function size(bytes: number, language: string): string {
  const format = (n: number, unit: string) =>
    `${new Intl.NumberFormat(language === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 }).format(n)} ${unit}`;
  if (bytes < 1024) return format(bytes, 'B');
  if (bytes < 1024 * 1024) return format(bytes / 1024, 'KB');
  return format(bytes / 1024 / 1024, 'MB');
}

/**
 * The files (bilag) of one agenda item, under its text: name (a download
 * button: the file is fetched with the access token, never a token in a
 * URL), type and size; for those who may edit, a real file input with its
 * label, the upload's progress and result announced, and delete after a
 * confirmation. A closed item's files are named but not offered to a role
 * that may not read closed items.
 */
export function BilagFiles({
  itemId,
  number,
  closed,
}: {
  itemId: string;
  number: number;
  closed: boolean;
}) {
  const { t, language } = useI18n();
  const access = useMeetingAccess();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const action = useAsyncAction();
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  if (!access) return null;
  const files = access.state.bilag?.filter((f) => f.itemId === itemId) ?? [];
  const editable = access.may('editBody');
  const readable = !closed || access.may('readClosed');
  if (!files.length && !editable) return null;
  const named = (key: Parameters<typeof t>[0], name: string) => t(key, { name });

  const upload = (file: File) =>
    action.run(async () => {
      setAnnouncement('');
      setProgress({ name: file.name, fraction: 0 });
      try {
        const stored = await uploadBilag(access.meetingId, itemId, file, (fraction) =>
          setProgress({ name: file.name, fraction }),
        );
        setAnnouncement(named('bilagUploaded', stored.name));
      } finally {
        setProgress(null);
        if (input.current) input.current.value = '';
      }
    });
  const remove = (file: BilagFile) =>
    action.run(async () => {
      await api.deleteBilag(access.meetingId, file.id);
      setConfirming(null);
      setAnnouncement(named('bilagDeleted', file.name));
    });
  const download = (file: BilagFile) =>
    action.run(async () => saveFile(await api.bilagFile(access.meetingId, file.id)));

  return (
    <section className="bilag-files" aria-label={t('bilagFilesN', { n: String(number) })}>
      <h3 className="bilag-heading">{t('bilagFiles')}</h3>
      {files.length ? (
        <ul>
          {files.map((file) => (
            <li key={file.id} data-testid="bilag-file">
              {readable ? (
                <button
                  type="button"
                  className="link"
                  aria-label={named('bilagDownloadN', file.name)}
                  onClick={() => void download(file)}
                >
                  {file.name}
                </button>
              ) : (
                <span>{file.name}</span>
              )}
              <span className="muted small">
                {' '}
                {TYPE_LABELS[file.type]} · {size(file.size, language)}
                {readable ? '' : ` · ${t('bilagClosedOnly')}`}
              </span>
              {editable && confirming !== file.id ? (
                <button
                  type="button"
                  className="chip danger"
                  aria-label={named('bilagDeleteN', file.name)}
                  disabled={action.busy}
                  onClick={() => setConfirming(file.id)}
                >
                  {t('bilagDelete')}
                </button>
              ) : null}
              {editable && confirming === file.id ? (
                <span
                  className="bilag-confirm"
                  role="group"
                  aria-label={named('bilagDeleteN', file.name)}
                >
                  <span>{named('bilagConfirmDelete', file.name)}</span>
                  <button
                    type="button"
                    className="chip danger"
                    disabled={action.busy}
                    onClick={() => void remove(file)}
                  >
                    {t('bilagDelete')}
                  </button>
                  <button type="button" className="chip" onClick={() => setConfirming(null)}>
                    {t('undo')}
                  </button>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{t('bilagNone')}</p>
      )}
      {editable ? (
        <div className="bilag-upload">
          <label htmlFor={inputId}>{t('bilagAttach')}</label>
          <input
            id={inputId}
            ref={input}
            type="file"
            accept={ACCEPT}
            disabled={action.busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void upload(file);
            }}
          />
          {progress ? (
            <progress
              max={1}
              value={progress.fraction}
              aria-label={t('bilagUploading', {
                name: progress.name,
                p: String(Math.round(progress.fraction * 100)),
              })}
            />
          ) : null}
        </div>
      ) : null}
      {/* Announced once when an upload starts and once with its result, not per percent. */}
      <p className="sr-only" role="status">
        {progress ? named('bilagUploadStarted', progress.name) : announcement}
      </p>
      {announcement && !progress ? (
        <p className="muted small" aria-hidden="true">
          {announcement}
        </p>
      ) : null}
      {action.error ? (
        <p className="error small" role="alert">
          {action.error}
        </p>
      ) : null}
    </section>
  );
}
