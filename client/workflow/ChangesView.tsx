import { useEffect, useRef, useState } from 'react';
import type { DiffLine } from '../../shared/minutes/diff.ts';
import { api, type Changes } from '../api.ts';
import { useAsyncAction } from '../hooks/useAsyncAction.ts';
import { useI18n } from '../i18n/I18n.tsx';

function lineLabel(label: string, t: ReturnType<typeof useI18n>['t']): string {
  if (label === 'title') return t('title');
  if (label === 'participant') return t('participants');
  if (label.startsWith('header.')) return label.slice(7);
  return (t(`section_${label}` as Parameters<typeof t>[0]) as string | undefined) || label;
}

function Line({ line }: { line: DiffLine }) {
  const { t } = useI18n();
  return (
    <p className="diff-line">
      <span className="diff-label">{lineLabel(line.label, t)}</span>
      {line.parts.map((part, i) =>
        part.op === 'ins' ? (
          <ins key={i}>{part.text}</ins>
        ) : part.op === 'del' ? (
          <del key={i}>{part.text}</del>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  );
}

/** "Changes since the draft was sent out": what changed in review, item by item, with authors. */
export function ChangesView({ meetingId, onClose }: { meetingId: string; onClose(): void }) {
  const { t } = useI18n();
  const [result, setResult] = useState<Changes | null>(null);
  const { error, run } = useAsyncAction();
  useEffect(() => {
    void run(() => api.diff(meetingId).then(setResult));
  }, [meetingId, run]);
  // They open at the top of the document, far from the button: take the
  // focus there (which scrolls them into view) so the button visibly did something.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const diff = result?.diff;
  const empty = diff && diff.items.length === 0 && diff.general.length === 0;
  return (
    <section className="changes" aria-labelledby="changes-heading">
      <header>
        <h2 id="changes-heading" ref={heading} tabIndex={-1}>
          {t('showChanges')}
        </h2>
        <button type="button" className="link" onClick={onClose}>
          {t('hideChanges')}
        </button>
      </header>
      {error ? <p className="error">{error}</p> : null}
      {empty ? <p className="muted">{t('noChanges')}</p> : null}
      {diff && diff.general.length > 0 ? (
        <article className="diff-item">
          <h3>{t('general')}</h3>
          {diff.general.map((line, i) => (
            <Line key={i} line={line} />
          ))}
        </article>
      ) : null}
      {diff?.items.map((item) => (
        <article key={item.itemId} className={`diff-item diff-${item.status}`}>
          <h3>
            {item.number ? `${item.number}. ` : ''}
            {item.title || '–'}
            {item.status === 'added' ? <span className="tag">{t('itemAdded')}</span> : null}
            {item.status === 'removed' ? <span className="tag">{t('itemRemoved')}</span> : null}
          </h3>
          {item.authors ? (
            <p className="muted small">
              {t('changedBy')}: {item.authors.join(', ')}
            </p>
          ) : null}
          {item.lines.map((line, i) => (
            <Line key={i} line={line} />
          ))}
        </article>
      ))}
    </section>
  );
}
