import { memo, useCallback, useState } from 'react';
import { jsonText } from '../../shared/minutes/content.ts';
import {
  deletedItemIds,
  itemBody,
  itemOrderArray,
  itemsMap,
  readHeader,
  visibleItemIds,
} from '../../shared/minutes/layout.ts';
import {
  defaultInsertIndex,
  deleteItem,
  insertItem,
  moveItem,
  restoreItem,
  setItemFlag,
} from '../../shared/minutes/operations.ts';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { useObserved } from '../collab/useObserved.ts';
import type { MeetingConnection } from '../collab/useMeetingConnection.ts';
import { useI18n } from '../i18n/I18n.tsx';
import type { Identity } from '../identity.ts';
import { useDistinctColour } from '../collab/useDistinctColour.ts';
import { useMeetingAccess } from '../collab/MeetingAccess.tsx';
import { AgendaItemCard } from './AgendaItemCard.tsx';
import { UndoToast } from './UndoToast.tsx';
import { AGENDA_HEADING_ID, focusItem } from './SkipLinks.tsx';
import type { ItemActions } from './ItemEditor.tsx';

/** "Driftsforum Voksenpsykiatri – Klynge MIDT" -> "Driftsforum", for standard phrases. */
function forumShortName(forum: string): string {
  return forum.trim().split(/\s+/)[0] || 'Forummet';
}

/**
 * The agenda: items in order with derived numbers, adding, moving, deleting,
 * restoring. Memoised: the page re-renders on every save-status change (twice
 * per keystroke), and a year-long meeting has 70+ item editors below here.
 */
export const AgendaList = memo(function AgendaList({
  connection,
  identity: ownIdentity,
}: {
  connection: MeetingConnection;
  identity: Identity;
}) {
  // Carets in a colour nobody else present shows.
  const identity = useDistinctColour(connection.provider, ownIdentity);
  const editable = useMeetingAccess()?.may('editBody') ?? true;
  const { t } = useI18n();
  const doc = connection.doc;
  useObserved([itemOrderArray(doc), itemsMap(doc)]);
  const [focusId, setFocusId] = useState<string | null>(null);
  /** The item just deleted here, offered back by the undo notice. */
  const [justDeleted, setJustDeleted] = useState<{
    id: string;
    index: number;
    message: string;
  } | null>(null);
  /**
   * Gone by itself (time) or dismissed (×, Escape): when the notice had the
   * focus, it goes back to the agenda rather than falling to <body>.
   */
  const dismissUndo = useCallback(() => {
    const hadFocus = !!document.activeElement?.closest('.toast');
    setJustDeleted(null);
    if (hadFocus) requestAnimationFrame(() => document.getElementById(AGENDA_HEADING_ID)?.focus());
  }, []);
  const ids = visibleItemIds(doc);
  const deleted = deletedItemIds(doc);

  const newItem = (index: number) => {
    const id = insertItem(
      doc,
      {
        title: '',
        sections: [
          { type: 'sagsfremstilling', blocks: [] },
          { type: 'indstilling', blocks: [] },
        ],
      },
      index,
    );
    setFocusId(id);
  };

  const actionsFor = (id: string, index: number): ItemActions => ({
    newItemAfter: () => newItem(index + 1),
    move: (delta) => {
      const to = index + delta;
      if (to >= 0 && to < ids.length) moveItem(doc, id, to);
    },
    insertPhrase: (editor, phrase) => {
      const text =
        phrase === 'noted'
          ? t('phraseNotedText', { forum: forumShortName(readHeader(doc).forum) })
          : t('phraseAgainText');
      editor.chain().focus().insertPhrase(text, 'beslutning').run();
      if (phrase === 'again') setItemFlag(doc, id, 'carryOver', true);
    },
  });

  const deletedTitle = (id: string) => {
    const body = itemBody(doc, id);
    const first = body ? yXmlFragmentToProsemirrorJSON(body).content?.[0] : undefined;
    return (first ? jsonText(first) : '') || '–';
  };
  /** Back on the agenda: at `index` (where it was, for the undo), else at the end. */
  const restore = (id: string, index?: number) => {
    restoreItem(doc, id, index);
    setFocusId(id);
    setJustDeleted(null);
  };

  /** The deleted item's button is gone: the focus goes to its neighbour, else the heading. */
  const deleteAndRefocus = (id: string, index: number) => {
    const neighbour = ids[index + 1] ?? ids[index - 1];
    const message = t('itemDeleted', { n: String(index + 1), title: deletedTitle(id) });
    deleteItem(doc, id);
    setJustDeleted({ id, index, message });
    requestAnimationFrame(() =>
      neighbour ? focusItem(neighbour) : document.getElementById(AGENDA_HEADING_ID)?.focus(),
    );
  };

  return (
    <section className="agenda" aria-labelledby={AGENDA_HEADING_ID}>
      {/* The heading is where "Gå til dagsorden" lands; "+ Nyt punkt" is the next stop. */}
      <div className="agenda-head">
        <h2 id={AGENDA_HEADING_ID} tabIndex={-1}>
          {t('agendaHeading')}
        </h2>
        {editable ? (
          <button
            type="button"
            className="add-item"
            onClick={() => newItem(defaultInsertIndex(doc))}
          >
            + {t('addItem')}
          </button>
        ) : null}
      </div>
      {ids.map((id, index) => (
        <AgendaItemCard
          key={id}
          connection={connection}
          identity={identity}
          id={id}
          index={index}
          count={ids.length}
          actions={actionsFor(id, index)}
          autoFocus={focusId === id}
          onDelete={() => deleteAndRefocus(id, index)}
          onDropItem={(dragged, to) => moveItem(doc, dragged, to)}
        />
      ))}
      {editable && deleted.length > 0 ? (
        <details className="deleted-items">
          <summary>
            {t('deletedItems')} ({deleted.length})
          </summary>
          <ul>
            {deleted.map((id) => (
              <li key={id}>
                <span>{deletedTitle(id)}</span>
                <button type="button" className="link" onClick={() => restore(id)}>
                  {t('restore')}
                </button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {/* A live region that is always there: a toast appearing in it is read out
          (one that appears already filled is missed by some screen readers). */}
      <div role="status" className="toast-region">
        {editable && justDeleted && deleted.includes(justDeleted.id) ? (
          <UndoToast
            message={justDeleted.message}
            onUndo={() => restore(justDeleted.id, justDeleted.index)}
            onDismiss={dismissUndo}
          />
        ) : null}
      </div>
    </section>
  );
});
