import { z } from 'zod';
import { ROLES } from '../access/permissions.ts';
import { MAX_COMMENT_LENGTH, MAX_NAME_LENGTH, MAX_QUOTE_LENGTH } from '../access/workflow.ts';
import { EXPORT_FORMATS } from '../exportFormats.ts';
import { MAIL_LANGUAGES } from '../mail.ts';
import { MAX_FORUM_LENGTH, MAX_TITLE_LENGTH, PHASES, isIsoDate } from '../meeting.ts';
import { isValidMeetingId } from '../meetingId.ts';
import { TEMPLATES } from '../minutes/templates.ts';
import { MAX_ROSTER_FIELD_LENGTH, ROSTER_ROLES } from '../rosters/roster.ts';

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
export type SignInInput = z.output<typeof signInBody>;
const credential = z.string().min(1).max(4096);
/** A device's answer to a challenge (embedded mode): base64url, ECDSA P-256 r||s. */
export const deviceProof = z.object({
  challenge: z.string().regex(/^[\w-]{43}$/, 'challenge as issued'),
  signature: z.string().regex(/^[\w-]{86}$/, 'an ECDSA P-256 signature, base64url'),
});
/**
 * An access token: for an invite link's or a sign-in's credential (with the
 * device's proof once the invitation is claimed), or for a meeting (or the
 * secretariat's calls) through the identity provider's session cookie.
 */
export const tokenBody = z.object({
  credential: credential.optional(),
  proof: deviceProof.optional(),
  meetingId: z.string().refine(isValidMeetingId, 'invalid meeting id').optional(),
});
export type TokenInput = z.output<typeof tokenBody>;
/** Claiming an invitation: with a device key (embedded mode) or the signed-in person (cookie). */
export const claimBody = z.object({
  credential,
  publicKey: z
    .object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() })
    .strict()
    .optional(),
  proof: deviceProof.optional(),
});
export type ClaimInput = z.output<typeof claimBody>;

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

/** A last day (YYYY-MM-DD) no earlier than `today`: the server's date in Denmark, by its clock. */
const deadline = (today: () => string) =>
  z
    .string()
    .refine(isIsoDate, 'a deadline must be a date YYYY-MM-DD')
    .refine((d) => d >= today(), 'a deadline cannot be in the past');

/**
 * A phase change; sending the draft (`to: 'review'`) may name the last day
 * for comments and for approval (the mails say them; approvers are reminded).
 * `today` is the server's Danish date, asked at each request.
 */
export const phaseBody = (today: () => string) =>
  z
    .object({
      to: z.enum(PHASES),
      commentDeadline: deadline(today).optional(),
      approvalDeadline: deadline(today).optional(),
    })
    .refine((b) => b.to === 'review' || (!b.commentDeadline && !b.approvalDeadline), {
      message: 'deadlines go with sending the draft (to: review)',
      path: ['to'],
    })
    .refine(
      (b) => !b.commentDeadline || !b.approvalDeadline || b.approvalDeadline >= b.commentDeadline,
      {
        message: 'the approval deadline cannot come before the comment deadline',
        path: ['approvalDeadline'],
      },
    );

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
  /** The language of the mails to this person (default Danish). */
  language: z.enum(MAIL_LANGUAGES).optional(),
  role: z.enum(ROLES),
  /** Left out: the chair(s) of the meeting become approvers by default. */
  approver: z.boolean().optional(),
  participantId: text(100).optional(),
});
export const invitePatchBody = z
  .object({ approver: z.boolean().optional(), email: email.optional() })
  .refine((b) => b.approver !== undefined || b.email !== undefined, 'nothing to change');

export const approvalBody = z.object({
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'hash must be the content hash you approve'),
  /** Embedded mode: the claimed device's signature of the hash (deviceMessage.approve). */
  signature: z
    .string()
    .regex(/^[\w-]{86}$/)
    .optional(),
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

/** Afbud: the caller's own participant is absent (true) or attends after all (false). */
export const absenceBody = z.object({ absent: z.boolean() }).strict();

/** A forum's id (server/rosters/forumId.ts): "f" and 32 hex digits. */
export const rosterParam = z.object({
  forumId: z.string().regex(/^f[0-9a-f]{32}$/, 'invalid forum id'),
});
export const memberParam = rosterParam.extend({ memberId: z.uuid() });

export const rosterBody = z.object({ forum: text(MAX_FORUM_LENGTH) });

const dateOrEmpty = z.string().refine((d) => d === '' || isIsoDate(d), 'date must be YYYY-MM-DD');
const optionalText = z.string().trim().max(MAX_ROSTER_FIELD_LENGTH);

const memberFields = z.object({
  name: text(MAX_NAME_LENGTH),
  email,
  organisation: optionalText,
  title: optionalText,
  forumRole: optionalText,
  role: z.enum(ROSTER_ROLES),
  approver: z.boolean(),
  activeFrom: dateOrEmpty,
  activeTo: dateOrEmpty,
});
/**
 * A new roster member: name, e-mail and role are required, the rest default
 * to empty / false. (Dates in the wrong order are refused by RosterService,
 * which sees a change merged with the member, as 'datesReversed'.)
 */
export const memberBody = memberFields
  .partial({
    organisation: true,
    title: true,
    forumRole: true,
    approver: true,
    activeFrom: true,
    activeTo: true,
  })
  .strict();
export type MemberInput = z.output<typeof memberBody>;
/** Changes to a member: any of the fields, at least one. */
export const memberPatchBody = memberFields
  .partial()
  .strict()
  .refine((m) => Object.keys(m).length > 0, 'nothing to change');
export type MemberPatch = z.output<typeof memberPatchBody>;
