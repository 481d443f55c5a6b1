import { Node, mergeAttributes } from '@tiptap/core';

/**
 * The title of an agenda item, the first node of its body. Plain text: the
 * number in front of it is derived from the item's position and drawn by the
 * editor, never stored.
 */
export const AgendaItemTitle = Node.create({
  name: 'agendaItemTitle',
  content: 'text*',
  marks: '',
  defining: true,

  parseHTML() {
    return [{ tag: 'h2[data-item-title]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return [
      'h2',
      mergeAttributes(HTMLAttributes, { 'data-item-title': '', class: 'item-title' }),
      0,
    ];
  },
});
