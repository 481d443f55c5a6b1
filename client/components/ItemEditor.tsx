import { useEffect, useMemo, useRef, useState } from 'react';
import { Extension } from '@tiptap/core';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import type * as Y from 'yjs';
import { SECTIONS, SECTION_TYPES, itemEditorExtensions } from '../../shared/schema/index.ts';
import { useMeetingAccess } from '../collab/MeetingAccess.tsx';
import { othersAwareness } from '../collab/othersAwareness.ts';
import type { MeetingConnection } from '../collab/useMeetingConnection.ts';
import {
  CommentHighlights,
  refreshHighlights,
  selectionAnchor,
  type HighlightedThread,
} from '../editor/CommentHighlights.ts';
import { AnswerHints } from '../editor/AnswerHints.ts';
import { CommentOnly } from '../editor/CommentOnly.ts';
import { ItemNumber } from '../editor/ItemNumber.ts';
import { SectionLabels } from '../editor/SectionLabels.ts';
import { HideEmptySections } from '../editor/HideEmptySections.ts';
import { SectionCommands } from '../editor/SectionCommands.ts';
import { SlashMenu as SlashMenuExtension } from '../editor/SlashMenu.ts';
import { useI18n } from '../i18n/I18n.tsx';
import type { Identity } from '../identity.ts';
import { SlashMenu, type SlashEntry } from './SlashMenu.tsx';

export interface ItemActions {
  /** Inserts a new item right after this one and focuses it. */
  newItemAfter(): void;
  move(delta: -1 | 1): void;
  /**
   * Inserts a standard beslutning phrase into `editor`: "… tog orienteringen
   * til efterretning", or "Punktet dagsordenssættes igen", which also flags the
   * item to be carried over. One place for the toolbar and the "/" menu.
   */
  insertPhrase(editor: Editor, phrase: 'noted' | 'again'): void;
}

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
export const MOD = isMac ? '⌘⌥' : 'Ctrl+Alt+';

/**
 * The editor's element attributes: its name for assistive technology ("Punkt
 * 3", in the reader's language); a multi-line text box when it takes a caret,
 * read-only when the reader may only comment (then also no on-screen keyboard
 * on phones and no spelling marks); plain text when it is only read.
 */
function editorAttributes(
  t: ReturnType<typeof useI18n>['t'],
  n: number,
  mode: 'write' | 'comment' | 'read',
): Record<string, string> {
  return {
    class: 'item-body',
    lang: 'da',
    'aria-label': t('itemLabel', { n: String(n) }),
    ...(mode === 'read' ? {} : { role: 'textbox', 'aria-multiline': 'true' }),
    ...(mode === 'comment'
      ? { 'aria-readonly': 'true', inputmode: 'none', spellcheck: 'false' }
      : {}),
  };
}

/**
 * One agenda item's text (title and sections), bound to its own Y.XmlFragment,
 * with the others' carets, derived numbering, section commands, the "/" menu
 * and the indstilling/beslutning hints.
 */
