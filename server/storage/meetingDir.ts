import path from 'node:path';
import { isValidMeetingId } from '../../shared/meetingId.ts';
import { checkId } from './checkId.ts';

/** `<dataDir>/meetings/`: one folder per meeting, shared by the per-meeting stores. */
export function meetingsDir(dataDir: string): string {
  return path.join(dataDir, 'meetings');
}

/** `<dataDir>/meetings/<id>/`, after the id was checked (never a path from a bad id). */
export function meetingDir(dataDir: string, meetingId: string): string {
  checkId('meeting', meetingId, isValidMeetingId);
  return path.join(meetingsDir(dataDir), meetingId);
}
