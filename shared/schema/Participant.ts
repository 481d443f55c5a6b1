import { Node } from '@tiptap/core';

/** One participant with organisation, title, role and status (see minutes/fields.ts). */
export const Participant = Node.create({
  name: 'participant',
  atom: true,

  addAttributes() {
    return {
      id: { default: '' },
      name: { default: '' },
      title: { default: '' },
      role: { default: '' },
      organisation: { default: '' },
      status: { default: 'present' },
    };
  },

  renderHTML({ node }) {
    return ['li', { 'data-participant': node.attrs.id }];
  },
});
