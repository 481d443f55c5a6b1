/** Lower-case words that belong inside a name ("Karen af Rosenborg", "Jan van der Berg"). */
const PARTICLES = new Set([
  'af',
  'von',
  'van',
  'der',
  'den',
  'de',
  'da',
  'di',
  'du',
  'la',
  'le',
  'del',
  'dos',
  'das',
  'ten',
  'ter',
  'bin',
  'al',
  'el',
]);

/**
 * One word of a name: a capital, then letters, apostrophes, hyphens
 * ("Łukasz", "Żółć", "Đurđa", "Ditte-Marie", "O'Brien", "Kristiansen"), or
 * an initial ("S.").
 */
const NAME_WORD = /^\p{Lu}(?:[\p{L}\p{M}'’-]*\p{L}\p{M}*|\.)?$/u;

/** Longer than this is not a name. */
const MAX_NAME = 60;

/**
 * How much a text reads as a person's name: 2 to 5 capitalised words
 * (particles allowed between them), no digits, no sentence. 'name' when it
 * does; 'single' for one capitalised word (a first name alone, or an
 * organisation); null when it is not a name (a sentence, a title with
 * lower-case words, a number).
 */
export function nameShape(text: string): 'name' | 'single' | null {
  const t = text.trim();
  if (!t || t.length > MAX_NAME) return null;
  const words = t.split(/\s+/);
  if (words.length > 6) return null;
  const first = words[0];
  const last = words[words.length - 1];
  if (!NAME_WORD.test(first) || !NAME_WORD.test(last)) return null;
  // A final initial is a sentence's full stop on a one-letter word, not a name's.
  if (words.length > 1 && last.endsWith('.')) return null;
  for (const w of words) if (!NAME_WORD.test(w) && !PARTICLES.has(w)) return null;
  return words.length === 1 ? (first.endsWith('.') ? null : 'single') : 'name';
}
