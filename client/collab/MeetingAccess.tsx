import { createContext, useContext } from 'react';
import { can, type Action, type Role } from '../../shared/access/permissions.ts';
import type { MeetingState } from '../../shared/access/workflow.ts';
import type { Phase } from '../../shared/meeting.ts';
import type { You } from '../api.ts';

/** What the signed-in person may do in this meeting now (the server enforces the same table). */
export interface MeetingAccess {
  meetingId: string;
  you: You;
  phase: Phase;
  state: MeetingState;
  may(action: Action): boolean;
  /** Opens the comment composer for a range of an item (set by the comments panel). */
  startComment(draft: CommentDraft): void;
}

export interface CommentDraft {
  itemId: string;
  anchor: { start: unknown; end: unknown };
  quote: string;
}

export function accessFor(
  meetingId: string,
  you: You,
  state: MeetingState,
  startComment: (draft: CommentDraft) => void,
): MeetingAccess {
  const phase = state.meta.phase;
  return {
    meetingId,
    you,
    phase,
    state,
    // A meeting made read-only by a server fault takes no writes of the document.
    may: (action) =>
      can(you.role as Role, phase, action) &&
      !(state.failure && ['editBody', 'changePhase', 'approve'].includes(action)),
    startComment,
  };
}

export const MeetingAccessContext = createContext<MeetingAccess | null>(null);

export function useMeetingAccess(): MeetingAccess | null {
  return useContext(MeetingAccessContext);
}
