import { Node } from '@tiptap/core';

/** The participant list; grouping by organisation is derived from each participant. */
export const Participants = Node.create({
  name: 'participants',
  content: 'participant*',

  renderHTML() {
    return ['ul', { 'data-participants': '' }, 0];
  },
});
