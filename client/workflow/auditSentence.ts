import type { AuditEntry } from '../../shared/access/workflow.ts';
import { STRINGS, type Language } from '../i18n/strings.ts';

/** An audit entry as the secretariat reads it: who did it, and what happened, in one sentence. */
export interface AuditSentence {
  /** Who acted: a person, or Referat itself ("Referat (automatisk)"). */
  actor: string;
  sentence: string;
}

/**
 * The name the server audits its own actions under (SYSTEM in
 * server/resources/meetings/records.ts).
 */
const SYSTEM_USER = 'system';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : [];
const short = (hash: unknown) => str(hash).slice(0, 12);

function list(names: string[], language: Language): string {
  return new Intl.ListFormat(language === 'da' ? 'da-DK' : 'en-GB', {
    type: 'conjunction',
  }).format(names);
}

/** "Anne Holms", "Anders'" / "Anne Holm's". */
function possessive(name: string, language: Language): string {
  if (language === 'en') return `${name}’s`;
  return /[sxz]$/i.test(name) ? `${name}’` : `${name}s`;
}

const role = (r: unknown, language: Language) =>
  (STRINGS[language] as Record<string, string>)[`role_${str(r)}`] ?? str(r);
const phase = (p: unknown, language: Language) =>
  (STRINGS[language] as Record<string, string>)[`phase_${str(p)}`] ?? str(p);

type Phrase = (e: AuditEntry, actor: string) => string;

