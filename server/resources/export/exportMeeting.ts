import type { JSONContent } from '@tiptap/core';
import type { MeetingState } from '../../../shared/access/workflow.ts';
import { renderHTML } from './html.ts';
import { printModel } from './printModel.ts';

import type { ExportFormat } from '../../../shared/exportFormats.ts';
export { EXPORT_FORMATS, type ExportFormat } from '../../../shared/exportFormats.ts';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
};

/** "referat-driftsforum-voksenpsykiatri-klynge-midt-2020-12-09-offentlig.pdf" */
export function exportFileName(state: MeetingState, format: ExportFormat, publicVersion: boolean) {
  const kind = state.meta.phase === 'agenda' ? 'dagsorden' : 'referat';
  const slug = `${state.meta.forum || state.meta.title}`
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return [kind, slug, state.meta.date, publicVersion ? 'offentlig' : '']
    .filter(Boolean)
    .join('-')
    .concat('.', format);
}

/** Renders the meeting's document in a format; `publicVersion` leaves closed items out. */
export async function exportMeeting(
  state: MeetingState,
  document: JSONContent,
  format: ExportFormat,
  publicVersion: boolean,
): Promise<{ body: Buffer | string; contentType: string }> {
  const model = printModel(state.meta, document, { publicVersion, approvals: state.approvals });
  // The DOCX and PDF libraries (with their fonts) are loaded on first use:
  // a server that never exports does not carry them in its heap.
  const body =
    format === 'docx'
      ? await (await import('./docx.ts')).renderDOCX(model)
      : format === 'pdf'
        ? await (await import('./pdf.ts')).renderPDF(model)
        : renderHTML(model);
  return { body, contentType: CONTENT_TYPES[format] };
}
