import type { JSONContent } from '@tiptap/core';
import { PDFDocument, type PDFPage } from 'pdf-lib';
import type { BilagType, MeetingState } from '../../../shared/access/workflow.ts';
import { exportMeeting } from '../export/exportMeeting.ts';
import { printModel } from '../export/printModel.ts';
import { readOutline, writeOutline, writePageLabels, type OutlineEntry } from './pdfOutline.ts';
import { DOCX_NOTE, UNREADABLE_PDF, standInPages, type StandIn } from './standInPages.ts';

/** A bilag as the package gets it (in agenda order). */
export interface PackageBilag {
  itemId: string;
  name: string;
  type: BilagType;
  bytes: Uint8Array;
}

/**
 * The agenda package: the meeting's PDF export followed by every bilag, in
 * agenda order: PDF bilag merged page by page (pdf-lib), images each on a
 * page of their own, and for a DOCX (which cannot be merged) or a PDF that
 * cannot be read (encrypted, damaged) a page naming it and saying where to
 * get it. Bookmarks: the agenda, then each item with its bilag under it;
 * page labels say which bilag a page belongs to. The public package leaves
 * out closed items and their bilag (`bilag` must already leave them out;
 * they are skipped here too).
 */
export async function agendaPackage(
  state: MeetingState,
  document: JSONContent,
  publicVersion: boolean,
  bilag: PackageBilag[],
): Promise<Uint8Array> {
  const model = printModel(state.meta, document, { publicVersion, approvals: state.approvals });
  const itemIds = (document.content ?? [])
    .filter((node) => node.type === 'agendaItem')
    .map((node) => String(node.attrs?.id ?? ''));
  const agenda = await exportMeeting(state, document, 'pdf', publicVersion);
  const pkg = await PDFDocument.load(agenda.body as Uint8Array);
  const agendaPages = pkg.getPageCount();
  const headings = readOutline(pkg);
  // Only what is printed: a withheld item's bilag must not even be copied
  // (pdf-lib saves every object copied in, whether a page shows it or not).
  const shown = bilag.filter((b) => {
    const at = itemIds.indexOf(b.itemId);
    return at >= 0 && !model.items[at].withheld;
  });
  const pagesOf = await bilagPages(pkg, shown, model.items, itemIds);

  const outline: OutlineEntry[] = [{ title: model.kind, target: 0 }];
  const labels = [{ start: 0, prefix: '' }];
  for (const [i, item] of model.items.entries()) {
    if (item.withheld) continue;
    const title = `${item.number}. ${item.title}`;
    const entry: OutlineEntry = { title, target: headings.get(title) ?? 0, children: [] };
    outline.push(entry);
    const files = shown.filter((b) => b.itemId === itemIds[i]);
    for (const [k, file] of files.entries()) {
      const start = pkg.getPageCount();
      for (const page of pagesOf.get(file)!) pkg.addPage(page);
      entry.children!.push({ title: file.name, target: start });
      labels.push({ start, prefix: `Bilag ${item.number}.${k + 1}, s. ` });
    }
  }
  writeOutline(pkg, outline);
  if (pkg.getPageCount() > agendaPages) writePageLabels(pkg, labels);
  pkg.setTitle(`Dagsordenspakke – ${model.forum || model.title}`, { showInWindowTitleBar: true });
  pkg.setLanguage('da-DK');
  pkg.setProducer('Referat');
  return pkg.save();
}

/**
 * Every bilag's pages, copied into `pkg` (not yet added): a PDF's own pages;
 * for an image, a DOCX or a PDF that cannot be read (encrypted, damaged),
 * a stand-in page.
 */
async function bilagPages(
  pkg: PDFDocument,
  bilag: PackageBilag[],
  items: { number: number; title: string }[],
  itemIds: string[],
): Promise<Map<PackageBilag, PDFPage[]>> {
  const pages = new Map<PackageBilag, PDFPage[]>();
  const standIns: { file: PackageBilag; page: StandIn }[] = [];
  for (const file of bilag) {
    const item = items[itemIds.indexOf(file.itemId)];
    const itemTitle = item ? `${item.number}. ${item.title}` : '';
    const standIn = (why: string) =>
      standIns.push({ file, page: { kind: 'note', name: file.name, item: itemTitle, why } });
    if (file.type === 'docx') standIn(DOCX_NOTE);
    else if (file.type === 'png' || file.type === 'jpeg') {
      standIns.push({
        file,
        page: { kind: 'image', name: file.name, item: itemTitle, bytes: file.bytes },
      });
    } else {
      const copied = await copyAll(pkg, file.bytes);
      if (copied) pages.set(file, copied);
      else standIn(UNREADABLE_PDF);
    }
  }
  if (standIns.length) {
    const made = await PDFDocument.load(await standInPages(standIns.map((s) => s.page)));
    const copied = await pkg.copyPages(made, made.getPageIndices());
    standIns.forEach(({ file }, i) => pages.set(file, [copied[i]]));
  }
  return pages;
}

/** A PDF's pages copied into `pkg`; null when it cannot be read (damaged, encrypted, no pages). */
async function copyAll(pkg: PDFDocument, bytes: Uint8Array): Promise<PDFPage[] | null> {
  try {
    const source = await PDFDocument.load(bytes, { updateMetadata: false });
    if (source.getPageCount() === 0) return null;
    return await pkg.copyPages(source, source.getPageIndices());
  } catch {
    // pdf-lib throws for encrypted files, and for damaged ones often only when used
    return null;
  }
}
