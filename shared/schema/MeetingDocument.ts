import Document from '@tiptap/extension-document';

/**
 * The top node of a whole meeting in JSON form (server validation, export,
 * import): header, participants, then the agenda items in order.
 */
export const MeetingDocument = Document.extend({
  content: 'meetingHeader participants agendaItem*',
});
