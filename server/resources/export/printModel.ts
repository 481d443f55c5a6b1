import type { JSONContent } from '@tiptap/core';
import type { Approval } from '../../../shared/access/workflow.ts';
import type { MeetingMeta } from '../../../shared/meeting.ts';
import { meetingContentFromJSON, type ItemContent } from '../../../shared/minutes/content.ts';
import type { Participant, ParticipantStatus } from '../../../shared/minutes/fields.ts';
import { groupByOrganisation } from '../../../shared/minutes/layout.ts';
import type { SectionType } from '../../../shared/schema/Section.ts';
import { SECTIONS } from '../../../shared/schema/sections.ts';
import { filledBlocks, safeHref, sectionBlocks, type PrintBlock } from './printBlocks.ts';

export const STATUS_LABELS: Record<ParticipantStatus, string> = {
  present: '',
  absent: 'afbud',
  adhoc: 'ad hoc',
  guest: 'gæst',
};

export interface PrintItem {
  number: number;
  title: string;
  presenter: string;
  /** A closed item in the public version: only the fact that it was treated is printed. */
  withheld: boolean;
  /**
   * A closed item in the full (internal) version: printed with a visible
   * "Lukket punkt" mark, so confidential content is not forwarded by mistake.
   */
  closed: boolean;
  /** Only sections with text, and only their blocks with text: nothing prints as an empty heading. */
  sections: { type: SectionType; label: string; blocks: PrintBlock[] }[];
}

/** Everything an export prints, in order, independent of the format. */
export interface PrintModel {
  /** "Referat" once the meeting was held, "Dagsorden" before. */
  kind: 'Referat' | 'Dagsorden';
  forum: string;
  title: string;
  /** "Onsdag den 9. december 2020 kl. 8.30 – 11.30". */
  when: string;
  place: string;
  onlineLink: string;
  chair: string;
  minuteTaker: string;
  /** Participants grouped by organisation (present, ad hoc, guests), then afbud. */
  groups: { organisation: string; participants: Participant[] }[];
  absent: { organisation: string; participants: Participant[] }[];
  items: PrintItem[];
  publicVersion: boolean;
  /** The full version holds closed items: every page carries CLOSED_NOTICE. */
  hasClosed: boolean;
  /** Approved: who approved, when, how each proved it was them, and the content's fingerprint. */
  stamp: {
    approvals: { name: string; at: string }[];
    hash: string;
    at: string;
    /** The stamp as Danish sentences, the same in every format. */
    lines: string[];
  } | null;
}

const time = (hhmm: string) => hhmm.replace(/^0(\d)/, '$1').replace(':', '.');

