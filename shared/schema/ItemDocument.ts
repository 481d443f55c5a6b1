import Document from '@tiptap/extension-document';

/**
 * The top node of one agenda item's editor: its title, then its sections.
 * Each item's body is its own Y.XmlFragment (see shared/minutes/layout.ts) so
 * that moving an item never deletes and re-creates its text.
 */
export const ItemDocument = Document.extend({
  content: 'agendaItemTitle section*',
});
