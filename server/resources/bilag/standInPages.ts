import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { imageFacts, MAX_IMAGE_PIXELS } from './imageCheck.ts';

/** A page the package shows for a bilag that is not a PDF: an image, or a note naming the file. */
export type StandIn =
  | { kind: 'image'; name: string; item: string; bytes: Uint8Array }
  | { kind: 'note'; name: string; item: string; why: string };

const require = createRequire(import.meta.url);
/** DejaVu Sans (from its npm package, subset when embedded): every name prints, Polish or Greek alike. */
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const MARGIN = 56;

export const DOCX_NOTE =
  'Word-dokumenter (.docx) kan ikke sættes ind i dagsordenspakken. Hent filen under punktet i Referat.';
export const UNREADABLE_PDF =
  'PDF-filen kunne ikke sættes ind i dagsordenspakken (den er krypteret eller kan ikke læses). Hent filen under punktet i Referat.';
const UNREADABLE_IMAGE =
  'Billedet kunne ikke sættes ind i dagsordenspakken. Hent filen under punktet i Referat.';
/**
 * Pixels of all the images pdfkit decodes in one package together: it
 * decodes them at once, in memory outside the worker's heap limit.
 */
const MAX_DECODED_PIXELS = 1.2 * MAX_IMAGE_PIXELS;

/**
 * One A4 page per stand-in, in order (pdfkit: it wraps text and subsets the
 * font): an image scaled to fit under its name, or the bilag's name, its
 * item and why it is not in the package.
 */
export function standInPages(pages: StandIn[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, autoFirstPage: false, lang: 'da-DK' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );
  doc.registerFont('body', FONT);
  let decodedPixels = 0;
  for (const page of pages) {
    doc.addPage();
    const width = doc.page.width - 2 * MARGIN;
    doc.font('body').fontSize(page.kind === 'note' ? 16 : 10);
    doc.fillColor(page.kind === 'note' ? '#000' : '#555').text(`Bilag: ${page.name}`, { width });
    doc.fontSize(10).fillColor('#555').text(`Punkt ${page.item}`, { width });
    doc.moveDown(1);
    let why = page.kind === 'note' ? page.why : '';
    if (page.kind === 'image') {
      const height = doc.page.height - MARGIN - doc.y;
      // Checked first: too large, or damaged where pdfkit decodes it (it would throw past the catch).
      const facts = imageFacts(page.bytes);
      const pixels = facts?.decoded ? facts.pixels : 0;
      if (!facts || decodedPixels + pixels > MAX_DECODED_PIXELS) why = UNREADABLE_IMAGE;
      else {
        decodedPixels += pixels;
        try {
          doc.image(Buffer.from(page.bytes), MARGIN, doc.y, {
            fit: [width, height],
            align: 'center',
          });
        } catch {
          why = UNREADABLE_IMAGE;
        }
      }
    }
    if (why) doc.fontSize(11).fillColor('#000').text(why, { width });
  }
  doc.end();
  return done;
}
