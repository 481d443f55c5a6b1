import type { MeetingMeta } from '../meeting.ts';
import type { Role } from './permissions.ts';

/** A token's meetingId when it is the secretariat's sign-in, valid for every meeting. */
export const ALL_MEETINGS = '*';

/**
 * What an access token was derived from: generation `generation` of an
 * invite's link (issuing a new link makes the earlier ones worthless), or a
 * secretariat sign-in. Recorded with every approval. (Sign-in through an
 * identity provider will add its own kind, with issuer and subject.)
 */
export type CredentialRef =
  | { kind: 'invite'; inviteId: string; generation: number }
  | { kind: 'session'; sessionId: string }
  | {
      kind: 'oidc';
      sessionId: string;
      issuer: string;
      subject: string;
      /** The invitation the person claimed, when the token is for one meeting. */
      inviteId?: string;
    };

/**
 * Who claimed an invitation; after the claim the link alone grants nothing.
 * - `device` (embedded mode): the browser that opened the link first; it
 *   holds a non-extractable key pair and proves possession on every session.
 * - `oidc`: the person who signed in through the identity provider with the
 *   invitation's e-mail address.
 */
export type InviteClaim =
  | { kind: 'device'; publicKey: JsonWebKey; keyId: string; claimedAt: string }
  | {
      kind: 'oidc';
      issuer: string;
      subject: string;
      email: string;
      claimedAt: string;
    };

/** A person invited to one meeting; the invite link carries a credential naming it. */
export interface Invite {
  id: string;
  userId: string;
  name: string;
  /**
   * The person's e-mail address (lower case): invitations and other mails go
   * there, and with an identity provider only the person signed in with this
   * address can claim the invitation. Cannot change once claimed.
   */
  email?: string;
  /** The language of the mails to this person (default Danish). */
  language?: 'da' | 'en';
  /** Set once, by the first claim; never moved to someone else. */
  claim?: InviteClaim;
  /** The forum roster member the invitation was made from, if any. */
  memberId?: string;
  role: Role;
  /** Links the invite to a participant of the document, if any. */
  participantId?: string;
  /** One of the required approvers of the minutes. */
  approver: boolean;
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
  /** The current link's generation; links of earlier generations grant nothing. */
  linkGeneration?: number;
  /** Who issued the current link, and when (the audit log has every issue). */
  linkIssuedBy?: string;
  linkIssuedAt?: string;
}

/** One approval, bound to the exact content it approved. */
export interface Approval {
  userId: string;
  name: string;
  at: string;
  /** contentHash of the minutes when approved. */
  hash: string;
  /** Set when the content changed after the approval: it no longer counts. */
  voidedAt?: string;
  /**
   * How the approver was established: the credential and the access token
   * that made the approval, and who issued that credential.
   */
  credential?: CredentialRef & { tokenId: string; issuedBy?: string; issuedAt?: string };
  /**
   * The fresh proof of who approved, checkable later: the identity provider's
   * issuer, subject and authentication time (step-up), or (embedded mode) the
   * claimed device key and its signature of `referat-approve\n<meeting>\n<hash>`.
   */
  proof?:
    | { kind: 'oidc'; issuer: string; subject: string; email: string; authTime: string }
    | { kind: 'device'; keyId: string; publicKey: JsonWebKey; signature: string };
}

/** An approver fixed when the draft was sent: the set cannot change during review. */
export interface RequiredApprover {
  userId: string;
  name: string;
}

export type VersionKind = 'draft' | 'approved' | 'named';

/** A saved, immutable version of the minutes. */
export interface VersionInfo {
  id: string;
  kind: VersionKind;
  name: string;
  createdAt: string;
  createdBy: string;
  hash: string;
}

/** Relative positions (Y.relativePositionToJSON) of a comment's range in an item's body. */
export interface CommentAnchor {
  start: unknown;
  end: unknown;
}

export interface CommentMessage {
  id: string;
  authorId: string;
  authorName: string;
  /**
   * The author's role in the meeting: shown with the name, since a name is
   * only what the author's credential says (the secretariat signs in under
   * any name it types).
   */
  authorRole?: Role;
  text: string;
  at: string;
  /** Participant ids mentioned with @Name. */
  mentions: string[];
}

export interface CommentThread {
  id: string;
  itemId: string;
  anchor: CommentAnchor;
  /** The text the thread was made on, shown when its text is gone. */
  quote: string;
  messages: CommentMessage[];
  resolved: boolean;
  resolvedBy?: string;
  resolvedAt?: string;
}

/** The kinds of file an agenda item may carry as bilag, decided from the file's bytes. */
export const BILAG_TYPES = ['pdf', 'docx', 'png', 'jpeg'] as const;
export type BilagType = (typeof BILAG_TYPES)[number];

/** One file (bilag) attached to an agenda item, stored beside the meeting. */
export interface BilagFile {
  /** Generated; the stored file's name. */
  id: string;
  itemId: string;
  /** The name shown and offered on download, e.g. "Bilag 1 – Budget 2027.pdf" (sanitised). */
  name: string;
  type: BilagType;
  size: number;
  /** SHA-256 of the bytes (hex): part of the content hash approvals bind to. */
  sha256: string;
  uploadedAt: string;
  uploadedBy: string;
}

/** Server-owned state of a meeting beside its document, pushed live to clients. */
export interface MeetingState {
  meta: MeetingMeta;
  approvers: { userId: string; name: string }[];
  approvals: Approval[];
  versions: VersionInfo[];
  threads: CommentThread[];
  /** Files attached to agenda items, in upload order (the editor lists them per item). */
  bilag: BilagFile[];
  /**
   * Hash of the current content while in review (null when unknown): an
   * approval names the hash its approver saw, and is refused if it moved on.
   */
  contentHash: string | null;
  /**
   * Set while the meeting is read-only: `damaged` (its stored content could
   * not be read; shown from checked JSON) or `failing` (a fault while open).
   */
  failure: { kind: 'damaged' | 'failing'; since: string } | null;
}

export interface AuditEntry {
  at: string;
  /** e.g. phase, approve, approval-voided, freeze, invite, revoke, refused-write. */
  kind: string;
  userId: string;
  name: string;
  detail: Record<string, unknown>;
}

/** Limits on user input to the workflow routes. */
export const MAX_COMMENT_LENGTH = 4000;
export const MAX_QUOTE_LENGTH = 500;
export const MAX_NAME_LENGTH = 100;
export const MAX_THREADS = 2000;
export const MAX_MESSAGES_PER_THREAD = 200;
export const MAX_INVITES = 500;
/** Versions saved by hand ("Gem version"); drafts and the approved version are never limited by them. */
export const MAX_NAMED_VERSIONS = 50;
/** Drafts sent out (each withdrawal and re-send makes one). */
export const MAX_DRAFT_VERSIONS = 200;
