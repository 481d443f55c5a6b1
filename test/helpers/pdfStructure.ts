import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  decodePDFRawStream,
  type PDFObject,
} from 'pdf-lib';

/** A structure element: its type, child elements, and how many marked-content pieces and annotations it holds. */
export interface StructNode {
  type: string;
  children: StructNode[];
  mcids: number;
  annotations: number;
}

export interface PdfFacts {
  lang: string;
  title: string;
  displayDocTitle: boolean;
  xmp: string;
  /** The StructTreeRoot's children. */
  tree: StructNode[];
  links: { uri: string; contents: string; inStructure: boolean }[];
  /** Text objects (BT) outside any marked content with an MCID or an Artifact. */
  untaggedText: number;
  /** Marked-content ids in the pages' content and MCID references in the structure tree. */
  contentMcids: number;
  treeMcids: number;
}

const text = (o: PDFObject | undefined) =>
  o instanceof PDFString || o instanceof PDFHexString
    ? o.decodeText()
    : o instanceof PDFName
      ? o.decodeText()
      : '';

/** Reads what a PDF/UA checker looks at first, with pdf-lib (compressed or not). */
export async function pdfFacts(bytes: Buffer): Promise<PdfFacts> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const ctx = doc.context;
  const catalog = doc.catalog;
  const deref = (o: PDFObject | undefined) => (o instanceof PDFRef ? ctx.lookup(o) : o);
  const name = (d: PDFDict, key: string) => text(deref(d.get(PDFName.of(key))));

  let treeMcids = 0;
  const list = (o: PDFObject | undefined) => {
    const v = deref(o);
    return v instanceof PDFArray ? v.asArray().map(deref) : v ? [v] : [];
  };
  /** A structure element: marked content (a number or an MCR), annotations (OBJR) and child elements under /K. */
  const element = (d: PDFDict): StructNode => {
    const node: StructNode = { type: name(d, 'S'), children: [], mcids: 0, annotations: 0 };
    for (const k of list(d.get(PDFName.of('K')))) {
      const type = k instanceof PDFDict ? name(k, 'Type') : '';
      if (k instanceof PDFNumber || type === 'MCR') node.mcids++;
      else if (type === 'OBJR') node.annotations++;
      else if (k instanceof PDFDict) node.children.push(element(k));
    }
    treeMcids += node.mcids;
    return node;
  };
  const root = catalog.lookup(PDFName.of('StructTreeRoot'));
  const tree =
    root instanceof PDFDict
      ? list(root.get(PDFName.of('K'))).flatMap((k) => (k instanceof PDFDict ? [element(k)] : []))
      : [];

  const links: PdfFacts['links'] = [];
  let untaggedText = 0;
  let contentMcids = 0;
  for (const page of doc.getPages()) {
    const annots = page.node.Annots()?.asArray() ?? [];
    for (const a of annots.map(deref)) {
      if (!(a instanceof PDFDict) || name(a, 'Subtype') !== 'Link') continue;
      const action = deref(a.get(PDFName.of('A')));
      links.push({
        uri: action instanceof PDFDict ? name(action, 'URI') : '',
        contents: name(a, 'Contents'),
        inStructure: a.get(PDFName.of('StructParent')) instanceof PDFNumber,
      });
    }
    const contents = deref(page.node.get(PDFName.of('Contents')));
    const streams = contents instanceof PDFArray ? contents.asArray().map(deref) : [contents];
    for (const s of streams) {
      if (!(s instanceof PDFRawStream)) continue;
      const data = Buffer.from(decodePDFRawStream(s).decode()).toString('latin1');
      const stack: { artifact: boolean; mcid: boolean }[] = [];
      for (const m of data.matchAll(/\/(\w+)\s*(<<[\s\S]*?>>)?\s*(BDC|BMC)\b|\bEMC\b|\bBT\b/g)) {
        if (m[3]) {
          const mcid = /\/MCID\s+\d+/.test(m[2] ?? '');
          if (mcid) contentMcids++;
          stack.push({ artifact: m[1] === 'Artifact', mcid });
        } else if (m[0] === 'EMC') stack.pop();
        else if (!stack.some((e) => e.artifact || e.mcid)) untaggedText++;
      }
    }
  }

  const prefs = deref(catalog.get(PDFName.of('ViewerPreferences')));
  const metadata = deref(catalog.get(PDFName.of('Metadata')));
  return {
    lang: text(deref(catalog.get(PDFName.of('Lang')))),
    title: doc.getTitle() ?? '',
    displayDocTitle:
      prefs instanceof PDFDict && String(prefs.get(PDFName.of('DisplayDocTitle'))) === 'true',
    xmp:
      metadata instanceof PDFRawStream
        ? Buffer.from(decodePDFRawStream(metadata).decode()).toString('utf8')
        : '',
    tree,
    links,
    untaggedText,
    contentMcids,
    treeMcids,
  };
}

/** Every element of a tree, depth first. */
export function allNodes(nodes: StructNode[]): StructNode[] {
  return nodes.flatMap((n) => [n, ...allNodes(n.children)]);
}
