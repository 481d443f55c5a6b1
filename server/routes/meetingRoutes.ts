import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { MAX_FORUM_LENGTH, MAX_TITLE_LENGTH, type MeetingMeta } from '../../shared/meeting.ts';
import { isValidMeetingId, newMeetingId } from '../../shared/meetingId.ts';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/Storage.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

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

/** `/api/meetings`: create, list and read meetings. */
export function meetingRoutes({ storage, log }: { storage: Storage; log: Logger }) {
  const app = new Hono();

  app.get('/', async (c) => {
    const meetings = await storage.listMeetings();
    meetings.sort((a, b) => (b.date || b.createdAt).localeCompare(a.date || a.createdAt));
    return c.json({ meetings });
  });

  app.post('/', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new HTTPException(400, { message: 'body must be JSON' });
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new HTTPException(400, { message: 'body must be a JSON object' });
    }
    const fields = body as Record<string, unknown>;
    const title = textField(fields, 'title', MAX_TITLE_LENGTH, true);
    const forum = textField(fields, 'forum', MAX_FORUM_LENGTH, false);
    const date = textField(fields, 'date', 10, false);
    if (date !== '' && (!DATE.test(date) || Number.isNaN(Date.parse(date)))) {
      throw new HTTPException(400, { message: 'date must be YYYY-MM-DD' });
    }
    const meta: MeetingMeta = {
      id: newMeetingId(),
      title,
      forum,
      date,
      phase: 'agenda',
      createdAt: new Date().toISOString(),
    };
    await storage.createMeeting(meta);
    log.info('meeting created', { meetingId: meta.id });
    return c.json({ meeting: meta }, 201);
  });

  app.get('/:id', async (c) => {
    const id = c.req.param('id');
    if (!isValidMeetingId(id)) throw new HTTPException(400, { message: 'invalid meeting id' });
    const meeting = await storage.getMeeting(id);
    if (!meeting) throw new HTTPException(404, { message: 'meeting not found' });
    return c.json({ meeting });
  });

  return app;
}
