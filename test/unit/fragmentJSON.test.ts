import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { updateYFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import fc from 'fast-check';
import { fragmentToJSON, MAX_JSON_DEPTH } from '../../shared/minutes/fragmentJSON.ts';
import { itemBody, visibleItemIds } from '../../shared/minutes/layout.ts';
import { writeMeetingContent } from '../../shared/minutes/operations.ts';
import { itemSchema } from '../../shared/schema/index.ts';
import { FIXTURE_MEETINGS } from '../fixtures/referater.ts';

describe('fragmentToJSON', () => {
  it('gives exactly what y-tiptap gives for the fixture minutes (approval hashes depend on it)', () => {
    for (const meeting of Object.values(FIXTURE_MEETINGS)) {
      const doc = new Y.Doc();
      writeMeetingContent(doc, meeting);
      for (const id of visibleItemIds(doc)) {
        const body = itemBody(doc, id)!;
        expect(fragmentToJSON(body)).toEqual(yXmlFragmentToProsemirrorJSON(body));
      }
    }
  });

  it('gives what y-tiptap gives for random marked-up text written by the editor binding', () => {
    const marks = fc.subarray([
      { type: 'bold' },
      { type: 'italic' },
      { type: 'link', attrs: { href: 'https://x.dk' } },
    ]);
    const text = fc.record({ text: fc.string({ minLength: 1, maxLength: 8 }), marks });
    const para = fc.array(text, { maxLength: 4 }).map((t) => ({
      type: 'paragraph',
      content: t.map((x) => ({
        type: 'text',
        text: x.text,
        ...(x.marks.length ? { marks: x.marks } : {}),
      })),
    }));
    fc.assert(
      fc.property(fc.array(para, { minLength: 1, maxLength: 5 }), (paras) => {
        const json = {
          type: 'doc',
          content: [
            { type: 'agendaItemTitle', content: [{ type: 'text', text: 'Titel' }] },
            { type: 'referat', content: paras },
            {
              type: 'beslutning',
              content: [{ type: 'bulletList', content: [{ type: 'listItem', content: paras }] }],
            },
          ],
        };
        const doc = new Y.Doc();
        const body = doc.getXmlFragment('body');
        doc.transact(() =>
          updateYFragment(doc, body, itemSchema().nodeFromJSON(json), {
            mapping: new Map(),
            isOMark: new Map(),
          }),
        );
        expect(fragmentToJSON(body)).toEqual(yXmlFragmentToProsemirrorJSON(body));
      }),
      { numRuns: 100, seed: 7 },
    );
  });

  it('reads 10,000 levels of nesting without overflowing the stack, keeping the text', () => {
    const doc = new Y.Doc();
    const body = doc.getXmlFragment('body');
    doc.transact(() => {
      let parent: Y.XmlFragment = body;
      for (let i = 0; i < 10_000; i++) {
        const el = new Y.XmlElement('blockquote');
        parent.push([el]);
        parent = el;
      }
      const text = new Y.XmlText();
      parent.push([text]);
      text.insert(0, 'bundtekst');
    });
    expect(() => yXmlFragmentToProsemirrorJSON(body)).toThrow(RangeError);
    const problems: string[] = [];
    const json = fragmentToJSON(body, problems);
    expect(problems.join()).toContain(`deeper than ${MAX_JSON_DEPTH}`);
    expect(JSON.stringify(json)).toContain('bundtekst');
  });
});
