import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFDocument,
} from 'pdf-lib';

/** One bookmark: its title, where it goes (a page index or an existing destination) and its children. */
export interface OutlineEntry {
  title: string;
  /** Page index in the document, or a destination array taken from an existing outline. */
  target: number | PDFArray;
  children?: OutlineEntry[];
}

/**
 * The document's top-level bookmarks as title -> destination (pdfkit writes
 * `/Dest [page /XYZ left top zoom]`). Read through pdf-lib's low-level
 * objects: it has no outline API.
 */
export function readOutline(doc: PDFDocument): Map<string, PDFArray> {
  const found = new Map<string, PDFArray>();
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  let entry = outlines?.lookupMaybe(PDFName.of('First'), PDFDict);
  for (let guard = 0; entry && guard < 10_000; guard++) {
    const title = entry.lookupMaybe(PDFName.of('Title'), PDFString, PDFHexString);
    const dest = entry.lookupMaybe(PDFName.of('Dest'), PDFArray);
    if (title && dest && !found.has(title.decodeText())) found.set(title.decodeText(), dest);
    entry = entry.lookupMaybe(PDFName.of('Next'), PDFDict);
  }
  return found;
}

/**
 * Replaces the document's outline (bookmarks) by `entries`: the /Outlines
 * dictionary and its items built with pdf-lib's low-level API (First/Last,
 * Prev/Next, Parent, Count), titles as UTF-16 text so any name shows. The
 * reader opens with the bookmarks shown.
 */
export function writeOutline(doc: PDFDocument, entries: OutlineEntry[]): void {
  const context = doc.context;
  const pages = doc.getPages();
  const rootRef = context.nextRef();
  const destination = (target: number | PDFArray) => {
    if (typeof target !== 'number') return target;
    const page = pages[Math.min(Math.max(target, 0), pages.length - 1)];
    return context.obj([page.ref, PDFName.of('XYZ'), PDFNull, PDFNull, PDFNull]);
  };
  /** Builds the items under `parent`; returns their refs and how many there are in all (open). */
  const build = (list: OutlineEntry[], parent: PDFRef): { refs: PDFRef[]; count: number } => {
    const refs = list.map(() => context.nextRef());
    let count = list.length;
    list.forEach((entry, i) => {
      const dict = context.obj({}) as PDFDict;
      dict.set(PDFName.of('Title'), PDFHexString.fromText(entry.title));
      dict.set(PDFName.of('Parent'), parent);
      dict.set(PDFName.of('Dest'), destination(entry.target));
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]);
      if (i < refs.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]);
      if (entry.children?.length) {
        const children = build(entry.children, refs[i]);
        dict.set(PDFName.of('First'), children.refs[0]);
        dict.set(PDFName.of('Last'), children.refs[children.refs.length - 1]);
        // Positive: shown open, so every bilag is visible under its item.
        dict.set(PDFName.of('Count'), PDFNumber.of(children.count));
        count += children.count;
      }
      context.assign(refs[i], dict);
    });
    return { refs, count };
  };
  const top = build(entries, rootRef);
  const root = context.obj({ Type: 'Outlines' }) as PDFDict;
  if (top.refs.length) {
    root.set(PDFName.of('First'), top.refs[0]);
    root.set(PDFName.of('Last'), top.refs[top.refs.length - 1]);
    root.set(PDFName.of('Count'), PDFNumber.of(top.count));
  }
  context.assign(rootRef, root);
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/** Page labels: from each start index, decimal numbers after an optional prefix ("Bilag 3.1, s. 2"). */
export function writePageLabels(doc: PDFDocument, ranges: { start: number; prefix: string }[]) {
  const nums: unknown[] = [];
  for (const { start, prefix } of ranges) {
    const label = doc.context.obj({ S: 'D' }) as PDFDict;
    if (prefix) label.set(PDFName.of('P'), PDFHexString.fromText(prefix));
    nums.push(PDFNumber.of(start), label);
  }
  const tree = doc.context.obj({}) as PDFDict;
  tree.set(PDFName.of('Nums'), doc.context.obj(nums as never));
  doc.catalog.set(PDFName.of('PageLabels'), doc.context.register(tree));
}
