import type { BilagType } from '../../../shared/access/workflow.ts';
import { DOCX_MEDIA_TYPE } from '../../../shared/api/media.ts';
import { readZipEntries } from '../import/zipEntries.ts';

export const BILAG_MEDIA_TYPES: Record<BilagType, string> = {
  pdf: 'application/pdf',
  docx: DOCX_MEDIA_TYPE,
  png: 'image/png',
  jpeg: 'image/jpeg',
};

/** The file name ending a bilag of each type gets (jpeg also accepts ".jpg"). */
export const BILAG_EXTENSIONS: Record<BilagType, readonly string[]> = {
  pdf: ['.pdf'],
  docx: ['.docx'],
  png: ['.png'],
  jpeg: ['.jpg', '.jpeg'],
};

const startsWith = (bytes: Uint8Array, magic: readonly number[]) =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4

/**
 * Reading the ZIP only to find word/document.xml: bounded like the Word
 * import (zip bombs stop within a few MB of a limit).
 */
const DOCX_PROBE = { maxEntries: 5000, maxEntryBytes: 64 * 2 ** 20, maxTotalBytes: 64 * 2 ** 20 };

/**
 * What a file is, from its bytes alone (never its name or the Content-Type
 * the browser sent): PDF, PNG and JPEG by their magic numbers at offset 0,
 * DOCX as a ZIP archive holding word/document.xml. Anything else (an
 * executable, HTML, a ZIP that is not a Word file) is null.
 */
export function sniffBilagType(bytes: Uint8Array): BilagType | null {
  if (startsWith(bytes, PDF)) return 'pdf';
  if (startsWith(bytes, PNG)) return 'png';
  if (startsWith(bytes, JPEG)) return 'jpeg';
  if (startsWith(bytes, ZIP)) {
    try {
      return readZipEntries(bytes, ['word/document.xml'], DOCX_PROBE).has('word/document.xml')
        ? 'docx'
        : null;
    } catch {
      return null;
    }
  }
  return null;
}
