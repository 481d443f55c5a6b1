/**
 * A calendar event (iCalendar, RFC 5545) for a meeting invitation: one
 * VEVENT in Danish time (Europe/Copenhagen, with its VTIMEZONE so every
 * calendar reads the times the same), lines ending CRLF and folded at 75
 * octets, text values escaped.
 */
export interface MeetingEvent {
  /** Stable per meeting, so a later invitation updates the same calendar entry. */
  uid: string;
  /** YYYY-MM-DD */
  date: string;
  /** "HH:MM" or '' (then an all-day event). */
  start: string;
  end: string;
  summary: string;
  location: string;
  description: string;
  url: string;
  organizer: { name: string; email: string };
  /** When the event was written (DTSTAMP). */
  stamp: Date;
}

const CRLF = '\r\n';

/** Europe/Copenhagen since 1996 (EU rules): CET, CEST from the last Sunday of March to the last of October. */
const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Copenhagen',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line so no line is longer than 75 octets (CRLF not
 * counted); continuation lines start with one space. Never splits a
 * UTF-8 character.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join(CRLF);
}

/** "10:00", "10.00", "kl. 9.30" -> "100000" / "093000"; null if no time is found. */
export function parseTime(value: string): string | null {
  const match = /(\d{1,2})[:.](\d{2})/.exec(value);
  if (!match) return null;
  const [h, m] = [Number(match[1]), Number(match[2])];
  if (h > 23 || m > 59) return null;
  return `${String(h).padStart(2, '0')}${String(m).padStart(2, '0')}00`;
}

const utcStamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** The invitation's .ics file. */
export function meetingIcs(event: MeetingEvent): string {
  const day = event.date.replace(/-/g, '');
  const start = parseTime(event.start);
  const end = parseTime(event.end);
  const when: string[] = start
    ? [
        `DTSTART;TZID=Europe/Copenhagen:${day}T${start}`,
        ...(end && end > start ? [`DTEND;TZID=Europe/Copenhagen:${day}T${end}`] : []),
      ]
    : [`DTSTART;VALUE=DATE:${day}`];
  const organizerName = event.organizer.name.replace(/["\r\n]/g, '');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Referat//Referat//DA',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...(start ? VTIMEZONE : []),
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utcStamp(event.stamp)}`,
    ...when,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    `URL:${event.url}`,
    `ORGANIZER;CN="${organizerName}":mailto:${event.organizer.email}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
