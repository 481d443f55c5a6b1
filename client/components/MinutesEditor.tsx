import { useEffect } from 'react';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { BODY_FIELD, schemaExtensions } from '../../shared/schema/index.ts';
import type { MeetingConnection } from '../collab/useMeetingConnection.ts';
import { useI18n } from '../i18n/I18n.tsx';
import type { Identity } from '../identity.ts';

function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useI18n();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      heading: e.isActive('heading', { level: 2 }),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
    }),
  });
  const button = (label: string, active: boolean, run: () => void, text: string) => (
    <button
      type="button"
      className={active ? 'tool active' : 'tool'}
      aria-pressed={active}
      title={label}
      aria-label={label}
      onMouseDown={(e) => e.preventDefault()}
      onClick={run}
    >
      {text}
    </button>
  );
  return (
    <div className="toolbar" role="toolbar">
      {button(
        t('heading'),
        state.heading,
        () => editor.chain().focus().toggleHeading({ level: 2 }).run(),
        'H',
      )}
      {button(t('bold'), state.bold, () => editor.chain().focus().toggleBold().run(), 'B')}
      {button(t('italic'), state.italic, () => editor.chain().focus().toggleItalic().run(), 'I')}
      <span className="sep" />
      {button(
        t('bulletList'),
        state.bulletList,
        () => editor.chain().focus().toggleBulletList().run(),
        '•',
      )}
      {button(
        t('orderedList'),
        state.orderedList,
        () => editor.chain().focus().toggleOrderedList().run(),
        '1.',
      )}
      <span className="sep" />
      {button(t('undo'), false, () => editor.chain().focus().undo().run(), '↶')}
      {button(t('redo'), false, () => editor.chain().focus().redo().run(), '↷')}
    </div>
  );
}

/** The minutes' body, bound to the shared Y.Doc, with the others' carets. */
export function MinutesEditor({
  connection,
  identity,
}: {
  connection: MeetingConnection;
  identity: Identity;
}) {
  const editor = useEditor(
    {
      extensions: [
        ...schemaExtensions(),
        Collaboration.configure({ document: connection.doc, field: BODY_FIELD }),
        CollaborationCaret.configure({ provider: connection.provider, user: identity }),
      ],
      editorProps: { attributes: { class: 'minutes', lang: 'da', 'aria-label': 'Referat' } },
    },
    [connection],
  );

  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.commands.updateUser(identity);
  }, [editor, identity]);

  if (!editor) return null;
  return (
    <div className="editor-shell">
      <Toolbar editor={editor} />
      <div className="page">
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}
