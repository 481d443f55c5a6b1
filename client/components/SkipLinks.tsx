import { useEffect, useRef, type MouseEvent } from 'react';
import { createPortal, flushSync } from 'react-dom';
import type { FocusPosition, TiptapEditorHTMLElement } from '@tiptap/core';
import { itemOrderArray, itemsMap, visibleItemIds } from '../../shared/minutes/layout.ts';
import type { MeetingConnection } from '../collab/useMeetingConnection.ts';
import { useObserved } from '../collab/useObserved.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { navigatedInApp } from '../router.ts';
import { usePageSlots } from './PageSlots.tsx';

/** The ids the skip links jump to (the targets render them). */
export const AGENDA_HEADING_ID = 'agenda-heading';
export const WORKFLOW_HEADING_ID = 'workflow-heading';
export const itemAnchorId = (itemId: string) => `item-${itemId}`;

/**
 * Focuses an agenda item: its editor when the reader may write or comment
 * there (the caret at `position`; `'afterSelection'`: at the end of what was
 * selected, the selection let go), else the item itself.
 */
export function focusItem(itemId: string, position: FocusPosition | 'afterSelection' = null) {
  const item = document.getElementById(itemAnchorId(itemId));
  const editor = item?.querySelector<TiptapEditorHTMLElement>(
    '.ProseMirror[contenteditable="true"]',
  )?.editor;
  if (!editor) item?.focus();
  else if (position === 'afterSelection') editor.commands.focus(editor.state.selection.to);
  else editor.commands.focus(position);
}

/**
 * The first stops of the meeting page: the agenda (whose first button is
 * "+ Nyt punkt"), the phase and approval panel, then each item's text, so
 * every main action is a few Tab presses from the top however long the
 * agenda. Hidden until one of them has the keyboard focus. When the app
 * opened the page itself (a new meeting, "Næste møde"), the first link
 * takes the focus, as the browser's start would on a fresh load.
 */
export function SkipLinks({
  connection,
  onShowTools,
  inert = false,
}: {
  connection: MeetingConnection;
  /** Opens the side panel where it is a drawer (narrow screens), before jumping into it. */
  onShowTools(): void;
  /** While the drawer covers the page, its links lead nowhere: out of the Tab order and unread. */
  inert?: boolean;
}) {
  const { t } = useI18n();
  const { skipLinks } = usePageSlots();
  const doc = connection.doc;
  useObserved([itemOrderArray(doc), itemsMap(doc)]);
  const ids = visibleItemIds(doc);
  const first = useRef<HTMLAnchorElement>(null);
  const focused = useRef(false);
  useEffect(() => {
    if (focused.current || !first.current) return;
    focused.current = true;
    if (navigatedInApp()) first.current.focus();
  }, [skipLinks]);

  if (!skipLinks) return null;
  const jump = (focus: () => void) => (e: MouseEvent) => {
    e.preventDefault();
    focus();
  };
  const byId = (id: string) => () => document.getElementById(id)?.focus();
  return createPortal(
    <nav className="skip-links" aria-label={t('skipLinks')} inert={inert}>
      <a ref={first} href={`#${AGENDA_HEADING_ID}`} onClick={jump(byId(AGENDA_HEADING_ID))}>
        {t('skipToAgenda')}
      </a>
      <a
        href={`#${WORKFLOW_HEADING_ID}`}
        onClick={jump(() => {
          // Open the drawer (on a phone) now, so its heading can take the focus at once.
          flushSync(onShowTools);
          byId(WORKFLOW_HEADING_ID)();
        })}
      >
        {t('skipToApproval')}
      </a>
      {ids.map((id, index) => (
        <a key={id} href={`#${itemAnchorId(id)}`} onClick={jump(() => focusItem(id, 'start'))}>
          {t('skipToItem', { n: String(index + 1) })}
        </a>
      ))}
    </nav>,
    skipLinks,
  );
}
