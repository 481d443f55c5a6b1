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
import type { TokenService } from '../auth/tokens.ts';
import type { CpuPool } from '../jobs/CpuPool.ts';
import type { RoomManager } from '../collab/RoomManager.ts';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/Storage.ts';
import type { Workflows } from '../workflow/Workflows.ts';
import { meetingAccess, organiserOf, principalOf } from './access.ts';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
import { jsonObject, textField } from './input.ts';

/** `/api/meetings`: create (blank, from a template or from the previous meeting), list, read. */
export function meetingRoutes({
  storage,
  rooms,
  tokens,
  workflows,
  cpuPool,
  log,
}: {
  storage: Storage;
  rooms: RoomManager;
  tokens: TokenService;
  workflows: Workflows;
  /** Where uploads are parsed: off the event loop, with a deadline and a memory limit. */
  cpuPool: CpuPool;
  log: Logger;
}) {
  const app = new Hono();

  /** The organiser sees every meeting; an invitee only the meeting of their token. */
  app.get('/', async (c) => {
    const principal = await principalOf(c, tokens);
    let meetings: MeetingMeta[];
    if (principal.meetingId === '*') {
      meetings = await storage.listMeetings();
    } else {
      await workflows.authorize(principal, principal.meetingId);
      meetings = [workflows.state(principal.meetingId)!.meta];
    }
    meetings.sort((a, b) => (b.date || b.createdAt).localeCompare(a.date || a.createdAt));
    return c.json({ meetings });
  });

  app.post('/', async (c) => {
    const organiser = await organiserOf(c, tokens);
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
    const previous = from === undefined ? null : await storage.getMeeting(from as string);
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
    workflows.created(meta);
    await workflows.audit(meta.id, organiser, 'created', { template, from: previous?.id });
    log.info('meeting created', { meetingId: meta.id, template, from: previous?.id });
    return c.json({ meeting: meta }, 201);
  });

  /**
   * Import of an existing agenda or minutes as a new meeting: the body is
   * plain text (`text/plain`, e.g. copied from a PDF) or a Word file
   * (`application/vnd.openxmlformats-officedocument.wordprocessingml.document`).
   * Answers the meeting and the lines that were not recognised (kept as text
   * in the meeting, listed for the user to check).
   */
  app.post('/import', async (c) => {
    const organiser = await organiserOf(c, tokens);
    const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
    const format = type === 'text/plain' ? 'text' : type === DOCX_TYPE ? 'docx' : null;
    if (!format) throw new HTTPException(415, { message: 'send text/plain or a .docx file' });
    // Parsed in a worker thread: a megabyte of hostile text or a zip bomb
    // must not hold up everyone's live editing (refusals come as HTTPException).
    const imported = await cpuPool.importMinutes(
      format,
      new Uint8Array(await c.req.arrayBuffer()),
      c.req.query('title'),
    );
    const { title, date, kind, unrecognised } = imported;
    const meta: MeetingMeta = {
      id: newMeetingId(),
      title,
      forum: imported.forum,
      date,
      phase: kind === 'referat' ? 'meeting' : 'agenda',
      createdAt: new Date().toISOString(),
    };
    await storage.createMeeting(meta, imported.update);
    workflows.created(meta);
    await workflows.audit(meta.id, organiser, 'imported', {
      format,
      items: imported.items,
      participants: imported.participants,
      unrecognised: unrecognised.length,
    });
    log.info('meeting imported', { meetingId: meta.id, items: imported.items });
    return c.json(
      {
        meeting: meta,
        items: imported.items,
        participants: imported.participants,
        unrecognised,
      },
      201,
    );
  });

  /** The meeting, its server-owned state, and who the caller is in it. */
  app.get('/:id', async (c) => {
    const access = await meetingAccess(c, tokens, workflows);
    workflows.require(access, 'read');
    await workflows.ensureHash(access.meetingId);
    const state = workflows.state(access.meetingId)!;
    const { userId, name } = access.principal;
    const approver = state.approvers.some((a) => a.userId === userId);
    return c.json({
      meeting: state.meta,
      state,
      you: { userId, name, role: access.role, approver },
    });
  });

  /** The meeting as JSON of the shared schema, with anything that did not fit reported. */
  app.get('/:id/document', async (c) => {
    const access = await meetingAccess(c, tokens, workflows);
    workflows.require(access, 'read');
    const meeting = workflows.state(access.meetingId)!.meta;
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
