import { CLOSE_INVALID_UPDATE, CLOSE_TOO_MANY } from '../../shared/protocol/closeCodes.ts';
import type { RefusedMessage } from '../../shared/protocol/extraMessages.ts';
import type { Logger } from '../core/log.ts';
import type { Access } from '../core/access.ts';
import { ProtocolError } from './ProtocolError.ts';

/** Refused updates a connection may send before it is closed (4429). */
const MAX_REFUSED = 20;
/** Updates breaking the layout or limits a connection may send before it is closed (4422). */
const MAX_INVALID = 3;

/**
 * One connection's refused updates: what the client is told (message 104),
 * what is audited and logged, and when it has been told enough (the
 * connection is closed: 4429 for forbidden edits, 4422 for invalid ones).
 */
export class Refusals {
  private refused = 0;
  private invalid = 0;

  constructor(
    private readonly access: Access,
    private readonly connectionId: string,
    private readonly log: Logger,
    /** Audits a refusal (the audit log is rate-limited per person). */
    private readonly audit: (detail: Record<string, unknown>) => void,
  ) {}

  /**
   * An update this connection may not make (its role, the phase, or the
   * meeting is read-only after a fault): not applied, so not stored and not
   * relayed. Returns what the client is told.
   */
  forbidden(bytes: number, phase: string, why: 'role' | 'failing'): RefusedMessage {
    this.refused++;
    const role = this.access.role;
    if (this.refused === 1 || this.refused % 10 === 0) {
      this.audit({
        role,
        phase,
        bytes,
        count: this.refused,
        ...(why === 'failing' ? { reason: 'meeting read-only after a failure' } : {}),
      });
    }
    this.log.warn('refused a document update', {
      meetingId: this.access.meetingId,
      connectionId: this.connectionId,
      role,
      phase,
      why,
    });
    return {
      reason:
        why === 'failing'
          ? 'the meeting is read-only after a failure on the server'
          : `a ${role} may not edit the minutes in phase ${phase}`,
      phase,
      kind: why === 'failing' ? 'failing' : 'permission',
    };
  }

  /** An update breaking the layout or a limit: refused like a forbidden edit, always audited. */
  outOfLayout(bytes: number, phase: string, kind: string, reason: string): RefusedMessage {
    this.invalid++;
    this.audit({
      role: this.access.role,
      phase,
      bytes,
      count: this.invalid,
      invalid: kind,
      reason,
    });
    this.log.warn('refused an invalid document update', {
      meetingId: this.access.meetingId,
      connectionId: this.connectionId,
      role: this.access.role,
      kind,
      reason,
    });
    return { reason, phase, kind: kind === 'too-large' ? 'tooLarge' : 'invalid' };
  }

  /** After telling the client: a client that keeps trying is closed. */
  checkLimits() {
    if (this.refused >= MAX_REFUSED) {
      throw new ProtocolError(CLOSE_TOO_MANY, 'too many refused updates');
    }
    if (this.invalid >= MAX_INVALID) {
      throw new ProtocolError(CLOSE_INVALID_UPDATE, 'repeated invalid updates');
    }
  }
}
