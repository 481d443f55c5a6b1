import { Node } from '@tiptap/core';

/**
 * An agenda item in the meeting's JSON form: its flags as attributes, its
 * body (title and sections) as content. No number attribute: numbering is
 * derived from the position.
 */
export const AgendaItem = Node.create({
  name: 'agendaItem',
  content: 'agendaItemTitle section*',

  addAttributes() {
    return {
      id: { default: '' },
      presenter: { default: '' },
      closed: { default: false },
      carryOver: { default: false },
      standing: { default: '' },
    };
  },

  renderHTML({ node }) {
    return ['article', { 'data-agenda-item': node.attrs.id }, 0];
  },
});
