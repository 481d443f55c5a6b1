import type { RosterAuditEntry } from '../../shared/rosters/roster.ts';
import { STRINGS, type Language, type StringKey } from '../i18n/strings.ts';
import { fill } from '../i18n/fill.ts';

/** The labels of a member's fields, as the form names them. */
const FIELD_LABELS: Record<string, StringKey> = {
  name: 'name',
  email: 'email',
  organisation: 'organisation',
  title: 'jobTitle',
  forumRole: 'forumRole',
  role: 'referatRole',
  approver: 'approverByDefault',
  activeFrom: 'activeFrom',
  activeTo: 'activeTo',
};

const shown = (value: unknown, language: Language) =>
  value === true
    ? STRINGS[language].yes
    : value === false
      ? STRINGS[language].no
      : value === '' || value === undefined
        ? '–'
        : String(value);

/** One roster change as the secretariat reads it: who, what, and each field from → to. */
export function rosterAuditSentence(entry: RosterAuditEntry, language: Language): string {
  const t = STRINGS[language];
  const values = { who: entry.name, member: entry.memberName ?? '' };
  switch (entry.kind) {
    case 'roster-created':
      return fill(t.rosterAudit_created, values);
    case 'member-added':
      return fill(t.rosterAudit_added, values);
    case 'member-deactivated':
      return fill(t.rosterAudit_deactivated, values);
    case 'member-changed': {
      const fields = Object.entries(entry.changes ?? {}).map(
        ([field, { from, to }]) =>
          `${FIELD_LABELS[field] ? t[FIELD_LABELS[field]] : field} ${shown(from, language)} → ${shown(to, language)}`,
      );
      return fill(t.rosterAudit_changed, { ...values, fields: fields.join('; ') });
    }
    default:
      return `${entry.name}: ${String(entry.kind)}`;
  }
}
