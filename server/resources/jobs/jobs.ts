import type { JSONContent } from '@tiptap/core';
import type { MeetingState } from '../../../shared/access/workflow.ts';
import { agendaPackage, type PackageBilag } from '../bilag/agendaPackage.ts';
import { exportMeeting, type ExportFormat } from '../export/exportMeeting.ts';
import { importMinutes, type ImportFormat } from '../import/importMinutes.ts';

/**
 * The CPU-heavy work that runs in CpuPool's worker threads, by name: what
 * each takes and gives must survive structured cloning (plain data, typed
 * arrays). Loaded only inside the workers.
 */
export const JOBS = {
  /** An upload (plain text or DOCX) parsed into a new meeting document. */
  import: (input: { format: ImportFormat; body: Uint8Array; title?: string }) =>
    importMinutes(input.format, input.body, input.title),
  /** A meeting rendered as PDF, DOCX or HTML. */
  export: (input: {
    state: MeetingState;
    document: JSONContent;
    format: ExportFormat;
    publicVersion: boolean;
  }) => exportMeeting(input.state, input.document, input.format, input.publicVersion),
  /** The agenda package: the meeting's PDF and its bilag merged into one PDF. */
  package: (input: {
    state: MeetingState;
    document: JSONContent;
    publicVersion: boolean;
    bilag: PackageBilag[];
  }) => agendaPackage(input.state, input.document, input.publicVersion, input.bilag),
};

export type JobKind = keyof typeof JOBS;
export type JobInput<K extends JobKind> = Parameters<(typeof JOBS)[K]>[0];
export type JobOutput<K extends JobKind> = Awaited<ReturnType<(typeof JOBS)[K]>>;

/** From the pool to a worker. */
export interface JobRequest<K extends JobKind = JobKind> {
  id: number;
  kind: K;
  input: JobInput<K>;
}

/** From a worker to the pool: `ready` once, then one answer per request. */
export type WorkerMessage =
  | { ready: true }
  | { id: number; output: unknown }
  | { id: number; error: { message: string; status?: number; code?: string } };
