import { useState } from 'react';
import type { AuditEntry } from '../../shared/access/workflow.ts';
import { api } from '../api.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { auditSentence } from './auditSentence.ts';

/**
 * The meeting's audit log for the secretariat, newest first: each entry as
 * a sentence in the reader's language with its time, the raw record behind
 * a details toggle. Loaded when opened.
 */
export function AuditLog({ meetingId }: { meetingId: string }) {
  const { t, describeError } = useI18n();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <details
      className="audit"
      onToggle={(e) => {
        if ((e.target as HTMLDetailsElement).open) {
          api.audit(meetingId).then(
            (r) => {
              setFailure(null);
              setEntries(r.entries.reverse());
            },
            // Not "no entries": say why the log could not be read.
            (err: unknown) => setFailure(describeError(err)),
          );
        }
      }}
    >
      <summary>{t('audit')}</summary>
      {failure ? (
        <p className="error" role="alert">
          {failure}
        </p>
      ) : entries?.length === 0 ? (
        <p className="muted small">{t('auditEmpty')}</p>
      ) : null}
      <ol>
        {(entries ?? []).map((entry, i) => (
          <AuditLine key={`${entry.at}-${i}`} entry={entry} />
        ))}
      </ol>
    </details>
  );
}

function AuditLine({ entry }: { entry: AuditEntry }) {
  const { t, language, formatTime } = useI18n();
  const { actor, sentence } = auditSentence(entry, language);
  return (
    <li className="audit-entry" data-kind={entry.kind} data-actor={actor}>
      <time className="muted small" dateTime={entry.at}>
        {formatTime(entry.at, 'second')}
      </time>
      <span className="audit-sentence">{sentence}</span>
      {Object.keys(entry.detail ?? {}).length > 0 ? (
        <details className="audit-detail">
          <summary>{t('auditDetails')}</summary>
          <pre>{JSON.stringify(entry.detail, null, 2)}</pre>
        </details>
      ) : null}
    </li>
  );
}
