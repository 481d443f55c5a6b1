import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Block } from '../../shared/minutes/content.ts';
import { groupByOrganisation, visibleItemIds } from '../../shared/minutes/layout.ts';
import {
  deleteItem,
  insertItem,
  moveItem,
  restoreItem,
  writeMeetingContent,
} from '../../shared/minutes/operations.ts';
import { meetingToJSON } from '../../shared/minutes/toJSON.ts';
import { FIXTURE_MEETINGS, fixtureText } from '../fixtures/referater.ts';
import { expectMeetingMatches } from '../helpers/minutes.ts';

/** Flattens PDF text: joins words broken at line ends, collapses whitespace. */
function normalise(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s*https?:\/\//.test(l))
    .join('\n')
    .replace(/-[ \t]*\n\s*(?=[a-zæøå])/g, '')
    .replace(/\s+/g, ' ');
}

function blockTexts(block: Block): string[] {
  if ('paragraph' in block) return [block.paragraph];
  if ('bullets' in block) return block.bullets;
  return block.points.flatMap((p) => (typeof p === 'string' ? [p] : [p.text, ...p.sub]));
}

/** Applies a document's whole state to a fresh one: what a client or a restart sees. */
function throughYjs(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

describe('the fixture minutes as structured documents', () => {
  for (const [file, meeting] of Object.entries(FIXTURE_MEETINGS)) {
    it(`${file}: the hand-written structure is the fixture's text`, () => {
      const source = normalise(fixtureText(file));
      const texts = [
        ...meeting.items.flatMap((item) => [
          item.title,
          ...item.sections.flatMap((s) => s.blocks.flatMap(blockTexts)),
        ]),
        ...meeting.participants.flatMap((p) => [p.name, p.organisation]),
      ];
      for (const text of texts) expect(source, text).toContain(normalise(text).trim());
    });

    it(`${file}: round-trips through Yjs and the meeting JSON without loss`, () => {
      const doc = new Y.Doc();
      writeMeetingContent(doc, meeting);
      expectMeetingMatches(throughYjs(doc), meeting);
    });
  }

  it('groups participants by organisation, in order of first appearance, with afbud', () => {
    const meeting = FIXTURE_MEETINGS['driftsforum-midt-2020-12-09.txt'];
    const groups = groupByOrganisation(meeting.participants);
    expect(groups.map((g) => g.organisation)).toEqual([
      'Aalborg Kommune',
      'Jammerbugt Kommune',
      'Nord-KAP',
      'Psykiatrien',
    ]);
    expect(groups[0].participants.filter((p) => p.status === 'absent').map((p) => p.name)).toEqual([
      'Ditte-Marie Mikus',
      'Anne Louise Dall',
      'Niels Bech Lukassen',
    ]);
  });
});

describe('agenda order and numbering', () => {
  const titles = (doc: Y.Doc) =>
    meetingToJSON(doc)
      .document.content!.slice(2)
      .map((item) => item.content![0].content?.[0]?.text);

  it('insert, move, delete and restore keep a derived, gapless numbering', () => {
    const doc = new Y.Doc();
    const ids = ['A', 'B', 'C'].map((title) => insertItem(doc, { title, sections: [] }));
    insertItem(doc, { title: 'X', sections: [] }, 1);
    expect(titles(doc)).toEqual(['A', 'X', 'B', 'C']);
    moveItem(doc, ids[2], 0);
    expect(titles(doc)).toEqual(['C', 'A', 'X', 'B']);
    moveItem(doc, ids[2], 99);
    expect(titles(doc)).toEqual(['A', 'X', 'B', 'C']);
    deleteItem(doc, ids[0]);
    expect(titles(doc)).toEqual(['X', 'B', 'C']);
    const { deletedItems } = meetingToJSON(doc);
    expect(deletedItems.map((d) => d.attrs!.id)).toEqual([ids[0]]);
    restoreItem(doc, ids[0], 0);
    expect(titles(doc)).toEqual(['A', 'X', 'B', 'C']);
  });

  it('an item moved by two people at once appears once, at the same place for both', () => {
    const a = new Y.Doc();
    const ids = ['A', 'B', 'C', 'D'].map((title) => insertItem(a, { title, sections: [] }));
    const b = throughYjs(a);
    moveItem(a, ids[3], 0);
    moveItem(b, ids[3], 2);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(visibleItemIds(a)).toEqual(visibleItemIds(b));
    expect(visibleItemIds(a).filter((id) => id === ids[3])).toHaveLength(1);
    expect(visibleItemIds(a)).toHaveLength(4);
  });

  it('reports content outside the schema instead of dropping it', () => {
    const doc = new Y.Doc();
    const id = insertItem(doc, { title: 'T', sections: [{ type: 'referat', blocks: [] }] });
    const body = (doc.getMap('items').get(id) as Y.Map<unknown>).get('body') as Y.XmlFragment;
    const alien = new Y.XmlElement('mysteryNode');
    body.insert(body.length, [alien]);
    alien.insert(0, [new Y.XmlText('keep me')]);
    doc.getMap('header').set('colour', 'red');
    const { document, problems } = meetingToJSON(doc);
    expect(problems.some((p) => p.includes('mysteryNode'))).toBe(true);
    expect(problems.some((p) => p.includes('colour'))).toBe(true);
    expect(JSON.stringify(document)).toContain('keep me');
  });
});
