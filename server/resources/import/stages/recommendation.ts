/**
 * "Det indstilles, at …", "Direktionen indstiller, at …": a paragraph that
 * is a recommendation, though no "Indstilling" label stands before it.
 */
const RECOMMENDS = /^\p{Lu}\p{L}{1,40} indstille[sr]\b/u;

export function isRecommendation(text: string): boolean {
  return RECOMMENDS.test(text);
}
