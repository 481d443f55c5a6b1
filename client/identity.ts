/** Who this browser is in the document: asked once, remembered in localStorage. */
export interface Identity {
  name: string;
  color: string;
}

const STORAGE_KEY = 'referat.identity';

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

export function loadIdentity(): Identity | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Identity>;
    if (typeof parsed.name !== 'string' || parsed.name.trim() === '') return null;
    const color =
      typeof parsed.color === 'string' && COLOURS.includes(parsed.color)
        ? parsed.color
        : COLOURS[0];
    return { name: parsed.name.trim().slice(0, 60), color };
  } catch {
    return null;
  }
}

export function saveIdentity(identity: Identity) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(identity));
}
