import { z } from 'zod';
import { ROLES } from '../access/permissions.ts';
import { MAX_COMMENT_LENGTH, MAX_NAME_LENGTH, MAX_QUOTE_LENGTH } from '../access/workflow.ts';
import { EXPORT_FORMATS } from '../exportFormats.ts';
import { MAX_FORUM_LENGTH, MAX_TITLE_LENGTH, PHASES, isIsoDate } from '../meeting.ts';
import { isValidMeetingId } from '../meetingId.ts';
import { TEMPLATES } from '../minutes/templates.ts';

/**
 * Every request body, query and path parameter of the API, as zod schemas:
 * the server validates with them (@hono/zod-validator) and the client's
 * typed calls (hono/client) take their types from them, so the two cannot
 * drift. zod, because Hono's own validator middleware and RPC client types
 * come from it directly, it is the most used schema library, and its
 * messages name the field that is wrong.
 */

/** A trimmed string of 1..max characters. */
const text = (max: number) => z.string().trim().min(1).max(max);

export const meetingIdParam = z.object({
  id: z.string().refine(isValidMeetingId, 'invalid meeting id'),
});
export const inviteParam = meetingIdParam.extend({ inviteId: z.uuid() });
export const threadParam = meetingIdParam.extend({ threadId: z.uuid() });
const versionId = z.string().regex(/^v\d{1,6}$/, 'invalid version id');
export const versionParam = meetingIdParam.extend({ versionId });

export const bilagParam = meetingIdParam.extend({ bilagId: z.uuid() });
/** An upload's item and file name (the bytes are the body; their type is sniffed, never taken from here). */
export const bilagUploadQuery = z.object({
  item: text(100),
  name: z.string().max(1000).default(''),
});
/** `public=1`: the package without closed items and their bilag. */
export const packageQuery = z.object({ public: z.enum(['1', '0']).optional() });

export const signInBody = z.object({ key: z.string().max(1000), name: text(MAX_NAME_LENGTH) });
export const tokenBody = z.object({ credential: z.string().min(1).max(4096) });

export const createMeetingBody = z
  .object({
    title: z.string().trim().max(MAX_TITLE_LENGTH).optional(),
    forum: z.string().trim().max(MAX_FORUM_LENGTH).optional(),
    date: z
      .string()
      .refine((d) => d === '' || isIsoDate(d), 'date must be YYYY-MM-DD')
      .optional(),
    template: z.enum(TEMPLATES).optional(),
    /** Make the next meeting of this one (its title then comes from forum and date). */
    from: z.string().refine(isValidMeetingId, 'from must be a meeting id').optional(),
  })
  .refine((b) => b.from !== undefined || (b.title ?? '') !== '', {
    message: 'title is required',
    path: ['title'],
  });
export type CreateMeeting = z.output<typeof createMeetingBody>;

export const importQuery = z.object({ title: z.string().max(MAX_TITLE_LENGTH).optional() });

export const phaseBody = z.object({ to: z.enum(PHASES) });

/** An e-mail address, compared and stored in lower case. */
export const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  .transform((e) => e.toLowerCase());

export const inviteBody = z.object({
  name: text(MAX_NAME_LENGTH),
  email: email.optional(),
  role: z.enum(ROLES),
  /** Left out: the chair(s) of the meeting become approvers by default. */
  approver: z.boolean().optional(),
  participantId: text(100).optional(),
});
export const invitePatchBody = z.object({ approver: z.boolean() });

export const approvalBody = z.object({
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'hash must be the content hash you approve'),
});

export const versionBody = z.object({ name: text(MAX_NAME_LENGTH) });
export const diffQuery = z.object({ from: versionId.optional() });

export const downloadBody = z.object({ format: z.enum(EXPORT_FORMATS), public: z.boolean() });
export const exportQuery = z.object({
  format: z.enum(EXPORT_FORMATS).default('pdf'),
  public: z.enum(['1', '0']).optional(),
  /** A download link's token (POST …/downloads). */
  dl: z.string().max(4096).optional(),
});

/** Relative positions (Y.relativePositionToJSON) as the editor makes them; small. */
const anchor = z
  .object({ start: z.unknown(), end: z.unknown() })
  .refine((a) => JSON.stringify(a).length <= 1000, 'anchor too large');
export const commentBody = z.object({
  itemId: text(100),
  anchor,
  quote: z
    .string()
    .optional()
    .transform((q) => (q ?? '').slice(0, MAX_QUOTE_LENGTH)),
  text: text(MAX_COMMENT_LENGTH),
});
export const replyBody = z.object({ text: text(MAX_COMMENT_LENGTH) });
export const resolveBody = z.object({ resolved: z.boolean() });
