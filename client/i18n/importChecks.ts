import type { HeaderField, ImportCheck } from '../../shared/api/importChecks.ts';
import { NEEDS_CHECK } from '../../shared/api/importChecks.ts';
import type { SectionType } from '../../shared/schema/Section.ts';
import type { Language } from './strings.ts';

/** A section as a sentence names it ("lagt i sagsfremstillingen"). */
const SECTION_IN: Record<Language, Record<SectionType, string>> = {
  da: {
    sagsfremstilling: 'sagsfremstillingen',
    indstilling: 'indstillingen',
    bilag: 'bilag',
    referat: 'referatet',
    beslutning: 'beslutningen',
    uddybning: 'uddybningen',
  },
  en: {
    sagsfremstilling: 'the background',
    indstilling: 'the recommendation',
    bilag: 'the attachments',
    referat: 'the minutes',
    beslutning: 'the decision',
    uddybning: 'the elaboration',
  },
};

const FIELD: Record<Language, Record<HeaderField, string>> = {
  da: {
    forum: 'forum',
    date: 'dato',
    time: 'tidspunkt',
    place: 'mødested',
    chair: 'mødeleder',
    minuteTaker: 'referent',
    onlineLink: 'mødelink',
  },
  en: {
    forum: 'forum',
    date: 'date',
    time: 'time',
    place: 'place',
    chair: 'chair',
    minuteTaker: 'minute-taker',
    onlineLink: 'meeting link',
  },
};

const STATUS: Record<Language, Record<'present' | 'absent' | 'guest' | 'adhoc', string>> = {
  da: { present: '', absent: ' (afbud)', guest: ' (gæst)', adhoc: ' (ad hoc)' },
  en: { present: '', absent: ' (absent)', guest: ' (guest)', adhoc: ' (ad hoc)' },
};

/**
 * Where the import put a line, in the reader's language: "Tolket som
 * deltager under Region Hovedstaden", "Ikke genkendt – lagt i
 * sagsfremstillingen under punkt 3", "Dato uden årstal – angiv året".
 */
export function describeCheck(c: ImportCheck, language: Language): string {
  const da = language === 'da';
  const section = (s: SectionType) => SECTION_IN[language][s];
  switch (c.as) {
    case 'header':
      return da
        ? `Tolket som ${FIELD.da[c.field]} i mødehovedet`
        : `Read as the ${FIELD.en[c.field]} in the header`;
    case 'dateYearGuessed':
      return da
        ? `Dato uden årstal – året ${c.year} er taget fra andre datoer i teksten; kontrollér det`
        : `Date without a year – ${c.year} was taken from other dates in the text; check it`;
    case 'dateWithoutYear':
      return da
        ? 'Dato uden årstal – angiv året (datoen er ikke sat i mødehovedet)'
        : 'Date without a year – give the year (the date is not set in the header)';
    case 'participant': {
      const status = STATUS[language][c.status];
      if (!c.organisation) {
        return da
          ? `Tolket som deltager uden organisation${status}`
          : `Read as a participant without an organisation${status}`;
      }
      return da
        ? `Tolket som deltager under ${c.organisation}${status}`
        : `Read as a participant under ${c.organisation}${status}`;
    }
    case 'participantHeading':
      if (c.organisation) {
        return da
          ? `Tolket som organisationen ${c.organisation} i deltagerlisten`
          : `Read as the organisation ${c.organisation} in the participant list`;
      }
      return da
        ? 'Tolket som overskrift på en deltagerliste'
        : 'Read as a participant list heading';
    case 'item':
      return da ? `Tolket som punkt ${c.item}` : `Read as item ${c.item}`;
    case 'section':
      if (c.implicit) {
        return da
          ? `Tekst uden overskrift – lagt i ${section(c.section)} under punkt ${c.item}`
          : `Text without a heading – put in ${section(c.section)} under item ${c.item}`;
      }
      return da
        ? `Tolket som begyndelsen på ${section(c.section)} under punkt ${c.item}`
        : `Read as the start of ${section(c.section)} under item ${c.item}`;
    case 'subheading':
      return da
        ? `Tolket som underoverskrift i ${section(c.section)} under punkt ${c.item}`
        : `Read as a sub-heading in ${section(c.section)} under item ${c.item}`;
    case 'kept':
      return da
        ? `Ikke genkendt – lagt i ${section(c.section)} under punkt ${c.item}`
        : `Not recognised – put in ${section(c.section)} under item ${c.item}`;
    case 'link':
      return da
        ? `Link uden tekst – lagt under bilag i punkt ${c.item}`
        : `Link without text – put under the attachments of item ${c.item}`;
    case 'dropped':
      return da ? 'Ikke genkendt – ikke overført' : 'Not recognised – not carried over';
  }
}

/** The checks to show: those the import was not sure of, least sure first. */
export function checksToShow(checks: readonly ImportCheck[]): ImportCheck[] {
  return checks
    .filter((c) => c.confidence < NEEDS_CHECK)
    .sort((a, b) => a.confidence - b.confidence);
}
