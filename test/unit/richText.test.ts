import { describe, expect, it } from 'vitest';
import {
  itemBodyJSON,
  itemContentFromJSON,
  type SectionContent,
} from '../../shared/minutes/content.ts';
import {
  bulletListJSON,
  cleanLinks,
  inlineFromJSON,
  inlineJSON,
  safeHref,
} from '../../shared/minutes/richText.ts';

describe('rich text of plain content: links, nested bullets, sub-headings', () => {
  it('keeps only safe addresses', () => {
    expect(safeHref(' https://x.dk/a?b=1 ')).toBe('https://x.dk/a?b=1');
    expect(safeHref('mailto:a@x.dk')).toBe('mailto:a@x.dk');
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,x',
      'file:///x',
      'https://',
      'https://x.dk/a b',
      'https://x.dk/\u0000',
      `https://x.dk/${'a'.repeat(3000)}`,
    ]) {
      expect(safeHref(bad), bad).toBeNull();
    }
  });

  it('cleans links: within the text, in order, no overlaps, safe', () => {
    expect(
      cleanLinks('abcdefghij', [
        { from: 6, to: 20, href: 'https://b.dk' },
        { from: 0, to: 3, href: 'https://a.dk' },
        { from: 2, to: 5, href: 'https://overlap.dk' },
        { from: 4, to: 4, href: 'https://empty.dk' },
        { from: 4, to: 6, href: 'javascript:x' },
      ]),
    ).toEqual([
      { from: 0, to: 3, href: 'https://a.dk' },
      { from: 6, to: 10, href: 'https://b.dk' },
    ]);
  });

  it('writes links as marks and reads them back', () => {
    const links = [{ from: 3, to: 8, href: 'https://x.dk' }];
    const json = inlineJSON('Se siden her.', links);
    expect(json).toEqual([
      { type: 'text', text: 'Se ' },
      { type: 'text', text: 'siden', marks: [{ type: 'link', attrs: { href: 'https://x.dk' } }] },
      { type: 'text', text: ' her.' },
    ]);
    expect(inlineFromJSON(json)).toEqual({ text: 'Se siden her.', links });
    // Pieces of one link split by other marks are one link again.
    expect(
      inlineFromJSON([
        { type: 'text', text: 'a', marks: [{ type: 'link', attrs: { href: 'https://x.dk' } }] },
        {
          type: 'text',
          text: 'b',
          marks: [{ type: 'bold' }, { type: 'link', attrs: { href: 'https://x.dk' } }],
        },
        { type: 'hardBreak' },
      ]),
    ).toEqual({ text: 'ab\n', links: [{ from: 0, to: 2, href: 'https://x.dk' }] });
  });

  it('nests bullets by level; a jump of more than one level is one deeper', () => {
    const list = bulletListJSON(['a', 'b', 'c', 'd'], [0, 2, 1, 0]);
    const text = (li: { content?: { content?: { text?: string }[] }[] }) =>
      li.content?.[0]?.content?.[0]?.text;
    expect(list.content!.map(text)).toEqual(['a', 'd']);
    const inner = list.content![0].content![1];
    expect(inner.content!.map(text)).toEqual(['b', 'c']);
  });

  it('content -> item JSON -> content is the same, with every kind of block', () => {
    const sections: SectionContent[] = [
      {
        type: 'sagsfremstilling',
        blocks: [
          { paragraph: 'Baggrund', subheading: true },
          { paragraph: 'Se siden.', links: [{ from: 3, to: 8, href: 'https://x.dk' }] },
          {
            bullets: ['Økonomi', 'Drift', 'heraf løn', 'Personale'],
            levels: [0, 1, 2, 0],
            links: [[], [{ from: 0, to: 5, href: 'mailto:a@x.dk' }], [], []],
          },
          { bullets: ['flad', 'liste'] },
          { points: ['første', { text: 'anden', sub: ['a', 'b'] }], start: 2 },
        ],
      },
    ];
    expect(itemContentFromJSON(itemBodyJSON({ title: 'Punkt', sections }))).toEqual({
      title: 'Punkt',
      sections,
    });
  });
});
