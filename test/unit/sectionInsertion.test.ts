import { describe, expect, it } from 'vitest';
import { Fragment, Slice } from '@tiptap/pm/model';
import { insertPosition } from '../../client/editor/SectionCommands.ts';
import { SECTION_TYPES, itemSchema, type SectionType } from '../../shared/schema/index.ts';

/** An item body (title, then one paragraph per section) from its section types. */
function item(layout: SectionType[]) {
  const schema = itemSchema();
  return schema.nodeFromJSON({
    type: 'doc',
    content: [
      { type: 'agendaItemTitle', content: [{ type: 'text', text: 'Punkt' }] },
      ...layout.map((type, i) => ({
        type,
        content: [{ type: 'paragraph', content: [{ type: 'text', text: `${type} ${i}` }] }],
      })),
    ],
  });
}

/**
 * The sections after inserting one of `type` with the cursor in top-level
 * node `cursor` (0: the title, n: the n-th section); the new one marked `*`.
 */
function afterInsert(layout: SectionType[], cursor: number, type: SectionType): string[] {
  const doc = item(layout);
  const pos = insertPosition(doc, cursor, type);
  // Always between two top-level nodes, never inside the title or a section.
  expect(doc.resolve(pos).depth).toBe(0);
  expect(pos).toBeGreaterThan(0);
  const section = doc.type.schema.nodes[type].create(
    null,
    doc.type.schema.nodes.paragraph.create(),
  );
  const next = doc.replace(pos, pos, new Slice(Fragment.from(section), 0, 0));
  next.check(); // still a valid item
  const names: string[] = [];
  next.forEach((node, offset) =>
    names.push(offset === pos ? `*${node.type.name}` : node.type.name),
  );
  expect(names[0]).toBe('agendaItemTitle');
  return names.slice(1);
}

const FULL: SectionType[] = [...SECTION_TYPES];

describe('insertPosition: the first section of a type goes to its usual place', () => {
  const cases: [string, SectionType[], number, SectionType, string[]][] = [
    ...SECTION_TYPES.map((type): [string, SectionType[], number, SectionType, string[]] => [
      `${type} into an empty item`,
      [],
      0,
      type,
      [`*${type}`],
    ]),
    [
      'indstilling between sagsfremstilling and beslutning, cursor in the beslutning',
      ['sagsfremstilling', 'beslutning'],
      2,
      'indstilling',
      ['sagsfremstilling', '*indstilling', 'beslutning'],
    ],
    [
      'bilag after the indstilling, cursor in the title',
      ['sagsfremstilling', 'indstilling', 'referat', 'beslutning'],
      0,
      'bilag',
      ['sagsfremstilling', 'indstilling', '*bilag', 'referat', 'beslutning'],
    ],
    [
      'referat before the beslutning, cursor in the sagsfremstilling',
      ['sagsfremstilling', 'indstilling', 'bilag', 'beslutning'],
      1,
      'referat',
      ['sagsfremstilling', 'indstilling', 'bilag', '*referat', 'beslutning'],
    ],
    [
      'beslutning after the referat, before an uddybning',
      ['sagsfremstilling', 'referat', 'uddybning'],
      1,
      'beslutning',
      ['sagsfremstilling', 'referat', '*beslutning', 'uddybning'],
    ],
    [
      'uddybning last, cursor in the first section',
      ['sagsfremstilling', 'indstilling', 'beslutning'],
      1,
      'uddybning',
      ['sagsfremstilling', 'indstilling', 'beslutning', '*uddybning'],
    ],
    [
      'sagsfremstilling first, cursor at the end',
      ['indstilling', 'beslutning'],
      2,
      'sagsfremstilling',
      ['*sagsfremstilling', 'indstilling', 'beslutning'],
    ],
    [
      'an imported item out of order: before the first later section',
      ['beslutning', 'sagsfremstilling'],
      2,
      'indstilling',
      ['*indstilling', 'beslutning', 'sagsfremstilling'],
    ],
  ];
  it.each(cases)('%s', (_name, layout, cursor, type, expected) => {
    expect(afterInsert(layout, cursor, type)).toEqual(expected);
  });
});

describe('insertPosition: a further one goes after the cursor’s section', () => {
  const cases: [string, SectionType[], number, SectionType, string[]][] = [
    [
      'second beslutning typed after an uddybning lands right there',
      ['sagsfremstilling', 'indstilling', 'beslutning', 'uddybning'],
      4,
      'beslutning',
      ['sagsfremstilling', 'indstilling', 'beslutning', 'uddybning', '*beslutning'],
    ],
    [
      'from the indstilling, skipping the beslutning that comes no later',
      ['sagsfremstilling', 'indstilling', 'beslutning', 'uddybning'],
      2,
      'beslutning',
      ['sagsfremstilling', 'indstilling', 'beslutning', '*beslutning', 'uddybning'],
    ],
    [
      'cursor in the title: after the leading sections of its order or earlier',
      ['sagsfremstilling', 'indstilling'],
      0,
      'sagsfremstilling',
      ['sagsfremstilling', '*sagsfremstilling', 'indstilling'],
    ],
    [
      'a second referat round: after the cursor’s referat, before its beslutning',
      ['referat', 'beslutning', 'referat', 'beslutning'],
      3,
      'referat',
      ['referat', 'beslutning', 'referat', '*referat', 'beslutning'],
    ],
    [
      'a beslutning from the first round skips the later referat and beslutning',
      ['referat', 'beslutning', 'referat', 'beslutning'],
      2,
      'beslutning',
      ['referat', 'beslutning', 'referat', 'beslutning', '*beslutning'],
    ],
    [
      'cursor in the last section: at the end',
      FULL,
      6,
      'sagsfremstilling',
      [...FULL, '*sagsfremstilling'],
    ],
    ...SECTION_TYPES.map((type, i): [string, SectionType[], number, SectionType, string[]] => [
      `another ${type} from its own section in a full item: right after it`,
      FULL,
      i + 1,
      type,
      [...FULL.slice(0, i + 1), `*${type}`, ...FULL.slice(i + 1)],
    ]),
    ...SECTION_TYPES.map((type, i): [string, SectionType[], number, SectionType, string[]] => [
      `another ${type} from the title of a full item: after the first ${type}`,
      FULL,
      0,
      type,
      [...FULL.slice(0, i + 1), `*${type}`, ...FULL.slice(i + 1)],
    ]),
  ];
  it.each(cases)('%s', (_name, layout, cursor, type, expected) => {
    expect(afterInsert(layout, cursor, type)).toEqual(expected);
  });
});