export function danishDate(iso: string): string {
  if (!iso) return '';
  const d = new Date(iso + 'T12:00:00Z');
  if (Number.isNaN(d.getTime())) return iso;
  const text = new Intl.DateTimeFormat('da-DK', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(d);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function danishDateTime(iso: string): string {
  return new Intl.DateTimeFormat('da-DK', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Copenhagen',
  }).format(new Date(iso));
}

/**
 * Builds the print model from the meeting's schema JSON. `publicVersion`
 * leaves out everything of closed items (title, presenter, sections) and
 * prints only that a closed item was treated.
 */
export function printModel(
  meta: MeetingMeta,
  document: JSONContent,
  options: { publicVersion: boolean; approvals?: Approval[] },
): PrintModel {
  const content = meetingContentFromJSON(document);
  const h = content.header;
  const times = [h.startTime, h.endTime].filter(Boolean).map((t) => time(t!));
  const when = [danishDate(h.date ?? meta.date), times.length ? `kl. ${times.join(' – ')}` : '']
    .filter(Boolean)
    .join(' ');
  const participants = (content.participants as Participant[]).filter((p) => p.name?.trim());
  const attending = participants.filter((p) => p.status !== 'absent');
  const absent = participants.filter((p) => p.status === 'absent');
  const itemNodes = (document.content ?? []).filter((n) => n.type === 'agendaItem');
  const items = content.items.map((item: ItemContent, i): PrintItem => {
    const withheld = options.publicVersion && item.closed === true;
    // The sections as itemContentFromJSON reads them, but with their links.
    const [first, ...rest] = itemNodes[i]?.content ?? [];
    const sectionNodes = first?.type === 'agendaItemTitle' ? rest : (itemNodes[i]?.content ?? []);
    return {
      number: i + 1,
      title: withheld ? '' : item.title.trim(),
      presenter: withheld ? '' : (item.presenter ?? '').trim(),
      withheld,
      closed: !options.publicVersion && item.closed === true,
      sections: withheld
        ? []
        : sectionNodes
            .map((s) => ({
              type: s.type as SectionType,
              // The minutes are Danish whatever language their writers' screens show.
              label: SECTIONS[s.type as SectionType]?.label.da ?? String(s.type),
              blocks: filledBlocks(sectionBlocks(s)),
            }))
            .filter((s) => s.blocks.length > 0),
    };
  });
  const frozen = meta.frozen;
  const approvals = (options.approvals ?? []).filter(
    (a) => !a.voidedAt && frozen && a.hash === frozen.hash,
  );
  return {
    kind: meta.phase === 'agenda' ? 'Dagsorden' : 'Referat',
    forum: h.forum || meta.forum,
    title: h.title || meta.title,
    when,
    place: h.place ?? '',
    onlineLink: h.onlineLink ?? '',
    chair: h.chair ?? '',
    minuteTaker: h.minuteTaker ?? '',
    groups: groupByOrganisation(attending),
    absent: groupByOrganisation(absent),
    items,
    publicVersion: options.publicVersion,
    hasClosed: items.some((item) => item.closed),
    stamp:
      meta.phase === 'approved' && frozen
        ? {
            approvals: approvals.map((a) => ({ name: a.name, at: a.at })),
            hash: frozen.hash,
            at: frozen.at,
            lines: stampLines(frozen, approvals),
          }
        : null,
  };
}

/** A participant as printed in the minutes: "Navn – Titel (Rolle)", "– gæst" / "– ad hoc" when so. */
export function personLine(p: Participant): string {
  const status =
    p.status === 'guest' || p.status === 'adhoc' ? ` – ${STATUS_LABELS[p.status]}` : '';
  return [p.name, p.title].filter(Boolean).join(' – ') + (p.role ? ` (${p.role})` : '') + status;
}

export const WITHHELD_TEXT = 'Lukket punkt – behandlet på mødet.';
/** The mark on a closed item in the full version. */
export const CLOSED_MARK = 'Lukket punkt – må ikke videregives';
/** On every page (running header) of a full version holding closed items. */
export const CLOSED_NOTICE = 'Indeholder lukkede punkter – må ikke videregives';

/**
 * The header lines under the title, as label/value pairs (empty ones left
 * out); `href` when the value is a link (the online meeting's address).
 */
export function metaLines(m: PrintModel): { label: string; value: string; href?: string }[] {
  const online = safeHref(m.onlineLink);
  return [
    { label: 'Tid', value: m.when },
    { label: 'Sted', value: m.place },
    { label: 'Online', value: m.onlineLink, ...(online ? { href: online } : {}) },
    { label: 'Mødeleder', value: m.chair },
    { label: 'Referent', value: m.minuteTaker },
  ].filter((line) => line.value);
}

/**
 * The approval stamp in words: who approved and when, and for each the proof
 * that can be checked later (the identity provider's issuer, subject and
 * sign-in time, or the device key and its signature of the fingerprint).
 */
function stampLines(frozen: { hash: string; at: string }, approvals: Approval[]): string[] {
  const proof = (a: Approval): string | null => {
    const p = a.proof;
    if (!p) return null;
    if (p.kind === 'oidc') {
      return `${a.name}: logget ind ${danishDateTime(p.authTime)} via ${p.issuer} som ${p.email} (id ${p.subject}).`;
    }
    return `${a.name}: underskrevet med enhedsnøgle ${p.keyId}, signatur ${p.signature}.`;
  };
  return [
    `Godkendt ${danishDateTime(frozen.at)} af ${approvals
      .map((a) => `${a.name} (${danishDateTime(a.at)})`)
      .join(', ')}.`,
    ...approvals.map(proof).filter((line): line is string => line !== null),
    `Indholdets fingeraftryk (SHA-256): ${frozen.hash}`,
  ];
}
