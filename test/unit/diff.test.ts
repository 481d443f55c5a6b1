import { describe, expect, it } from 'vitest';
import { diffMeetings, diffWords, type DiffBudget } from '../../shared/minutes/diff.ts';
import { itemBodyJSON } from '../../shared/minutes/content.ts';

describe('diffWords', () => {
  const cases: [string, string, string, { op: string; text: string }[]][] = [
    [
      'a changed number',
      'Mødet sluttede kl. 15',
      'Mødet sluttede kl. 16',
      [
        { op: 'same', text: 'Mødet sluttede kl. ' },
        { op: 'del', text: '15' },
        { op: 'ins', text: '16' },
      ],
    ],
    ['nothing changed', 'Godkendt.', 'Godkendt.', [{ op: 'same', text: 'Godkendt.' }]],
    ['all new', '', 'Ny tekst', [{ op: 'ins', text: 'Ny tekst' }]],
    ['all gone', 'Væk', '', [{ op: 'del', text: 'Væk' }]],
    [
      'punctuation apart from the word',
      'godkendes.',
      'godkendes!',
      [
        { op: 'same', text: 'godkendes' },
        { op: 'del', text: '.' },
        { op: 'ins', text: '!' },
      ],
    ],
  ];
  for (const [name, before, after, parts] of cases) {
    it(name, () => expect(diffWords(before, after)).toEqual(parts));
  }

  it('past its budget, a change is shown as replaced, and the budget is shared', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `ord${i}`).join(' ');
    const after = before.replace('ord1500', 'ændret').split(' ').reverse().join(' ');
    const budget: DiffBudget = { cells: 1000 };
    const parts = diffWords(before, after, budget);
    const text = (op: string) =>
      parts
        .filter((p) => p.op === op)
        .map((p) => p.text)
        .join('');
    expect(text('del')).toContain('ord1500');
    expect(text('ins')).toContain('ændret');
    expect(budget.cells).toBe(1000); // nothing aligned: far too big for what was left
  });
});

describe('diffMeetings', () => {
  const meeting = (paragraphs: string[]) => ({
    type: 'doc',
    content: [
      { type: 'meetingHeader', attrs: {} },
      { type: 'participants', content: [] },
      {
        type: 'agendaItem',
        attrs: { id: 'a' },
        content: itemBodyJSON({
          title: 'Punkt',
          sections: [{ type: 'referat', blocks: paragraphs.map((paragraph) => ({ paragraph })) }],
        }).content,
      },
    ],
  });

  it('a whole meeting of long paragraphs changed everywhere stays within one budget', () => {
    const long = (seed: string) => Array.from({ length: 1500 }, (_, i) => `${seed}${i}`).join(' ');
    const older = meeting(Array.from({ length: 40 }, (_, i) => long(`a${i}-`)));
    const newer = meeting(Array.from({ length: 40 }, (_, i) => long(`a${i}-`) + ' slut'));
    const budget: DiffBudget = { cells: 20_000_000 };
    const diff = diffMeetings(older, newer, budget);
    // 40 alignments of about 3,000 x 3,000 tokens would be 360 M cells: the
    // budget let the first few through and showed the rest as replaced.
    expect(budget.cells).toBeGreaterThanOrEqual(0);
    expect(budget.cells).toBeLessThan(20_000_000);
    const inserted = diff.items[0].lines
      .flatMap((l) => l.parts)
      .filter((p) => p.op === 'ins')
      .map((p) => p.text)
      .join('');
    expect(inserted.match(/slut/g)?.length).toBe(40);
  });
});
