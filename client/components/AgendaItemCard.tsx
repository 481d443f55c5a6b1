import { useCallback, useRef, useState } from 'react';
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
import { useRovingFocus } from '../hooks/useRovingFocus.ts';
import { itemAnchorId } from './SkipLinks.tsx';
import { BilagFiles } from './BilagFiles.tsx';
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
  const tools = useRovingFocus();
  const up = useRef<HTMLButtonElement>(null);
  const down = useRef<HTMLButtonElement>(null);
  const body = itemBody(doc, id);
  if (!item || !body) return null;
  const flags = readItemFlags(item);
  const number = index + 1;
  const n = (key: Parameters<typeof t>[0]) => t(key, { n: String(number) });
  /** Moves the item; the focus stays on the arrow pressed, or the other one at the end. */
  const move = (delta: -1 | 1) => {
    actions.move(delta);
    requestAnimationFrame(() => {
      const [same, other] = delta < 0 ? [up, down] : [down, up];
      (same.current && !same.current.disabled ? same : other).current?.focus();
    });
  };

  return (
    <article
      className={[
        'agenda-item',
        flags.closed ? 'closed' : '',
        dropTarget ? 'drop-target' : '',
      ].join(' ')}
      id={itemAnchorId(id)}
      tabIndex={-1}
      data-item-id={id}
      data-testid="agenda-item"
      aria-label={n('itemLabel')}
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
          title={n('dragItemN')}
          aria-hidden="true"
          onDragStart={(e) => {
            e.dataTransfer.setData(ITEM_DRAG_TYPE, id);
            e.dataTransfer.effectAllowed = 'move';
          }}
        >
          ⠿
        </span>
        {editable ? (
          <label className="presenter">
            <span>{t('presenter')}</span>
            <input
              value={flags.presenter}
              placeholder={t('presenterPlaceholder')}
              maxLength={MAX_FIELD_LENGTH}
              onChange={(e) => setItemFlag(doc, id, 'presenter', e.target.value)}
            />
          </label>
        ) : flags.presenter.trim() ? (
          // Read-only: what was filled in, as printed; nothing where nothing was.
          <span className="presenter">
            {t('presenter')} {flags.presenter}
          </span>
        ) : null}
        {flags.standing ? <span className="tag">{t('standingItem')}</span> : null}
        {editable ? (
          <>
            {ITEM_FLAGS.map(([flag, label]) => (
              <label className="flag" key={flag}>
                <input
                  type="checkbox"
                  checked={flags[flag]}
                  onChange={(e) => setItemFlag(doc, id, flag, e.target.checked)}
                />
                {t(label)}
              </label>
            ))}
          </>
        ) : (
          <>
            {flags.closed ? <span className="tag closed-tag">{t('closedItem')}</span> : null}
            {flags.carryOver ? <span className="tag">{t('carryOver')}</span> : null}
          </>
        )}
        <span className="item-actions" hidden={!editable}>
          <button
            type="button"
            className="icon"
            ref={up}
            title={`${t('moveUp')} (${MOD}↑)`}
            aria-label={n('moveItemUp')}
            disabled={index === 0}
            onClick={() => move(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="icon"
            ref={down}
            title={`${t('moveDown')} (${MOD}↓)`}
            aria-label={n('moveItemDown')}
            disabled={index === count - 1}
            onClick={() => move(1)}
          >
            ↓
          </button>
          <button
            type="button"
            className="icon danger"
            title={t('deleteItem')}
            aria-label={n('deleteItemN')}
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
      <BilagFiles itemId={id} number={number} closed={flags.closed} />
      {editor && editable ? (
        <div className="item-tools" role="toolbar" aria-label={n('itemTools')} {...tools.toolbar}>
          <span className="muted">{t('add')}</span>
          {SECTION_TYPES.map((type, i) => (
            <button
              key={type}
              type="button"
              {...tools.item(i)}
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
            {...tools.item(SECTION_TYPES.length)}
            className="chip phrase"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => actions.insertPhrase(editor, 'noted')}
          >
            {t('phraseNoted')}
          </button>
          <button
            type="button"
            {...tools.item(SECTION_TYPES.length + 1)}
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

/** The item's flags an editor ticks, with their labels. */
const ITEM_FLAGS = [
  ['closed', 'closedItem'],
  ['carryOver', 'carryOver'],
] as const;
