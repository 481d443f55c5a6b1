import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, meetingIcs, parseTime } from '../../server/resources/mail/ics.ts';
import { escapeHtml, renderMail } from '../../server/resources/mail/renderMail.ts';
import { copenhagenTime } from '../../server/resources/mail/ApprovalReminders.ts';
import { parseIcs, unescapeIcsText } from '../helpers/smtp.ts';

describe('calendar event (.ics)', () => {
  it('folds at 75 octets without splitting a UTF-8 character, and unfolds to the same line', () => {
    for (const line of [
      'SUMMARY:' + 'æøå'.repeat(40),
      'SUMMARY:' + 'a'.repeat(67),
      'SUMMARY:' + 'a'.repeat(68),
      'DESCRIPTION:' + '😀x'.repeat(50),
    ]) {
      const folded = foldLine(line);
      for (const physical of folded.split('\r\n')) {
        expect(Buffer.byteLength(physical)).toBeLessThanOrEqual(75);
        expect(physical).not.toContain('\uFFFD');
      }
      expect(folded.replace(/\r\n /g, '')).toBe(line);
    }
    expect(foldLine('SUMMARY:' + 'a'.repeat(67))).not.toContain('\r\n');
    expect(foldLine('SUMMARY:' + 'a'.repeat(68))).toContain('\r\n ');
  });

  it('escapes backslash, semicolon, comma and line breaks, and reads back the same', () => {
    const value = 'a\\b;c,d\ne\r\nf';
    expect(escapeText(value)).toBe('a\\\\b\\;c\\,d\\ne\\nf');
    expect(unescapeIcsText(escapeText(value))).toBe('a\\b;c,d\ne\nf');
  });

  it('reads times as people write them, and makes an all-day event without one', () => {
    expect(parseTime('10:00')).toBe('100000');
    expect(parseTime('kl. 9.30')).toBe('093000');
    expect(parseTime('25:00')).toBeNull();
    expect(parseTime('')).toBeNull();
    const ics = parseIcs(
      meetingIcs({
        uid: 'm@x',
        date: '2030-01-02',
        start: '',
        end: '',
        summary: 'Møde',
        location: '',
        description: '',
        url: 'http://x/m/1',
        organizer: { name: 'Se"kr', email: 's@x' },
        stamp: new Date('2030-01-01T12:00:00Z'),
      }),
    );
    expect(ics.get('DTSTART;VALUE=DATE')).toEqual(['20300102']);
    expect(ics.get('BEGIN')).not.toContain('VTIMEZONE');
    expect(ics.get('DTSTAMP')).toEqual(['20300101T120000Z']);
    expect(ics.lines).toContain('ORGANIZER;CN="Sekr":mailto:s@x');
  });
});

describe('mail rendering', () => {
  it('escapes every value in the HTML and keeps the subject on one line', () => {
    expect(escapeHtml(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
    const mail = renderMail(
      {
        subject: 'Møde\r\nBcc: evil@x',
        greeting: 'Kære <b>',
        paragraphs: ['<script>'],
        facts: [['<i>', '"x"']],
        quote: '<img src=x>\nlinje 2',
        action: { label: '<u>', url: 'http://x/?a=1&b="2"' },
        signature: ['<s>'],
      },
      'da',
    );
    expect(mail.subject).toBe('Møde Bcc: evil@x');
    expect(mail.html).not.toMatch(/<(b|script|i|img|u|s)>|<img/);
    expect(mail.html).toContain('href="http://x/?a=1&amp;b=&quot;2&quot;"');
    expect(mail.text).toContain('> <img src=x>\n> linje 2');
  });
});

describe('Danish time', () => {
  it('finds 09:00 in Copenhagen in winter and summer', () => {
    expect(new Date(copenhagenTime('2030-01-15', 0, 9)).toISOString()).toBe(
      '2030-01-15T08:00:00.000Z',
    );
    expect(new Date(copenhagenTime('2030-07-15', -1, 9)).toISOString()).toBe(
      '2030-07-14T07:00:00.000Z',
    );
    expect(new Date(copenhagenTime('2030-03-31', 1, 0)).toISOString()).toBe(
      '2030-03-31T22:00:00.000Z',
    );
  });
});
