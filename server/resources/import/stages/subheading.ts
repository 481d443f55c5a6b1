/**
 * Sub-headings that case descriptions use inside an item ("Baggrund",
 * "Økonomi", "Tilbud", "Pris"), lower case, without a colon.
 */
const KNOWN = new Set([
  'baggrund',
  'sagens baggrund',
  'formål',
  'indhold',
  'sagens indhold',
  'beskrivelse',
  'sagsbeskrivelse',
  'indledning',
  'problemstilling',
  'status',
  'tilbud',
  'pris',
  'priser',
  'økonomi',
  'økonomiske konsekvenser',
  'konsekvenser',
  'finansiering',
  'budget',
  'tidsplan',
  'proces',
  'videre proces',
  'det videre forløb',
  'vurdering',
  'forvaltningens vurdering',
  'administrationens vurdering',
  'anbefaling',
  'forslag',
  'løsning',
  'målgruppe',
  'organisering',
  'kommunikation',
  'høring',
  'lovgrundlag',
  'retsgrundlag',
  'risici',
  'opfølgning',
  'evaluering',
  'implementering',
  'konklusion',
  'sammenfatning',
  'resumé',
]);

/** Longer than this is never a heading. */
const MAX_SUBHEADING = 60;

/**
 * How a short line inside an item reads: 'known' for a usual sub-heading
 * ("Baggrund", "Økonomi:"), 'possible' for another short line that looks
 * like a heading (capitalised, at most 7 words, no sentence punctuation:
 * "Udbredelse af IPS-metoden"), null for anything else. Only 'known' is
 * made a sub-heading; a 'possible' one stays text and is listed to check.
 */
export function subheadingOf(text: string): 'known' | 'possible' | null {
  const t = text.trim();
  if (!t || t.length > MAX_SUBHEADING) return null;
  const bare = t.endsWith(':') ? t.slice(0, -1).trimEnd() : t;
  if (KNOWN.has(bare.toLowerCase())) return 'known';
  if (!/^\p{Lu}/u.test(bare) || /[.,;:!?"”)]$/.test(bare) || /^\d/.test(bare)) return null;
  return bare.split(/\s+/).length <= 7 ? 'possible' : null;
}
