import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import * as Y from 'yjs';
import {
  MAX_FORUM_LENGTH,
  MAX_TITLE_LENGTH,
  isIsoDate,
  type MeetingMeta,
} from '../../shared/meeting.ts';
import { isValidMeetingId, newMeetingId } from '../../shared/meetingId.ts';
import { insertItemJSON, writeMeetingContent } from '../../shared/minutes/operations.ts';
import {
  TEMPLATES,
  nextMeetingFrom,
  templateContent,
  type TemplateName,
} from '../../shared/minutes/templates.ts';
import { meetingToJSON } from '../../shared/minutes/toJSON.ts';
import type { RoomManager } from '../collab/RoomManager.ts';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/Storage.ts';

function textField(
  body: Record<string, unknown>,
  name: string,
  max: number,
  required: boolean,
): string {
  const value = body[name];
  if (value === undefined && !required) return '';
  if (typeof value !== 'string')
    throw new HTTPException(400, { message: `${name} must be a string` });
  const trimmed = value.trim();
  if (required && trimmed === '') throw new HTTPException(400, { message: `${name} is required` });
  if (trimmed.length > max)
    throw new HTTPException(400, { message: `${name} is longer than ${max} characters` });
  return trimmed;
}

async function jsonObject(req: { json(): Promise<unknown> }): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new HTTPException(400, { message: 'body must be JSON' });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HTTPException(400, { message: 'body must be a JSON object' });
  }
  return body as Record<string, unknown>;
}

/** `/api/meetings`: create (blank, from a template or from the previous meeting), list, read. */
export function meetingRoutes({
  storage,
  rooms,
  log,
}: {
  storage: Storage;
  rooms: RoomManager;
  log: Logger;
}) {
  const app = new Hono();

  async function existingMeeting(id: string): Promise<MeetingMeta> {
    if (!isValidMeetingId(id)) throw new HTTPException(400, { message: 'invalid meeting id' });
    const meeting = await storage.getMeeting(id);
    if (!meeting) throw new HTTPException(404, { message: 'meeting not found' });
    return meeting;
  }

  app.get('/', async (c) => {
    const meetings = await storage.listMeetings();
    meetings.sort((a, b) => (b.date || b.createdAt).localeCompare(a.date || a.createdAt));
    return c.json({ meetings });
  });

  app.post('/', async (c) => {
    const fields = await jsonObject(c.req);
    const date = textField(fields, 'date', 10, false);
    if (date !== '' && !isIsoDate(date)) {
      throw new HTTPException(400, { message: 'date must be YYYY-MM-DD' });
    }
    const template = fields.template ?? 'blank';
    if (!TEMPLATES.includes(template as TemplateName)) {
      throw new HTTPException(400, { message: `template must be one of ${TEMPLATES.join(', ')}` });
    }
    const from = fields.from;
    if (from !== undefined && (typeof from !== 'string' || !isValidMeetingId(from))) {
      throw new HTTPException(400, { message: 'from must be a meeting id' });
    }
    const previous = from === undefined ? null : await storage.getMeeting(from);
    if (from !== undefined && !previous) {
      throw new HTTPException(404, { message: 'previous meeting not found' });
    }
    let title = textField(fields, 'title', MAX_TITLE_LENGTH, !previous);
    let forum = textField(fields, 'forum', MAX_FORUM_LENGTH, false);

    const doc = new Y.Doc();
    if (previous) {
      const prev = await rooms.read(previous.id, (room) => meetingToJSON(room.doc).document);
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
      writeMeetingContent(doc, templateContent(template as TemplateName, { title, forum, date }));
    }
    const meta: MeetingMeta = {
      id: newMeetingId(),
      title,
      forum,
      date,
      phase: 'agenda',
      createdAt: new Date().toISOString(),
    };
    await storage.createMeeting(meta, Y.encodeStateAsUpdate(doc));
    doc.destroy();
    log.info('meeting created', { meetingId: meta.id, template, from: previous?.id });
    return c.json({ meeting: meta }, 201);
  });

  app.get('/:id', async (c) => {
    const meeting = await existingMeeting(c.req.param('id'));
    return c.json({ meeting });
  });

  /** The meeting as JSON of the shared schema, with anything that did not fit reported. */
  app.get('/:id/document', async (c) => {
    const meeting = await existingMeeting(c.req.param('id'));
    const result = await rooms.read(meeting.id, (room) => meetingToJSON(room.doc));
    if (result.problems.length) {
      log.warn('meeting document has content outside the schema', {
        meetingId: meeting.id,
        problems: result.problems,
      });
    }
    return c.json({ meeting, ...result });
  });

  return app;
}
