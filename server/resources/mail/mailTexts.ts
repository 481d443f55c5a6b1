import type { Role } from '../../../shared/access/permissions.ts';
import type { MailKind, MailLanguage } from '../../../shared/mail.ts';
import type { MailContent } from './renderMail.ts';

/** What a mail says about its meeting (from the meta and the document's header). */
export interface MeetingFacts {
  title: string;
  /** YYYY-MM-DD or '' */
  date: string;
  start: string;
  end: string;
  place: string;
  onlineLink: string;
  commentDeadline?: string;
  approvalDeadline?: string;
}

/** What differs between the kinds of mail, beside the meeting and the recipient. */
export interface MailDetails {
  /** The link the mail's button opens. */
  url: string;
  recipient: { name: string; role: Role };
  /** May comment on the draft (draft mail). */
  mayComment?: boolean;
  /** Mention: who wrote, and what. */
  author?: string;
  comment?: string;
  /** Approved: the PDF is attached (else: download it from the link). */
  attached?: boolean;
  signature: string;
}

const LOCALE: Record<MailLanguage, string> = { da: 'da-DK', en: 'en-GB' };

/** "onsdag den 9. december 2020" / "Wednesday 9 December 2020". */
export function longDate(iso: string, language: MailLanguage): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(LOCALE[language], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));
}

/** "9. december 2020" / "9 December 2020". */
export function shortDate(iso: string, language: MailLanguage): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(LOCALE[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));
}

const ROLE: Record<MailLanguage, Record<Role, string>> = {
  da: {
    organiser: 'sekretariat',
    minuteTaker: 'referent',
    member: 'medlem',
    observer: 'observatør',
  },
  en: {
    organiser: 'secretariat',
    minuteTaker: 'minute-taker',
    member: 'member',
    observer: 'observer',
  },
};

const LABELS = {
  da: {
    meeting: 'Møde',
    date: 'Dato',
    time: 'Tidspunkt',
    place: 'Mødested',
    online: 'Onlinemøde',
    commentBy: 'Kommentarer senest',
    approveBy: 'Godkendelse senest',
    regards: 'Med venlig hilsen',
  },
  en: {
    meeting: 'Meeting',
    date: 'Date',
    time: 'Time',
    place: 'Place',
    online: 'Online meeting',
    commentBy: 'Comments by',
    approveBy: 'Approval by',
    regards: 'Kind regards',
  },
};

function factsOf(m: MeetingFacts, language: MailLanguage, deadlines: boolean): [string, string][] {
  const l = LABELS[language];
  const time = [m.start, m.end].filter(Boolean).join('–');
  const facts: [string, string | undefined][] = [
    [l.meeting, m.title],
    [l.date, longDate(m.date, language)],
    [l.time, time],
    [l.place, m.place],
    [l.online, m.onlineLink],
    ...(deadlines
      ? ([
          [l.commentBy, m.commentDeadline && longDate(m.commentDeadline, language)],
          [l.approveBy, m.approvalDeadline && longDate(m.approvalDeadline, language)],
        ] as [string, string | undefined][])
      : []),
  ];
  return facts.filter((f): f is [string, string] => !!f[1]?.trim());
}

/** " den 9. december 2020" / " on 9 December 2020", or '' without a date. */
const on = (m: MeetingFacts, language: MailLanguage) =>
  m.date ? `${language === 'da' ? ' den' : ' on'} ${shortDate(m.date, language)}` : '';

type Texts = Pick<MailContent, 'subject' | 'paragraphs'> &
  Partial<Pick<MailContent, 'action' | 'note' | 'quote'>> & { deadlines?: boolean };

const DA: Record<MailKind, (m: MeetingFacts, d: MailDetails) => Texts> = {
  invitation: (m, d) => ({
    subject: `Invitation: ${m.title}${on(m, 'da')}`,
    paragraphs: [
      `Du inviteres hermed til ${m.title}${on(m, 'da')}.`,
      `Du deltager som ${ROLE.da[d.recipient.role]}. Dagsordenen og senere referatet finder du i Referat via linket nedenfor. En kalenderinvitation er vedhæftet.`,
    ],
    action: { label: 'Åbn mødet i Referat', url: d.url },
    note: 'Linket er personligt og giver adgang til mødet i dit navn. Send det ikke videre.',
  }),
  agenda: (m, d) => ({
    subject: `Dagsorden: ${m.title}${on(m, 'da')}`,
    paragraphs: [
      `Dagsordenen til ${m.title}${on(m, 'da')} er klar, og mødet er gået i gang.`,
      'Du kan læse dagsordenen og følge referatet i Referat.',
    ],
    action: { label: 'Se dagsordenen', url: d.url },
  }),
  draft: (m, d) => ({
    subject: `Udkast til referat til kommentering: ${m.title}${on(m, 'da')}`,
    paragraphs: [
      `Udkastet til referat af ${m.title}${on(m, 'da')} er sendt ud.`,
      d.mayComment
        ? m.commentDeadline
          ? `Du kan kommentere udkastet i Referat. Kommentarer bedes givet senest ${longDate(m.commentDeadline, 'da')}.`
          : 'Du kan kommentere udkastet i Referat.'
        : 'Du kan læse udkastet i Referat.',
    ],
    deadlines: true,
    action: { label: 'Læs udkastet', url: d.url },
  }),
  approvalRequest: (m, d) => ({
    subject: `Udkast til referat til godkendelse: ${m.title}${on(m, 'da')}`,
    paragraphs: [
      `Udkastet til referat af ${m.title}${on(m, 'da')} er sendt ud, og du er blandt dem, der skal godkende det.`,
      m.approvalDeadline
        ? `Læs udkastet, og godkend det i Referat senest ${longDate(m.approvalDeadline, 'da')}. Referatet bliver endeligt, når alle har godkendt.`
        : 'Læs udkastet, og godkend det i Referat. Referatet bliver endeligt, når alle har godkendt.',
    ],
    deadlines: true,
    action: { label: 'Læs og godkend udkastet', url: d.url },
  }),
  approvalReminder: (m, d) => ({
    subject: `Påmindelse: godkend referatet af ${m.title} senest ${shortDate(m.approvalDeadline ?? '', 'da')}`,
    paragraphs: [
      `Vi mangler din godkendelse af referatet af ${m.title}${on(m, 'da')}.`,
      `Fristen for godkendelse er ${longDate(m.approvalDeadline ?? '', 'da')}.`,
    ],
    deadlines: true,
    action: { label: 'Læs og godkend udkastet', url: d.url },
  }),
  mention: (m, d) => ({
    subject: `${d.author} har nævnt dig i en kommentar: ${m.title}`,
    paragraphs: [`${d.author} har nævnt dig i en kommentar til ${m.title}${on(m, 'da')}:`],
    quote: d.comment,
    action: { label: 'Se kommentaren', url: d.url },
  }),
  approved: (m, d) => ({
    subject: `Godkendt referat: ${m.title}${on(m, 'da')}`,
    paragraphs: [
      `Referatet af ${m.title}${on(m, 'da')} er godkendt.`,
      d.attached
        ? 'Det godkendte referat er vedhæftet som PDF og kan også læses i Referat.'
        : 'Det godkendte referat kan læses og hentes i Referat.',
    ],
    action: { label: 'Se det godkendte referat', url: d.url },
  }),
};

