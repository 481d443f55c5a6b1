import type { Claims } from './auth.ts';

/** Who this browser is in the document: name from the access token, a colour of its own. */
export interface Identity {
  name: string;
  color: string;
}

/** Colours that stay readable as caret labels with white text. */
export const COLOURS = [
  '#1d4ed8',
  '#b91c1c',
  '#047857',
  '#7c3aed',
  '#c2410c',
  '#0e7490',
  '#be185d',
  '#4d7c0f',
];

/** The same person gets the same colour on every device. */
export function identityFor(claims: Claims): Identity {
  let h = 0;
  for (const c of claims.sub) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return { name: claims.name.slice(0, 60), color: COLOURS[h % COLOURS.length] };
}
