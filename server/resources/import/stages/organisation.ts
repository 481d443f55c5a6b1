/**
 * Words that name an organisation rather than a person, as a whole word or
 * the end of one ("Sundhedsstyrelsen", "Socialforvaltningen"): kommune,
 * region, psykiatri, hospital, forvaltning, …
 */
const ORGANISATION_WORD =
  /(kommune|kommunes|region|regionen|psykiatri|psykiatrien|hospital|hospitalet|sygehus|sygehuset|forvaltning|forvaltningen|afdeling|afdelingen|center|centret|centeret|styrelse|styrelsen|ministerium|ministeriet|udvalg|udvalget|sekretariat|sekretariatet|råd|rådet|forening|foreningen|praksis|universitet|universitetet|klinik|klinikken|direktion|direktionen|enhed|enheden|selskab|selskabet|fond|fonden|organisation|organisationer|kommuner|regioner|almen|øvrige|a\/s|aps|kl)$/i;

/** An acronym ("KL", "PLO", "DSR"), at most 6 capitals. */
const ACRONYM = /^\p{Lu}{2,6}$/u;

/**
 * An organisation heading in a participant list: "Region Hovedstaden",
 * "Aalborg Kommune", "Psykiatrien", "KL", "Almen praksis" (with or without
 * a trailing colon; the colon form is taken by the stage before this is
 * asked). The name, or null for a line that reads as a person or a
 * sentence, or that names no known kind of organisation (a single
 * capitalised word could be either, and ends the list instead).
 */
export function organisationHeading(text: string): string | null {
  const name = text.trim().replace(/:$/, '').trimEnd();
  // A comma, a parenthesis or a spaced dash makes it a person's entry ("Bo Ek – Region Syd").
  if (!name || name.length > 60 || /[.;!?–—]$|[,;()]|\s[-–—]\s/.test(name)) return null;
  const words = name.split(/\s+/);
  if (words.length > 6 || !/^[\p{Lu}\d]/u.test(name)) return null;
  // "Social- og Sundhedsforvaltningen", "Nord-KAP": the part after the last hyphen counts.
  const known = words.some((word) => {
    const w = word.replace(/^.*-/, '');
    return ORGANISATION_WORD.test(w) || ACRONYM.test(w);
  });
  return known ? name : null;
}
