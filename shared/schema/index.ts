import StarterKit from '@tiptap/starter-kit';
import { getSchema, type AnyExtension } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { AgendaItem } from './AgendaItem.ts';
import { AgendaItemTitle } from './AgendaItemTitle.ts';
import { Beslutning } from './Beslutning.ts';
import { Bilag } from './Bilag.ts';
import { Indstilling } from './Indstilling.ts';
import { ItemDocument } from './ItemDocument.ts';
import { MeetingDocument } from './MeetingDocument.ts';
import { MeetingHeader } from './MeetingHeader.ts';
import { Participant } from './Participant.ts';
import { Participants } from './Participants.ts';
import { Referat } from './Referat.ts';
import { Sagsfremstilling } from './Sagsfremstilling.ts';
import { Uddybning } from './Uddybning.ts';

export { SECTION_TYPES, isSectionType, type SectionType } from './Section.ts';
export { SECTIONS, type LabelLanguage, type SectionInfo } from './sections.ts';

/**
 * The text nodes and marks inside sections. The document and trailing
 * paragraph are ours (a top-level paragraph is not allowed in an item); undo
 * is left to Collaboration's Yjs undo manager, which only undoes the local
 * user's own changes; code is not something minutes hold.
 */
function textExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      document: false,
      trailingNode: false,
      undoRedo: false,
      code: false,
      codeBlock: false,
      horizontalRule: false,
      heading: { levels: [3, 4] },
      link: { openOnClick: false, autolink: true },
    }),
  ];
}

/** The six section nodes, in their usual order. */
export const sectionExtensions = (): AnyExtension[] => [
  Sagsfremstilling,
  Indstilling,
  Bilag,
  Referat,
  Beslutning,
  Uddybning,
];

/**
 * The schema of one agenda item's editor (title + sections). The client binds
 * one editor per item; the server and tests read item bodies with it.
 */
export function itemEditorExtensions(): AnyExtension[] {
  return [ItemDocument, AgendaItemTitle, ...sectionExtensions(), ...textExtensions()];
}

/**
 * The schema of a whole meeting as JSON: header, participants, items. Built
 * from the same nodes as the item editor, so the two cannot drift.
 */
export function meetingExtensions(): AnyExtension[] {
  return [
    MeetingDocument,
    MeetingHeader,
    Participants,
    Participant,
    AgendaItem,
    AgendaItemTitle,
    ...sectionExtensions(),
    ...textExtensions(),
  ];
}

let itemSchemaCache: Schema | null = null;
let meetingSchemaCache: Schema | null = null;

/** The ProseMirror schema of an item body (built once; schemas are immutable). */
export function itemSchema(): Schema {
  return (itemSchemaCache ??= getSchema(itemEditorExtensions()));
}

/** The ProseMirror schema of a whole meeting in JSON form. */
export function meetingSchema(): Schema {
  return (meetingSchemaCache ??= getSchema(meetingExtensions()));
}