/** One sentence per kind and language; the detail's fields are read defensively (older entries differ). */
const PHRASES: Record<Language, Record<string, Phrase>> = {
  da: {
    created: (e, a) =>
      str(e.detail.fromTitle)
        ? `${a} oprettede mødet som næste møde efter «${str(e.detail.fromTitle)}».`
        : str(e.detail.from)
          ? `${a} oprettede mødet som næste møde ud fra et tidligere møde.`
          : e.detail.template === 'driftsforum'
            ? `${a} oprettede mødet ud fra Driftsforum-skabelonen.`
            : `${a} oprettede mødet.`,
    imported: (e, a) => {
      const from = e.detail.format === 'docx' ? 'en Word-fil' : 'tekst';
      const lines = num(e.detail.unrecognised) ?? 0;
      return (
        `${a} importerede mødet fra ${from}: ${num(e.detail.items) ?? 0} punkter og ` +
        `${num(e.detail.participants) ?? 0} deltagere` +
        (lines ? `, ${lines} ${lines === 1 ? 'linje' : 'linjer'} at kontrollere.` : '.')
      );
    },
    phase: (e, a) => {
      const to = e.detail.to;
      if (to === 'review') {
        const approvers = strings(e.detail.approvers);
        return (
          `${a} sendte udkastet til kommentering og godkendelse` +
          (approvers.length ? ` (godkendes af ${list(approvers, 'da')}).` : '.')
        );
      }
      if (e.detail.from === 'review') {
        return `${a} trak udkastet tilbage; mødet er igen i fasen ${phase(to, 'da')}.`;
      }
      if (to === 'meeting') return `${a} startede mødet.`;
      return `${a} skiftede fase fra ${phase(e.detail.from, 'da')} til ${phase(to, 'da')}.`;
    },
    invite: (e, a) =>
      `${a} inviterede ${str(e.detail.name)} som ${role(e.detail.role, 'da').toLocaleLowerCase('da')}` +
      (e.detail.approver === true ? ' og godkender' : '') +
      (str(e.detail.carriedFrom)
        ? ' (overført fra forrige møde; nyt link).'
        : str(e.detail.fromRoster)
          ? ' (fra forummets medlemsliste).'
          : '.'),
    // Afbud is registered by the person themselves (server/resources/meetings/AbsenceService.ts).
    absence: (e, a) =>
      e.detail.absent === true ? `${a} meldte afbud.` : `${a} trak sit afbud tilbage.`,
    'invite-link': (e, a) =>
      `${a} udstedte et nyt link til ${str(e.detail.name)}` +
      (num(e.detail.linkGeneration) ? ` (nr. ${e.detail.linkGeneration})` : '') +
      '; tidligere links virker ikke længere.',
    'invite-mail': (e, a) =>
      `${a} sendte invitationen til ${str(e.detail.name)} med mail til ${str(e.detail.email)}.`,
    'invite-claim': (e, a) =>
      e.detail.by === 'oidc'
        ? `${a} tog invitationen i brug ved at logge ind som ${str(e.detail.email)}.`
        : `${a} tog invitationen i brug i en browser (nøgle ${short(e.detail.keyId)}…).`,
    // Someone else tried the link: forwarded, or leaked.
    'invite-claim-refused': (e) =>
      `Referat afviste et forsøg på at bruge ${possessive(str(e.detail.name), 'da')} invitation` +
      (e.detail.by === 'oidc'
        ? ` af ${str(e.detail.email)}, der var logget ind.`
        : ' fra en anden browser end den, der tog den i brug.') +
      ' Linket kan være videresendt.' +
      (num(e.detail.notLoggedBefore)
        ? ` ${e.detail.notLoggedBefore} forsøg mere er ikke skrevet op.`
        : ''),
    'invite-change': (e, a) =>
      e.detail.approver === true
        ? `${a} gjorde ${str(e.detail.name)} til godkender.`
        : e.detail.approver === false
          ? `${a} fjernede ${str(e.detail.name)} som godkender.`
          : `${a} ændrede invitationen til ${str(e.detail.name)}.`,
    revoke: (e, a) => `${a} tilbagekaldte invitationen til ${str(e.detail.name)}.`,
    approve: (e, a) => `${a} godkendte referatet (fingeraftryk ${short(e.detail.hash)}…).`,
    'approval-voided': (e, a) => {
      const whose = possessive(str(e.detail.approver) || 'en godkenders', 'da');
      if (e.detail.reason === 'withdrawn') {
        return `${whose} godkendelse bortfaldt, fordi ${a} trak udkastet tilbage.`;
      }
      const editors = strings(e.detail.editedBy);
      return editors.length
        ? `${whose} godkendelse bortfaldt, fordi ${list(editors, 'da')} ændrede referatet bagefter.`
        : `${whose} godkendelse bortfaldt automatisk, fordi referatet blev ændret bagefter.`;
    },
    freeze: (e) => {
      const approvers = strings(e.detail.approvers);
      return (
        `Referatet blev låst som endelig version` +
        (approvers.length ? `, godkendt af ${list(approvers, 'da')}` : '') +
        ` (fingeraftryk ${short(e.detail.hash)}…).`
      );
    },
    version: (e, a) => `${a} gemte versionen «${str(e.detail.name)}».`,
    'bilag-added': (e, a) => `${a} vedhæftede bilaget «${str(e.detail.name)}».`,
    'bilag-removed': (e, a) => `${a} slettede bilaget «${str(e.detail.name)}».`,
    'refused-write': (e, a) => {
      const why = str(e.detail.invalid)
        ? `ændringen var ugyldig (${str(e.detail.reason) || str(e.detail.invalid)})`
        : str(e.detail.reason)
          ? 'mødet er skrivebeskyttet efter en fejl på serveren'
          : `rollen ${role(e.detail.role, 'da').toLocaleLowerCase('da')} må ikke redigere i fasen ${phase(e.detail.phase, 'da')}`;
      const count = num(e.detail.count);
      const skipped = num(e.detail.notLoggedBefore);
      return (
        `En ændring fra ${a} blev afvist: ${why}.` +
        (count && count > 1 ? ` Afvisning nr. ${count} på samme forbindelse.` : '') +
        (skipped ? ` ${skipped} afvisninger før denne er ikke logget enkeltvis.` : '')
      );
    },
  },
  en: {
    created: (e, a) =>
      str(e.detail.fromTitle)
        ? `${a} created the meeting as the next meeting after “${str(e.detail.fromTitle)}”.`
        : str(e.detail.from)
          ? `${a} created the meeting as the next meeting after an earlier one.`
          : e.detail.template === 'driftsforum'
            ? `${a} created the meeting from the Driftsforum template.`
            : `${a} created the meeting.`,
    imported: (e, a) => {
      const from = e.detail.format === 'docx' ? 'a Word file' : 'text';
      const lines = num(e.detail.unrecognised) ?? 0;
      return (
        `${a} imported the meeting from ${from}: ${num(e.detail.items) ?? 0} items and ` +
        `${num(e.detail.participants) ?? 0} participants` +
        (lines ? `, ${lines} ${lines === 1 ? 'line' : 'lines'} to check.` : '.')
      );
    },
    phase: (e, a) => {
      const to = e.detail.to;
      if (to === 'review') {
        const approvers = strings(e.detail.approvers);
        return (
          `${a} sent the draft out for comments and approval` +
          (approvers.length ? ` (to be approved by ${list(approvers, 'en')}).` : '.')
        );
      }
      if (e.detail.from === 'review') {
        return `${a} withdrew the draft; the meeting is back in phase ${phase(to, 'en')}.`;
      }
      if (to === 'meeting') return `${a} started the meeting.`;
      return `${a} changed the phase from ${phase(e.detail.from, 'en')} to ${phase(to, 'en')}.`;
    },
    invite: (e, a) =>
      `${a} invited ${str(e.detail.name)} as ${role(e.detail.role, 'en').toLowerCase()}` +
      (e.detail.approver === true ? ' and approver' : '') +
      (str(e.detail.carriedFrom)
        ? ' (carried over from the previous meeting; new link).'
        : str(e.detail.fromRoster)
          ? ' (from the forum’s roster).'
          : '.'),
    absence: (e, a) =>
      e.detail.absent === true ? `${a} sent regrets.` : `${a} withdrew their regrets.`,
    'invite-link': (e, a) =>
      `${a} issued a new link for ${str(e.detail.name)}` +
      (num(e.detail.linkGeneration) ? ` (no. ${e.detail.linkGeneration})` : '') +
      '; earlier links no longer work.',
    'invite-mail': (e, a) =>
      `${a} mailed the invitation to ${str(e.detail.name)} at ${str(e.detail.email)}.`,
    'invite-claim': (e, a) =>
      e.detail.by === 'oidc'
        ? `${a} claimed the invitation by signing in as ${str(e.detail.email)}.`
        : `${a} claimed the invitation in a browser (key ${short(e.detail.keyId)}…).`,
    'invite-claim-refused': (e) =>
      `Referat refused an attempt to use ${possessive(str(e.detail.name), 'en')} invitation` +
      (e.detail.by === 'oidc'
        ? ` by ${str(e.detail.email)}, signed in.`
        : ' from another browser than the one that claimed it.') +
      ' The link may have been forwarded.' +
      (num(e.detail.notLoggedBefore)
        ? ` ${e.detail.notLoggedBefore} more attempts were not logged.`
        : ''),
    'invite-change': (e, a) =>
      e.detail.approver === true
        ? `${a} made ${str(e.detail.name)} an approver.`
        : e.detail.approver === false
          ? `${a} removed ${str(e.detail.name)} as an approver.`
          : `${a} changed the invite of ${str(e.detail.name)}.`,
    revoke: (e, a) => `${a} revoked the invite of ${str(e.detail.name)}.`,
    approve: (e, a) => `${a} approved the minutes (fingerprint ${short(e.detail.hash)}…).`,
    'approval-voided': (e, a) => {
      const whose = possessive(str(e.detail.approver) || 'an approver', 'en');
      if (e.detail.reason === 'withdrawn') {
        return `${whose} approval lapsed because ${a} withdrew the draft.`;
      }
      const editors = strings(e.detail.editedBy);
      return editors.length
        ? `${whose} approval lapsed because ${list(editors, 'en')} changed the minutes afterwards.`
        : `${whose} approval lapsed automatically because the minutes changed afterwards.`;
    },
    freeze: (e) => {
      const approvers = strings(e.detail.approvers);
      return (
        `The minutes were locked as the final version` +
        (approvers.length ? `, approved by ${list(approvers, 'en')}` : '') +
        ` (fingerprint ${short(e.detail.hash)}…).`
      );
    },
    version: (e, a) => `${a} saved the version “${str(e.detail.name)}”.`,
    'bilag-added': (e, a) => `${a} attached the file “${str(e.detail.name)}”.`,
    'bilag-removed': (e, a) => `${a} deleted the file “${str(e.detail.name)}”.`,
    'refused-write': (e, a) => {
      const why = str(e.detail.invalid)
        ? `the change was invalid (${str(e.detail.reason) || str(e.detail.invalid)})`
        : str(e.detail.reason)
          ? 'the meeting is read-only after a server fault'
          : `the role ${role(e.detail.role, 'en').toLowerCase()} may not edit in phase ${phase(e.detail.phase, 'en')}`;
      const count = num(e.detail.count);
      const skipped = num(e.detail.notLoggedBefore);
      return (
        `A change from ${a} was refused: ${why}.` +
        (count && count > 1 ? ` Refusal no. ${count} on the same connection.` : '') +
        (skipped ? ` ${skipped} refusals before this one are not logged one by one.` : '')
      );
    },
  },
};

