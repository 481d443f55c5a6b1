import type { JSONContent } from '@tiptap/core';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { jsonText } from '../../shared/minutes/content.ts';
import { graphemeClusters } from '../../server/resources/export/graphemes.ts';
import { pdfFonts } from '../../server/resources/export/pdfFonts.ts';
import { breakLongRuns, printable } from '../../server/resources/export/pdfText.ts';
import { inlineOf, inlineText, safeHref } from '../../server/resources/export/printBlocks.ts';

const text = (t: string, href?: string): JSONContent =>
  href
    ? { type: 'text', text: t, marks: [{ type: 'link', attrs: { href } }] }
    : { type: 'text', text: t };

describe('safeHref: only addresses a reader may follow', () => {
  const cases: [unknown, string | undefined][] = [
    ['https://example.org/a?b=1&c=2', 'https://example.org/a?b=1&c=2'],
    ['http://example.org', 'http://example.org/'],
    ['  https://møde.example.dk/rum ø ', 'https://xn--mde-0na.example.dk/rum%20%C3%B8'],
    ['mailto:anne@example.dk', 'mailto:anne@example.dk'],
    ['javascript:alert(1)', undefined],
    ['JaVaScRiPt:alert(1)', undefined],
    ['data:text/html,<b>x</b>', undefined],
    ['file:///etc/passwd', undefined],
    ['/relative/path', undefined],
    ['', undefined],
    [42, undefined],
    [null, undefined],
    [`https://example.org/${'a'.repeat(2100)}`, undefined],
  ];
  for (const [href, expected] of cases) {
    it(`${String(href).slice(0, 40)} -> ${expected}`, () => expect(safeHref(href)).toBe(expected));
  }
});

describe('inlineOf: the text jsonText reads, with its links', () => {
  const nodes: [string, JSONContent][] = [
    [
      'a paragraph',
      { type: 'paragraph', content: [text('Se '), text('her', 'https://a.dk'), text('.')] },
    ],
    [
      'a hard break',
      { type: 'paragraph', content: [text('a'), { type: 'hardBreak' }, text('b', 'https://b.dk')] },
    ],
    [
      'a list item with a nested list',
      {
        type: 'listItem',
        content: [
          { type: 'paragraph', content: [text('top')] },
          {
            type: 'bulletList',
            content: [
              {
                type: 'listItem',
                content: [{ type: 'paragraph', content: [text('sub', 'https://c.dk')] }],
              },
            ],
          },
        ],
      },
    ],
    ['an empty paragraph', { type: 'paragraph' }],
  ];
  for (const [name, node] of nodes) {
    it(`${name}: same text as jsonText`, () =>
      expect(inlineText(inlineOf(node))).toBe(jsonText(node)));
  }

  it('keeps safe links, merges a link split by other marks, drops unsafe addresses', () => {
    const bold = { type: 'bold' };
    const runs = inlineOf({
      type: 'paragraph',
      content: [
        text('Se '),
        {
          ...text('refe', 'https://a.dk'),
          marks: [{ type: 'link', attrs: { href: 'https://a.dk' } }, bold],
        },
        text('ratet', 'https://a.dk'),
        text(' og '),
        text('dette', 'javascript:alert(1)'),
      ],
    });
    expect(runs).toEqual([
      { text: 'Se ' },
      { text: 'referatet', href: 'https://a.dk/' },
      { text: ' og dette' },
    ]);
  });
});

describe('printable: text as the PDF sets it', () => {
  it('composes combining marks (NFC), drops soft hyphens and control characters, tabs become spaces', () => {
    expect(printable('Zoe\u0308 Sˇ')).toBe('Zoë Sˇ');
    expect(printable('Sundheds\u00adområdet')).toBe('Sundhedsområdet');
    expect(printable('a\u0000b\u0007c\rd\u007fe\tf\ng')).toBe('abcde f\ng');
  });

  it('breakLongRuns gives a run of 130 characters two break opportunities and leaves short words alone', () => {
    expect(breakLongRuns('kort tekst')).toBe('kort tekst');
    const long = breakLongRuns('x'.repeat(130));
    expect(long.split('\u200b').map((p) => p.length)).toEqual([60, 60, 10]);
  });

  it('breakLongRuns never breaks inside a character: astral letters, accents, emoji sequences (review)', () => {
    // An odd start puts the 60th code unit inside a surrogate pair: it printed as "��".
    for (const unit of ['\u{20000}', 'q\u0303', '👨\u200d👩\u200d👧', '🇩🇰']) {
      const s = `x${unit.repeat(70)}`;
      const broken = breakLongRuns(s);
      expect(broken.replaceAll('\u200b', '')).toBe(s);
      const pieces = broken.split('\u200b');
      expect(pieces.length).toBe(2);
      expect(pieces[1]).toBe(unit.repeat(11));
    }
  });
});

