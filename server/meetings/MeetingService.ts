import * as Y from 'yjs';
import type { MeetingMeta } from '../../shared/meeting.ts';
import { newMeetingId } from '../../shared/meetingId.ts';
import { insertItemJSON, writeMeetingContent } from '../../shared/minutes/operations.ts';
import {
  nextMeetingFrom,
  templateContent,
  type TemplateName,
} from '../../shared/minutes/templates.ts';
import { meetingToJSON, type MeetingJSON } from '../../shared/minutes/toJSON.ts';
import type { Principal } from '../access/tokens.ts';
import { AppError } from '../http/errors.ts';
import type { ImportedMinutes } from '../import/importMinutes.ts';
import type { MeetingStore } from './MeetingStore.ts';

/**
 * Meetings as a whole: the list, and the one way a meeting comes to be —
 * from a template, as the next meeting of an earlier one, or imported —
 * stored durably with its first document, registered, audited.
 */
export class MeetingService {
  constructor(private readonly store: MeetingStore) {}

  /** Every meeting (for the secretariat), newest first. */
  async list(): Promise<MeetingMeta[]> {
    const meetings = await this.store.storage.listMeetings();
    return meetings.sort((a, b) => (b.date || b.createdAt).localeCompare(a.date || a.createdAt));
  }

  /** The meeting as JSON of the shared schema, with anything that did not fit reported. */
  async document(meetingId: string): Promise<MeetingJSON> {
    const result = await this.store.rooms.read(meetingId, (room) => meetingToJSON(room.doc));
    if (result.problems.length) {
      this.store.log.warn('meeting document has content outside the schema', {
        meetingId,
        problems: result.problems,
      });
    }
    return result;
  }

  /** A new meeting from a template (blank, Driftsforum) or as the next meeting of `from`. */
  async create(
    organiser: Principal,
    input: {
      title?: string;
      forum?: string;
      date?: string;
      template?: TemplateName;
      from?: string;
    },
  ): Promise<MeetingMeta> {
    const date = input.date ?? '';
    const template = input.template ?? 'blank';
    const previous = input.from ? await this.store.storage.getMeeting(input.from) : null;
    if (input.from && !previous) throw new AppError(404, 'notFound', 'previous meeting not found');
    let title = input.title ?? '';
    let forum = input.forum ?? '';
    if (!previous && !title) throw new AppError(400, 'invalidInput', 'title is required');
    const doc = new Y.Doc();
    if (previous) {
      const prev = await this.store.rooms.read(
        previous.id,
        (room) => meetingToJSON(room.doc).document,
      );
      const next = nextMeetingFrom(prev, date);
      title ||= next.header.title || previous.title;
      forum ||= next.header.forum || previous.forum;
      doc.transact(() => {
        writeMeetingContent(doc, {
          header: { ...next.header, title, forum },
          participants: next.participants,
          items: [],
        });
        // Carried items come with their marks, as item-editor JSON.
        for (const item of next.items) insertItemJSON(doc, item.flags, item.body);
      });
    } else {
      writeMeetingContent(doc, templateContent(template, { title, forum, date }));
    }
    const update = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return this.register(organiser, { title, forum, date, phase: 'agenda' }, update, {
      kind: 'created',
      detail: { template, from: previous?.id },
    });
  }

  /** An imported agenda or minutes (parsed in a worker) as a new meeting. */
  imported(organiser: Principal, imported: ImportedMinutes, format: string): Promise<MeetingMeta> {
    const { title, forum, date, kind } = imported;
    return this.register(
      organiser,
      { title, forum, date, phase: kind === 'referat' ? 'meeting' : 'agenda' },
      imported.update,
      {
        kind: 'imported',
        detail: {
          format,
          items: imported.items,
          participants: imported.participants,
          unrecognised: imported.unrecognised.length,
        },
      },
    );
  }

  /** Stores a new meeting with its first document (durably, before it is listed). */
  private async register(
    organiser: Principal,
    fields: Pick<MeetingMeta, 'title' | 'forum' | 'date' | 'phase'>,
    update: Uint8Array,
    audit: { kind: string; detail: Record<string, unknown> },
  ): Promise<MeetingMeta> {
    const meta: MeetingMeta = {
      id: newMeetingId(),
      ...fields,
      createdAt: new Date().toISOString(),
    };
    await this.store.storage.createMeeting(meta, update);
    this.store.created(meta);
    await this.store.audit(meta.id, organiser, audit.kind, audit.detail);
    this.store.log.info(`meeting ${audit.kind}`, { meetingId: meta.id, ...audit.detail });
    return meta;
  }
}
