import type { AuditStorage } from './AuditStorage.ts';
import type { BilagStorage } from './BilagStorage.ts';
import type { CommentStorage } from './CommentStorage.ts';
import type { DocumentStorage } from './DocumentStorage.ts';
import type { MeetingStorage } from './MeetingStorage.ts';
import type { OutboxStorage } from './OutboxStorage.ts';
import type { RosterStorage } from './RosterStorage.ts';
import type { SecretStorage } from './SecretStorage.ts';
import type { SessionStorage } from './SessionStorage.ts';
import type { VersionStorage } from './VersionStorage.ts';

/**
 * Everything the server keeps, one small store per aggregate: each with its
 * own interface, a file implementation and an in-memory one for tests, and
 * its own contract test (test/unit/storage/), so another backend
 * (PostgreSQL, docs/design.md section 7) can replace the stores one at a time.
 * createServer hands each service only the stores it needs. What the file
 * stores write where: docs/data-layout.md.
 */
export interface Storage {
  /** Each meeting's Yjs document: update log and snapshots. */
  readonly documents: DocumentStorage;
  /** Each meeting's meta (the meeting list) and workflow record. */
  readonly meetings: MeetingStorage;
  /** Frozen versions of approved minutes, never overwritten. */
  readonly versions: VersionStorage;
  /** Files attached to agenda items, never overwritten. */
  readonly bilag: BilagStorage;
  /** Each meeting's comments, an event log with snapshots. */
  readonly comments: CommentStorage;
  /** Each meeting's append-only audit log. */
  readonly audit: AuditStorage;
  /** Mails waiting to be sent or sent. */
  readonly outbox: OutboxStorage;
  /** The forums' rosters and their audit logs. */
  readonly rosters: RosterStorage;
  /** Sign-ins through an identity provider. */
  readonly sessions: SessionStorage;
  /** Secrets generated when the configuration gives none. */
  readonly secrets: SecretStorage;
}