export function ItemEditor({
  connection,
  identity,
  itemId,
  body,
  number,
  actions,
  autoFocus,
  onEditor,
}: {
  connection: MeetingConnection;
  identity: Identity;
  itemId: string;
  body: Y.XmlFragment;
  number: number;
  actions: ItemActions;
  autoFocus: boolean;
  onEditor(editor: Editor | null): void;
}) {
  const { t } = useI18n();
  const actionsRef = useRef(actions);
  actionsRef.current = actions;
  const tRef = useRef(t);
  tRef.current = t;
  const access = useMeetingAccess();
  const editable = access ? access.may('editBody') : true;
  const canComment = access ? access.may('comment') : false;
  // A reader who may only comment keeps a caret to select with (CommentOnly).
  const commentOnly = !editable && canComment;
  const mode = editable ? 'write' : commentOnly ? 'comment' : 'read';
  const writableRef = useRef(editable);
  writableRef.current = editable;
  const threads = useMemo<HighlightedThread[]>(
    () => (access?.state.threads ?? []).filter((th) => th.itemId === itemId),
    [access?.state.threads, itemId],
  );
  const threadsRef = useRef(threads);
  threadsRef.current = threads;
  const [hasSelection, setHasSelection] = useState(false);

  /** This item's editor, for the caret filter (it exists only after useEditor). */
  const editorRef = useRef<Editor | null>(null);
  const editor = useEditor(
    {
      extensions: [
        ...itemEditorExtensions(),
        Collaboration.configure({ fragment: body }),
        CollaborationCaret.configure({
          provider: {
            awareness: othersAwareness(
              connection.provider.awareness,
              () => editorRef.current?.isFocused ?? false,
            ),
          },
          user: identity,
        }),
        ItemNumber,
        SectionCommands,
        AnswerHints.configure({
          label: (n) => tRef.current('answers', { n: String(n) }),
        }),
        SlashMenuExtension,
        CommentHighlights.configure({ threads: () => threadsRef.current }),
        CommentOnly.configure({ active: () => !writableRef.current }),
        SectionLabels.configure({ label: (type) => tRef.current(`section_${type}`) }),
        HideEmptySections,
        Placeholder.configure({
          includeChildren: true,
          placeholder: ({ node }) =>
            !writableRef.current
              ? ''
              : node.type.name === 'agendaItemTitle'
                ? tRef.current('itemTitlePlaceholder')
                : node.type.name === 'paragraph'
                  ? tRef.current('textPlaceholder')
                  : '',
        }),
        Extension.create({
          name: 'itemShortcuts',
          addKeyboardShortcuts: () => {
            /** Moves the item; the editor is moved in the page, so it takes the focus back. */
            const move = (delta: -1 | 1) => {
              actionsRef.current.move(delta);
              requestAnimationFrame(() => editorRef.current?.commands.focus());
            };
            // A reader who may only comment changes nothing, not even the agenda.
            const writer = (fn: () => void) => () => (writableRef.current ? fn() : undefined, true);
            return {
              'Mod-Alt-n': writer(() => actionsRef.current.newItemAfter()),
              'Mod-Alt-ArrowUp': writer(() => move(-1)),
              'Mod-Alt-ArrowDown': writer(() => move(1)),
            };
          },
        }),
      ],
      editable: editable || commentOnly,
      editorProps: { attributes: editorAttributes(t, number, mode) },
      onSelectionUpdate: ({ editor: e }) => setHasSelection(!e.state.selection.empty),
    },
    [body, connection],
  );

  editorRef.current = editor;

  useEffect(() => {
    if (editor && !editor.isDestroyed && editor.isEditable !== (editable || commentOnly))
      editor.setEditable(editable || commentOnly);
  }, [editor, editable, commentOnly]);

  useEffect(() => {
    if (editor && !editor.isDestroyed) refreshHighlights(editor.view);
  }, [editor, threads]);

  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.commands.setItemNumber(number);
    editor?.setOptions({ editorProps: { attributes: editorAttributes(t, number, mode) } });
  }, [editor, number, t, mode]);

  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.commands.updateUser(identity);
  }, [editor, identity]);

  useEffect(() => {
    onEditor(editor);
    return () => onEditor(null);
  }, [editor, onEditor]);

  useEffect(() => {
    if (editor && autoFocus) editor.commands.focus('start');
  }, [editor, autoFocus]);

  const entries = useMemo<SlashEntry[]>(
    () => [
      ...SECTION_TYPES.map((type) => ({
        id: type,
        label: t(`section_${type}`),
        keywords: type,
        hint: `${MOD}${SECTIONS[type].shortcut}`,
        run: (e: Editor) => e.chain().focus().insertSection(type).run(),
      })),
      {
        id: 'points',
        label: t('numberedPoints'),
        keywords: 'nummereret liste 1.',
        run: (e: Editor) => e.chain().focus().toggleOrderedList().run(),
      },
      {
        id: 'bullets',
        label: t('bulletPoints'),
        keywords: 'punktliste liste',
        run: (e: Editor) => e.chain().focus().toggleBulletList().run(),
      },
      {
        id: 'noted',
        label: t('phraseNoted'),
        keywords: 'efterretning beslutning',
        run: (e: Editor) => actionsRef.current.insertPhrase(e, 'noted'),
      },
      {
        id: 'again',
        label: t('phraseAgain'),
        keywords: 'dagsordenssættes igen beslutning',
        run: (e: Editor) => actionsRef.current.insertPhrase(e, 'again'),
      },
      {
        id: 'item',
        label: t('addItem'),
        keywords: 'punkt nyt',
        hint: `${MOD}N`,
        run: () => actionsRef.current.newItemAfter(),
      },
    ],
    [t],
  );

  if (!editor) return null;
  const comment = () => {
    const selected = selectionAnchor(editor.state);
    if (selected && access) access.startComment({ itemId, ...selected });
  };
  return (
    <>
      <EditorContent editor={editor} />
      {editable ? <SlashMenu editor={editor} entries={entries} /> : null}
      {canComment && hasSelection ? (
        <button
          type="button"
          className="comment-selection"
          onMouseDown={(e) => e.preventDefault()}
          onClick={comment}
        >
          + {t('commentSelection')}
        </button>
      ) : null}
    </>
  );
}
