import type { ReactNode } from 'react';
import type { JSONContent } from '@tiptap/core';
import { groupByOrganisation } from '../../shared/minutes/layout.ts';
import { listStart } from '../../shared/minutes/content.ts';
import { isSectionType } from '../../shared/schema/index.ts';
import type { MeetingHeader, Participant } from '../../shared/minutes/fields.ts';
import { useI18n } from '../i18n/I18n.tsx';
import type { StringKey } from '../i18n/strings.ts';

/** Links only to the web and mail: a stored href could be anything. */
const safeHref = (href: unknown) =>
  typeof href === 'string' && /^(https?:|mailto:)/i.test(href) ? href : undefined;

function marked(node: JSONContent, key: number): ReactNode {
  let out: ReactNode = node.text ?? '';
  for (const mark of node.marks ?? []) {
    if (mark.type === 'bold') out = <strong>{out}</strong>;
    else if (mark.type === 'italic') out = <em>{out}</em>;
    else if (mark.type === 'strike') out = <s>{out}</s>;
    else if (mark.type === 'underline') out = <u>{out}</u>;
    else if (mark.type === 'link') {
      const href = safeHref(mark.attrs?.href);
      out = href ? (
        <a href={href} rel="noreferrer noopener" target="_blank">
          {out}
        </a>
      ) : (
        out
      );
    }
  }
  return <span key={key}>{out}</span>;
}

/** Nesting shown as nesting; deeper (only damaged content goes there) is shown flat. */
const MAX_SHOWN_DEPTH = 12;

/** ProseMirror JSON of an item body as plain, read-only HTML (the server bounds its depth). */
function Blocks({
  nodes,
  t,
  depth = 0,
}: {
  nodes: JSONContent[];
  t: (key: StringKey) => string;
  depth?: number;
}) {
  return (
    <>
      {nodes.map((node, i) => {
        const children = <Blocks nodes={node.content ?? []} t={t} depth={depth + 1} />;
        if (depth > MAX_SHOWN_DEPTH && node.type !== 'text') return <div key={i}>{children}</div>;
        if (node.type === 'text') return marked(node, i);
        if (node.type === 'hardBreak') return <br key={i} />;
        if (node.type && isSectionType(node.type)) {
          return (
            <section key={i} className={`static-section static-section-${node.type}`}>
              <h4>{t(`section_${node.type}` as StringKey)}</h4>
              {children}
            </section>
          );
        }
        switch (node.type) {
          case 'agendaItemTitle':
            return null;
          case 'bulletList':
            return <ul key={i}>{children}</ul>;
          case 'orderedList':
            return (
              <ol key={i} start={listStart(node.attrs?.start)}>
                {children}
              </ol>
            );
          case 'listItem':
            return <li key={i}>{children}</li>;
          case 'blockquote':
            return <blockquote key={i}>{children}</blockquote>;
          case 'heading':
            return <h5 key={i}>{children}</h5>;
          default:
            return <p key={i}>{children}</p>;
        }
      })}
    </>
  );
}

const titleOf = (item: JSONContent) =>
  (item.content?.[0]?.type === 'agendaItemTitle' ? (item.content[0].content ?? []) : [])
    .map((n) => n.text ?? '')
    .join('');

/**
 * A meeting shown from its checked JSON (GET /document), without the live
 * editor: for a meeting whose stored content is damaged (the server does not
 * serve it live), so it can still be read.
 */
export function StaticMeeting({ document }: { document: JSONContent }) {
  const { t, formatDate } = useI18n();
  const nodes = document.content ?? [];
  const header = (nodes.find((n) => n.type === 'meetingHeader')?.attrs ??
    {}) as Partial<MeetingHeader>;
  const participants = (nodes.find((n) => n.type === 'participants')?.content ?? []).map(
    (p) => p.attrs as Participant,
  );
  const items = nodes.filter((n) => n.type === 'agendaItem');
  return (
    <article className="sheet static-meeting" lang="da">
      <h2>{header.forum || header.title}</h2>
      <p>
        {[
          formatDate(header.date ?? ''),
          header.startTime && `${header.startTime}–${header.endTime}`,
          header.place,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {participants.length ? (
        <section aria-label={t('participants')}>
          <h3>{t('participants')}</h3>
          {groupByOrganisation(participants).map((group) => (
            <div key={group.organisation}>
              {group.organisation ? <h4>{group.organisation}</h4> : null}
              <ul>
                {group.participants.map((p) => (
                  <li key={p.id}>
                    {[p.name, p.title, p.role].filter(Boolean).join(', ')}
                    {p.status !== 'present' ? ` (${t(`status_${p.status}` as StringKey)})` : ''}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}
      {items.map((item, i) => (
        <section key={String(item.attrs?.id ?? i)} className="static-item">
          <h3>
            {i + 1}. {titleOf(item)}
          </h3>
          <Blocks nodes={item.content ?? []} t={t} />
        </section>
      ))}
    </article>
  );
}
