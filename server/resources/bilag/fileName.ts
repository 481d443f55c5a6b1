import type { BilagType } from '../../../shared/access/workflow.ts';
import { BILAG_EXTENSIONS } from './sniff.ts';

/** Longest display name kept (characters), the extension included. */
export const MAX_BILAG_NAME = 200;

/**
 * The name a bilag is shown and downloaded under, from what the uploader's
 * file was called: Unicode NFC, no control or bidi-override characters (a
 * name must not read differently from what it is), no path, single spaces,
 * at most MAX_BILAG_NAME characters, and ending in the extension of its
 * sniffed type (a PDF sent as "x.exe" is "x.exe.pdf"). Danish and other
 * letters stay: "Bilag 1 – Budget 2027.pdf". The file is stored under a
 * generated id, never this name.
 */
export function bilagDisplayName(raw: string, type: BilagType): string {
  const extensions = BILAG_EXTENSIONS[type];
  let name = raw
    .normalize('NFC')
    // controls, bidi embeddings/overrides/isolates, zero-width and BOM
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/^.*[/\\]/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '');
  const lower = name.toLowerCase();
  const hasExtension = extensions.some((ext) => lower.endsWith(ext) && lower.length > ext.length);
  if (!hasExtension) name = `${name || 'Bilag'}${extensions[0]}`;
  if (name.length > MAX_BILAG_NAME) {
    const ext = name.slice(name.lastIndexOf('.'));
    // Cut by code points, never inside a surrogate pair.
    name = [...name.slice(0, -ext.length)].slice(0, MAX_BILAG_NAME - ext.length).join('') + ext;
  }
  return name;
}

/**
 * `Content-Disposition: attachment` for a name: an ASCII fallback
 * (æøå spelt out, anything else "_", no quotes or backslashes) and the exact
 * name as RFC 5987 `filename*` in UTF-8.
 */
export function attachmentDisposition(name: string): string {
  const fallback = name
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'Ae')
    .replace(/ø/g, 'oe')
    .replace(/Ø/g, 'Oe')
    .replace(/å/g, 'aa')
    .replace(/Å/g, 'Aa')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
