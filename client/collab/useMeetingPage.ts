import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import type { JSONContent } from '@tiptap/core';
import type { CommentThread, MeetingState } from '../../shared/access/workflow.ts';
import { visibleItemIds } from '../../shared/minutes/layout.ts';
import {
  CLOSE_INVALID_MEETING_ID,
  CLOSE_MEETING_DAMAGED,
  CLOSE_NO_ACCESS,
  CLOSE_UNKNOWN_MEETING,
} from '../../shared/protocol/closeCodes.ts';
import { api, type You } from '../api.ts';
import { credentialFor, signIn } from '../auth.ts';
import type { ServerChannel } from './ServerChannel.ts';
import { useMeetingConnection, type MeetingConnection } from './useMeetingConnection.ts';

/** Why a meeting cannot be opened: no such meeting, not a meeting id, or not for this person. */
export type MeetingFailure = 'missing' | 'invalid' | 'noAccess';

export interface MeetingPageState {
  connection: MeetingConnection | null;
  /** The close code that ended the connection for good (44xx, or 1009 repeated). */
  closeCode: number | null;
  /** The server pushes the state on every change; until then, the REST answer. */
  state: MeetingState | null;
  /** Who the signed-in person is in this meeting (the REST answer). */
  you: You | null;
  /** The server's last refusal of an edit of ours (its count makes a repeat news). */
  refused: ServerChannel['refused'];
  /** The stored content is damaged: the meeting is not served live, its checked JSON is shown. */
  damaged: boolean;
  /** That checked JSON, once loaded. */
  staticDocument: JSONContent | null;
  /** Why the meeting cannot be opened; null while it can (or is still loading). */
  failed: MeetingFailure | null;
  /** A thread is orphaned when its item is off the agenda or its text range is gone. */
  anchored(thread: CommentThread): boolean;
}

/**
 * One meeting as its page needs it: the live connection (useMeetingConnection),
 * the REST answer until the server pushes the state, refusals, the static
 * view of a damaged meeting, and why it cannot be opened.
 */
export function useMeetingPage(meetingId: string): MeetingPageState {
  const credential = credentialFor(meetingId);
  const { connection, closeCode } = useMeetingConnection(meetingId, credential);
  const [loaded, setLoaded] = useState<{ state: MeetingState; you: You } | null>(null);
  const [failure, setFailure] = useState<MeetingFailure | null>(null);
  const [staticDocument, setStaticDocument] = useState<JSONContent | null>(null);

  const channel = connection?.channel;
  const subscribe = useCallback(
    (listener: () => void) => channel?.subscribe(listener) ?? (() => {}),
    [channel],
  );
  const pushed = useSyncExternalStore(subscribe, () => channel?.state ?? null);
  const refused = useSyncExternalStore(subscribe, () => channel?.refused ?? null);

  useEffect(() => {
    api
      .getMeeting(meetingId)
      .then((r) => setLoaded({ state: r.state, you: r.you }))
      .catch((err: { status?: number }) => {
        if (err.status === 404) setFailure('missing');
        else if (err.status === 400) setFailure('invalid');
        else if (err.status === 401 || err.status === 403) setFailure('noAccess');
      });
  }, [meetingId]);

  const damaged = closeCode === CLOSE_MEETING_DAMAGED;
  useEffect(() => {
    if (!damaged) return;
    api
      .document(meetingId)
      .then((r) => setStaticDocument(r.document as JSONContent))
      .catch(() => setStaticDocument(null));
  }, [damaged, meetingId]);

  const anchored = useCallback(
    (thread: CommentThread) => {
      const doc = connection?.doc;
      if (!doc || !visibleItemIds(doc).includes(thread.itemId)) return false;
      try {
        const abs = (json: unknown) =>
          Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc);
        const start = abs(thread.anchor.start);
        const end = abs(thread.anchor.end);
        if (!start || !end) return false;
        return start.type !== end.type || end.index > start.index;
      } catch {
        return false;
      }
    },
    [connection],
  );

  const failed =
    failure ??
    (closeCode === CLOSE_UNKNOWN_MEETING
      ? 'missing'
      : closeCode === CLOSE_INVALID_MEETING_ID
        ? 'invalid'
        : closeCode === CLOSE_NO_ACCESS || (!credential && !signIn.person)
          ? 'noAccess'
          : null);

  return {
    connection,
    closeCode,
    state: pushed ?? loaded?.state ?? null,
    you: loaded?.you ?? null,
    refused,
    damaged,
    staticDocument,
    failed,
    anchored,
  };
}