describe('font segments: every character in a font that has it, else a replacement', () => {
  const split = pdfFonts(new PDFDocument({ autoFirstPage: false }));

  it('Polish, Croatian, Greek, Cyrillic, Greenlandic, arrows and ≥ are in DejaVu Sans: one run', () => {
    const s = 'Łukasz Żółć Đurđević Αθηνά Пётр Kalaallit nunaaĸ → ← ≥ ≤';
    expect(split(s, 'body')).toEqual([{ text: s, font: 'body' }]);
    expect(split(s, 'bold')).toEqual([{ text: s, font: 'bold' }]);
  });

  it('an emoji becomes U+FFFD standing for it; its neighbours stay as they are', () => {
    expect(split('a🙂b', 'body')).toEqual([
      { text: 'a', font: 'body' },
      { text: '\ufffd', font: 'body', actual: '🙂' },
      { text: 'b', font: 'body' },
    ]);
  });

  it('a family emoji (ZWJ sequence) and an emoji with a variation selector are one replacement each', () => {
    expect(split('👨‍👩‍👧', 'body')).toEqual([{ text: '\ufffd', font: 'body', actual: '👨‍👩‍👧' }]);
    expect(split('x🙂\ufe0fy', 'body').map((s) => s.actual ?? s.text)).toEqual([
      'x',
      '🙂\ufe0f',
      'y',
    ]);
  });

  it('a letter with a combining mark stays together', () => {
    expect(split('q\u0303', 'body')).toEqual([{ text: 'q\u0303', font: 'body' }]);
  });

  it('a character the oblique face lacks comes from the upright one, a math letter from DejaVu Math', () => {
    expect(split('v. ا', 'italic')).toEqual([
      { text: 'v. ', font: 'italic' },
      { text: 'ا', font: 'body' },
    ]);
    expect(split('x 𝐁', 'body')).toEqual([
      { text: 'x ', font: 'body' },
      { text: '𝐁', font: 'symbols' },
    ]);
  });

  it('a CJK character no font has is replaced, never dropped', () => {
    expect(split('中文', 'body')).toEqual([
      { text: '\ufffd', font: 'body', actual: '中' },
      { text: '\ufffd', font: 'body', actual: '文' },
    ]);
  });

  it('a long paragraph holding an emoji is split in time proportional to its length (review)', () => {
    // Node's Intl.Segmenter walked whole texts in quadratic time: 64 KB took 2 s, 1 MB minutes.
    const fastest = (text: string) =>
      Math.min(
        ...[1, 2, 3].map(() => {
          const started = performance.now();
          split(text, 'body');
          breakLongRuns(text.replaceAll(' ', '-'));
          return performance.now() - started;
        }),
      );
    const paragraph = (bytes: number) => 'Ordinær tekst med ét 🙂 i. '.repeat(bytes / 32);
    const small = fastest(paragraph(16 * 1024));
    const large = fastest(paragraph(128 * 1024));
    // Eight times the text: about eight times the time; it was about sixty.
    expect(large / small, `${large.toFixed(1)} ms vs ${small.toFixed(1)} ms`).toBeLessThan(24);
  });

  it('graphemeClusters, read in windows, gives the clusters Intl.Segmenter gives for the whole text', () => {
    const units = [
      'a',
      ' ',
      'q\u0303',
      '\u{20000}',
      '👨\u200d👩\u200d👧',
      '🇩🇰',
      '👍🏽',
      'ệ',
      '\u05d3\u05b8',
    ];
    // Every unit at every offset against the 256-unit windows: a pattern of coprime lengths.
    const text = Array.from({ length: 900 }, (_, i) => units[(i * 7) % units.length]).join('');
    const whole = Array.from(new Intl.Segmenter('da', { granularity: 'grapheme' }).segment(text));
    expect([...graphemeClusters(text)]).toEqual(whole.map((s) => s.segment));
  });
});
