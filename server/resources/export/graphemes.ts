const segmenter = new Intl.Segmenter('da', { granularity: 'grapheme' });

/** Code units segmented at a time (see graphemeClusters). */
const WINDOW = 256;

/**
 * The grapheme clusters of `text` (a letter with its accents, an emoji
 * sequence, a surrogate pair), in linear time. Node's Intl.Segmenter takes
 * time quadratic in the length of the string it walks (64 KB: 2 s, a
 * megabyte: minutes), so it is given windows of WINDOW code units; the last
 * cluster of a window may be cut, so the next window starts at it (a
 * window ends before half a surrogate pair: a lone one would end the
 * cluster before it too).
 */
export function* graphemeClusters(text: string): Generator<string> {
  let at = 0;
  while (at < text.length) {
    let end = at + WINDOW;
    // Never half a surrogate pair at the end: it would change the clusters before it.
    if (end < text.length && /[\ud800-\udbff]/.test(text[end - 1])) end--;
    const window = text.slice(at, end);
    const parts = Array.from(segmenter.segment(window), (s) => s.segment);
    // At the text's end, or one cluster longer than a window (a letter with hundreds of marks): as is.
    if (at + window.length >= text.length || parts.length === 1) {
      yield* parts;
      at += window.length;
      continue;
    }
    parts.pop();
    for (const part of parts) {
      yield part;
      at += part.length;
    }
  }
}