const EN: Record<MailKind, (m: MeetingFacts, d: MailDetails) => Texts> = {
  invitation: (m, d) => ({
    subject: `Invitation: ${m.title}${on(m, 'en')}`,
    paragraphs: [
      `You are invited to ${m.title}${on(m, 'en')}.`,
      `You take part as ${ROLE.en[d.recipient.role]}. The agenda, and later the minutes, are in Referat at the link below. A calendar invitation is attached.`,
    ],
    action: { label: 'Open the meeting in Referat', url: d.url },
    note: 'The link is personal and opens the meeting in your name. Please do not forward it.',
  }),
  agenda: (m, d) => ({
    subject: `Agenda: ${m.title}${on(m, 'en')}`,
    paragraphs: [
      `The agenda of ${m.title}${on(m, 'en')} is ready, and the meeting has started.`,
      'You can read the agenda and follow the minutes in Referat.',
    ],
    action: { label: 'See the agenda', url: d.url },
  }),
  draft: (m, d) => ({
    subject: `Draft minutes for comments: ${m.title}${on(m, 'en')}`,
    paragraphs: [
      `The draft minutes of ${m.title}${on(m, 'en')} have been sent out.`,
      d.mayComment
        ? m.commentDeadline
          ? `You can comment on the draft in Referat. Please comment by ${longDate(m.commentDeadline, 'en')}.`
          : 'You can comment on the draft in Referat.'
        : 'You can read the draft in Referat.',
    ],
    deadlines: true,
    action: { label: 'Read the draft', url: d.url },
  }),
  approvalRequest: (m, d) => ({
    subject: `Draft minutes for your approval: ${m.title}${on(m, 'en')}`,
    paragraphs: [
      `The draft minutes of ${m.title}${on(m, 'en')} have been sent out, and you are one of those who approve them.`,
      m.approvalDeadline
        ? `Please read the draft and approve it in Referat by ${longDate(m.approvalDeadline, 'en')}. The minutes are final once everyone has approved.`
        : 'Please read the draft and approve it in Referat. The minutes are final once everyone has approved.',
    ],
    deadlines: true,
    action: { label: 'Read and approve the draft', url: d.url },
  }),
  approvalReminder: (m, d) => ({
    subject: `Reminder: please approve the minutes of ${m.title} by ${shortDate(m.approvalDeadline ?? '', 'en')}`,
    paragraphs: [
      `Your approval of the minutes of ${m.title}${on(m, 'en')} is still missing.`,
      `The deadline for approval is ${longDate(m.approvalDeadline ?? '', 'en')}.`,
    ],
    deadlines: true,
    action: { label: 'Read and approve the draft', url: d.url },
  }),
  mention: (m, d) => ({
    subject: `${d.author} mentioned you in a comment: ${m.title}`,
    paragraphs: [`${d.author} mentioned you in a comment on ${m.title}${on(m, 'en')}:`],
    quote: d.comment,
    action: { label: 'See the comment', url: d.url },
  }),
  approved: (m, d) => ({
    subject: `Approved minutes: ${m.title}${on(m, 'en')}`,
    paragraphs: [
      `The minutes of ${m.title}${on(m, 'en')} have been approved.`,
      d.attached
        ? 'The approved minutes are attached as a PDF and can also be read in Referat.'
        : 'The approved minutes can be read and downloaded in Referat.',
    ],
    action: { label: 'See the approved minutes', url: d.url },
  }),
};

/** The content of one mail of `kind` in `language`, ready for renderMail. */
export function mailText(
  kind: MailKind,
  language: MailLanguage,
  meeting: MeetingFacts,
  details: MailDetails,
): MailContent {
  const { deadlines, ...texts } = (language === 'en' ? EN : DA)[kind](meeting, details);
  return {
    ...texts,
    greeting: `${language === 'en' ? 'Dear' : 'Kære'} ${details.recipient.name}`,
    facts: factsOf(meeting, language, deadlines ?? false),
    signature: [LABELS[language].regards, details.signature],
  };
}
