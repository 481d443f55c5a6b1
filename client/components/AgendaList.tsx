import { memo, useState } from 'react';
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
import { useMeetingAccess } from '../collab/MeetingAccess.tsx';
import { AgendaItemCard } from './AgendaItemCard.tsx';
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
  identity,
}: {
  connection: MeetingConnection;
  identity: Identity;
}) {
  const editable = useMeetingAccess()?.may('editBody') ?? true;
  const { t } = useI18n();
  const doc = connection.doc;
  useObserved([itemOrderArray(doc), itemsMap(doc)]);
  const [focusId, setFocusId] = useState<string | null>(null);
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
          ? t('phraseNotedText').replace('{forum}', forumShortName(readHeader(doc).forum))
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

  return (
    <section className="agenda" aria-label={t('agenda')}>
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
          onDelete={() => deleteItem(doc, id)}
          onDropItem={(dragged, to) => moveItem(doc, dragged, to)}
        />
      ))}
      {editable ? (
        <button type="button" className="add-item" onClick={() => newItem(defaultInsertIndex(doc))}>
          + {t('addItem')}
        </button>
      ) : null}
      {editable && deleted.length > 0 ? (
        <details className="deleted-items">
          <summary>
            {t('deletedItems')} ({deleted.length})
          </summary>
          <ul>
            {deleted.map((id) => (
              <li key={id}>
                <span>{deletedTitle(id)}</span>
                <button type="button" className="link" onClick={() => restoreItem(doc, id)}>
                  {t('restore')}
                </button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
});
