import { Node } from '@tiptap/core';
import { HEADER_FIELDS } from '../minutes/fields.ts';

/**
 * The meeting header (forum, date, time, place, chair, minute-taker) in the
 * meeting's JSON form. Edited through a form, so it is an atom holding
 * attributes; the live document keeps the same fields in a Y.Map.
 */
export const MeetingHeader = Node.create({
  name: 'meetingHeader',
  atom: true,

  addAttributes() {
    return Object.fromEntries(HEADER_FIELDS.map((f) => [f, { default: '' }]));
  },

  renderHTML() {
    return ['header', { 'data-meeting-header': '' }];
  },
});