const AUTOMATIC: Record<Language, string> = {
  da: 'Referat (automatisk)',
  en: 'Referat (automatic)',
};

/**
 * Who acted. Referat's own actions (a voided approval after an edit, the
 * freeze after the last approval) are never put on a person's name, unless
 * the entry names the edit's authors.
 */
export function auditActor(entry: AuditEntry, language: Language): string {
  if (entry.kind === 'approval-voided' && entry.detail.reason !== 'withdrawn') {
    const editors = strings(entry.detail.editedBy);
    return editors.length ? list(editors, language) : AUTOMATIC[language];
  }
  if (entry.kind === 'freeze' || entry.userId === SYSTEM_USER) return AUTOMATIC[language];
  return entry.name || AUTOMATIC[language];
}

/** A meeting created or imported with its forum's roster says how many came from it. */
function fromRoster(entry: AuditEntry, language: Language): string {
  const members = num(entry.detail.rosterMembers);
  if (!['created', 'imported'].includes(entry.kind) || members === null) return '';
  return language === 'da'
    ? ` ${members} fra forummets medlemsliste blev deltagere og inviteret.`
    : ` ${members} from the forum’s roster became participants and were invited.`;
}

/** The entry as a plain sentence in `language` (Danish or English), with its actor. */
export function auditSentence(entry: AuditEntry, language: Language): AuditSentence {
  const actor = auditActor(entry, language);
  const phrase = PHRASES[language][entry.kind];
  if (phrase) return { actor, sentence: phrase(entry, actor) + fromRoster(entry, language) };
  const unknown = language === 'da' ? 'hændelse' : 'event';
  return { actor, sentence: `${actor}: ${unknown} «${entry.kind}».` };
}
