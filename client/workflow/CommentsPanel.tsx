import { useState, type FormEvent } from 'react';
import type { CommentThread } from '../../shared/access/workflow.ts';
import {
  itemOrderArray,
  participantsArray,
  readParticipants,
  visibleItemIds,
} from '../../shared/minutes/layout.ts';
import { api } from '../api.ts';
import { useMeetingAccess, type CommentDraft } from '../collab/MeetingAccess.tsx';
import { focusItem } from '../components/SkipLinks.tsx';
import type { MeetingConnection } from '../collab/useMeetingConnection.ts';
import { useObserved } from '../collab/useObserved.ts';
import { useAsyncAction } from '../hooks/useAsyncAction.ts';
import { useI18n } from '../i18n/I18n.tsx';

/** Whether a thread's text still exists: its anchor resolves to a non-empty range in its item. */
export type AnchorCheck = (thread: CommentThread) => boolean;

/**
 * What to tell the writer when a comment write failed: our own words for
 * the server's limits (too fast, meeting full) and for a server fault; the
 * server's text only for refusals the form does not let happen.
 */

const COMMENTS_HEADING_ID = 'comments-heading';

/** Resolves or reopens a thread; says so when the server refused. */
function ResolveButton({
  onToggle,
  resolved,
}: {
  onToggle(): Promise<unknown>;
  resolved: boolean;
}) {
  const { t } = useI18n();
  const { error, run } = useAsyncAction();
  // A resolved thread leaves the list (unless resolved ones are shown): the focus goes to the heading.
  const toggle = () => {
    let done = false;
    void run(async () => {
      await onToggle();
      done = true;
    }).then(() => {
      if (done && !resolved) document.getElementById(COMMENTS_HEADING_ID)?.focus();
    });
  };
  return (
    <>
      <button type="button" className="link" onClick={toggle}>
        {resolved ? t('reopen') : t('resolve')}
      </button>
      {error ? (
        <p className="error small" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

function Composer({
  onSend,
  onCancel,
  names,
  placeholder,
  label,
}: {
  onSend(text: string): Promise<void>;
  onCancel?(): void;
  names: string[];
  placeholder: string;
  label: string;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const { busy, error, run } = useAsyncAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    await run(async () => {
      await onSend(text);
      setText('');
    });
  };
  // "@Ki" -> suggest participants whose name starts so.
  const at = /@([^\s@]*)$/.exec(text)?.[1];
  const suggestions =
    at === undefined
      ? []
      : names
          .filter((n) => n.toLocaleLowerCase('da').startsWith(at.toLocaleLowerCase('da')))
          .slice(0, 5);
  return (
    <form className="composer" onSubmit={submit}>
      <textarea
        aria-label={label}
        placeholder={placeholder}
        value={text}
        maxLength={4000}
        rows={2}
        autoFocus={!!onCancel}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
          if (e.key === 'Escape') onCancel?.();
        }}
      />
      {suggestions.length ? (
        <div className="mentions" role="listbox">
          {suggestions.map((name) => (
            <button
              key={name}
              type="button"
              role="option"
              aria-selected="false"
              onClick={() => setText(text.replace(/@[^\s@]*$/, `@${name} `))}
            >
              @{name}
            </button>
          ))}
        </div>
      ) : null}
      <div className="composer-actions">
        <button type="submit" className="primary small" disabled={busy || !text.trim()}>
          {t('send')}
        </button>
        {onCancel ? (
          <button type="button" className="link" onClick={onCancel}>
            {t('cancel')}
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="error small" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** Renders "@Name" of known participants highlighted. */
function MessageText({ text, names }: { text: string; names: string[] }) {
  const pattern = names.length
    ? new RegExp(
        `(@(?:${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}))`,
        'giu',
      )
    : null;
  if (!pattern) return <>{text}</>;
  return (
    <>
      {text.split(pattern).map((part, i) =>
        i % 2 === 1 ? (
          <mark key={i} className="mention">
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </>
  );
}

/**
 * Comment threads beside the minutes, in agenda order: the text they are on,
 * replies, resolve/reopen, @mentions. A thread whose text was deleted stays,
 * marked as such, with the text it was made on.
 */
export function CommentsPanel({
  connection,
  draft,
  onDraftDone,
  anchored,
}: {
  connection: MeetingConnection;
  draft: CommentDraft | null;
  onDraftDone(): void;
  anchored: AnchorCheck;
}) {
  const { t, formatTime: when } = useI18n();
  const access = useMeetingAccess();
  const [showResolved, setShowResolved] = useState(false);
  useObserved([itemOrderArray(connection.doc), participantsArray(connection.doc)], true);
  const order = visibleItemIds(connection.doc);
  const names = readParticipants(connection.doc)
    .map((p) => p.name.trim())
    .filter(Boolean);
  if (!access) return null;
  const { meetingId } = access;
  const canComment = access.may('comment');
  const position = (th: CommentThread) => {
    const i = order.indexOf(th.itemId);
    return i < 0 ? order.length : i;
  };
  const threads = [...access.state.threads]
    .filter((th) => showResolved || !th.resolved)
    .sort((a, b) => position(a) - position(b));
  const resolvedCount = access.state.threads.filter((th) => th.resolved).length;
  /** The composer closes: the focus goes back to the text the comment is on, just after it. */
  const backToText = (done: CommentDraft) =>
    requestAnimationFrame(() => focusItem(done.itemId, 'afterSelection'));

  return (
    <section className="comments" aria-labelledby={COMMENTS_HEADING_ID}>
      <h2 id={COMMENTS_HEADING_ID} tabIndex={-1}>
        {t('comments')} ({access.state.threads.length - resolvedCount})
      </h2>
      {draft && canComment ? (
        <div className="thread draft">
          <blockquote>{draft.quote}</blockquote>
          <Composer
            names={names}
            label={t('commentPlaceholder')}
            placeholder={t('commentPlaceholder')}
            onCancel={() => (onDraftDone(), backToText(draft))}
            onSend={async (text) => {
              await api.comment(meetingId, { ...draft, text });
              onDraftDone();
              backToText(draft);
            }}
          />
        </div>
      ) : null}
      {threads.length === 0 && !draft ? <p className="muted small">{t('noComments')}</p> : null}
      {threads.map((thread) => {
        const number = order.indexOf(thread.itemId) + 1;
        const orphaned = !anchored(thread);
        return (
          <article
            key={thread.id}
            className={`thread${thread.resolved ? ' resolved' : ''}${orphaned ? ' orphaned' : ''}`}
            data-thread={thread.id}
          >
            <header>
              <span className="muted small">{number > 0 ? `${t('itemShort')} ${number}` : ''}</span>
              {orphaned ? <span className="tag">{t('orphaned')}</span> : null}
            </header>
            {thread.quote ? (
              <blockquote
                title={orphaned ? t('orphaned') : undefined}
                onClick={() =>
                  document
                    .querySelector(`.comment-mark[data-thread="${thread.id}"]`)
                    ?.scrollIntoView({
                      behavior: matchMedia('(prefers-reduced-motion: reduce)').matches
                        ? 'auto'
                        : 'smooth',
                      block: 'center',
                    })
                }
              >
                {thread.quote}
              </blockquote>
            ) : null}
            {thread.messages.map((m) => (
              <div key={m.id} className="message">
                <p className="meta">
                  <strong>{m.authorName}</strong>
                  {m.authorRole ? (
                    <span className="muted small"> · {t(`role_${m.authorRole}`)}</span>
                  ) : null}{' '}
                  <span className="muted small">{when(m.at)}</span>
                </p>
                <p className="text">
                  <MessageText text={m.text} names={names} />
                </p>
              </div>
            ))}
            {thread.resolved ? (
              <p className="muted small">
                {t('resolvedBy')} {thread.resolvedBy}
              </p>
            ) : null}
            {canComment ? (
              <div className="thread-actions">
                {!thread.resolved ? (
                  <Composer
                    names={names}
                    label={t('reply')}
                    placeholder={t('reply')}
                    onSend={async (text) => void (await api.reply(meetingId, thread.id, text))}
                  />
                ) : null}
                <ResolveButton
                  resolved={thread.resolved}
                  onToggle={() => api.resolve(meetingId, thread.id, !thread.resolved)}
                />
              </div>
            ) : null}
          </article>
        );
      })}
      {resolvedCount > 0 ? (
        <label className="flag small">
          <input
            type="checkbox"
            checked={showResolved}
            onChange={(e) => setShowResolved(e.target.checked)}
          />
          {t('showResolved')} ({resolvedCount})
        </label>
      ) : null}
    </section>
  );
}
