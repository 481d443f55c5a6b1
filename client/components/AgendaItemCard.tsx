import { useCallback, useState } from 'react';
import type { Editor } from '@tiptap/react';
import { SECTIONS, SECTION_TYPES } from '../../shared/schema/index.ts';
import { MAX_FIELD_LENGTH } from '../../shared/minutes/fields.ts';
import { itemBody, itemMap, readItemFlags } from '../../shared/minutes/layout.ts';
import { setItemFlag } from '../../shared/minutes/operations.ts';
import { useObserved } from '../collab/useObserved.ts';
import type { MeetingConnection } from '../collab/useMeetingConnection.ts';
import { useI18n } from '../i18n/I18n.tsx';
import type { Identity } from '../identity.ts';
import { useMeetingAccess } from '../collab/MeetingAccess.tsx';
import { ItemEditor, MOD, type ItemActions } from './ItemEditor.tsx';

export const ITEM_DRAG_TYPE = 'application/x-referat-item';

/** One agenda item: number, presenter, flags, move/drag/delete, its editor and quick inserts. */
export function AgendaItemCard({
  connection,
  identity,
  id,
  index,
  count,
  actions,
  autoFocus,
  onDelete,
  onDropItem,
}: {
  connection: MeetingConnection;
  identity: Identity;
  id: string;
  index: number;
  count: number;
  actions: ItemActions;
  autoFocus: boolean;
  onDelete(): void;
  onDropItem(draggedId: string, index: number): void;
}) {
  const editable = useMeetingAccess()?.may('editBody') ?? true;
  const { t } = useI18n();
  const doc = connection.doc;
  const item = itemMap(doc, id);
  useObserved([item]);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [dropTarget, setDropTarget] = useState(false);
  const onEditor = useCallback((e: Editor | null) => setEditor(e), []);
  const body = itemBody(doc, id);
  if (!item || !body) return null;
  const flags = readItemFlags(item);
  const number = index + 1;

  return (
    <article
      className={[
        'agenda-item',
        flags.closed ? 'closed' : '',
        dropTarget ? 'drop-target' : '',
      ].join(' ')}
      data-item-id={id}
      data-testid="agenda-item"
      aria-label={`Punkt ${number}`}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(ITEM_DRAG_TYPE)) return;
        e.preventDefault();
        setDropTarget(true);
      }}
      onDragLeave={() => setDropTarget(false)}
      onDrop={(e) => {
        setDropTarget(false);
        const dragged = e.dataTransfer.getData(ITEM_DRAG_TYPE);
        if (dragged && dragged !== id) {
          e.preventDefault();
          onDropItem(dragged, index);
        }
      }}
    >
      <fieldset className="item-meta" disabled={!editable}>
        <span
          className="drag-handle"
          hidden={!editable}
          draggable={editable}
          title={t('dragItem')}
          aria-hidden="true"
          onDragStart={(e) => {
            e.dataTransfer.setData(ITEM_DRAG_TYPE, id);
            e.dataTransfer.effectAllowed = 'move';
          }}
        >
          ⠿
        </span>
        <label className="presenter">
          <span>{t('presenter')}</span>
          <input
            value={flags.presenter}
            placeholder={t('presenterPlaceholder')}
            maxLength={MAX_FIELD_LENGTH}
            onChange={(e) => setItemFlag(doc, id, 'presenter', e.target.value)}
          />
        </label>
        {flags.standing ? <span className="tag">{t('standingItem')}</span> : null}
        <label className="flag">
          <input
            type="checkbox"
            checked={flags.closed}
            onChange={(e) => setItemFlag(doc, id, 'closed', e.target.checked)}
          />
          {t('closedItem')}
        </label>
        <label className="flag">
          <input
            type="checkbox"
            checked={flags.carryOver}
            onChange={(e) => setItemFlag(doc, id, 'carryOver', e.target.checked)}
          />
          {t('carryOver')}
        </label>
        <span className="item-actions" hidden={!editable}>
          <button
            type="button"
            className="icon"
            title={`${t('moveUp')} (${MOD}↑)`}
            aria-label={t('moveUp')}
            disabled={index === 0}
            onClick={() => actions.move(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="icon"
            title={`${t('moveDown')} (${MOD}↓)`}
            aria-label={t('moveDown')}
            disabled={index === count - 1}
            onClick={() => actions.move(1)}
          >
            ↓
          </button>
          <button
            type="button"
            className="icon danger"
            title={t('deleteItem')}
            aria-label={t('deleteItem')}
            onClick={onDelete}
          >
            ×
          </button>
        </span>
      </fieldset>
      <ItemEditor
        connection={connection}
        identity={identity}
        itemId={id}
        body={body}
        number={number}
        actions={actions}
        autoFocus={autoFocus}
        onEditor={onEditor}
      />
      {editor && editable ? (
        <div className="item-tools" role="toolbar" aria-label={t('add')}>
          <span className="muted">{t('add')}</span>
          {SECTION_TYPES.map((type) => (
            <button
              key={type}
              type="button"
              className="chip"
              title={`${MOD}${SECTIONS[type].shortcut}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => editor.chain().focus().insertSection(type).run()}
            >
              {t(`section_${type}`)}
            </button>
          ))}
          <span className="muted sep-left">{t('phrases')}</span>
          <button
            type="button"
            className="chip phrase"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => actions.insertPhrase(editor, 'noted')}
          >
            {t('phraseNoted')}
          </button>
          <button
            type="button"
            className="chip phrase"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => actions.insertPhrase(editor, 'again')}
          >
            {t('phraseAgain')}
          </button>
        </div>
      ) : null}
    </article>
  );
}
