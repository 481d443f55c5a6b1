import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { updateYFragment } from '@tiptap/y-tiptap';
import { checkUpdate, type UpdateLimits } from '../../server/collab/updateGuard.ts';
import { itemSchema } from '../../shared/schema/index.ts';
import { itemBody, itemMap, itemsMap, visibleItemIds } from '../../shared/minutes/layout.ts';
import {
  addParticipant,
  deleteItem,
  insertItem,
  moveItem,
  setHeaderField,
  setItemFlag,
  updateParticipant,
  writeMeetingContent,
} from '../../shared/minutes/operations.ts';
import { templateContent } from '../../shared/minutes/templates.ts';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';

const LIMITS: UpdateLimits = { maxDepth: 64, maxUpdateBytes: 2 << 20, maxDocumentBytes: 20 << 20 };

/** A server doc and a client doc in sync; `edit` returns the client's update for the server. */
function pair() {
  const server = new Y.Doc();
  writeMeetingContent(server, templateContent('driftsforum', { title: 'T', forum: 'F', date: '' }));
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const edit = (fn: (doc: Y.Doc) => void): Uint8Array => {
    const before = Y.encodeStateVector(client);
    fn(client);
    return Y.encodeStateAsUpdate(client, before);
  };
  const verdict = (update: Uint8Array, limits = LIMITS) =>
    checkUpdate(server, update, limits, Y.encodeStateAsUpdate(server).byteLength);
  return { server, client, edit, verdict };
}

/** Rewrites an item body the way the editor binding does (y-tiptap's updateYFragment). */
function editBody(doc: Y.Doc, itemId: string, change: (json: any) => void) {
  const body = itemBody(doc, itemId)!;
  const json = yXmlFragmentToProsemirrorJSON(body);
  change(json);
  const node = itemSchema().nodeFromJSON(json);
  doc.transact(() => updateYFragment(doc, body, node, { mapping: new Map(), isOMark: new Map() }));
}

const paragraph = (text: string, marks?: unknown[]) => ({
  type: 'paragraph',
  content: [{ type: 'text', text, ...(marks ? { marks } : {}) }],
});

describe('checkUpdate: what honest clients do passes', () => {
  const honest: [string, (doc: Y.Doc) => void][] = [
    ['header field', (d) => setHeaderField(d, 'place', 'Mødelokale 2, Aarhus')],
    [
      'participant added and edited',
      (d) => {
        const id = addParticipant(d, {
          name: 'Łukasz Żółć',
          title: 'Konsulent',
          role: '',
          organisation: 'Aarhus Kommune',
          status: 'present',
        });
        updateParticipant(d, id, { status: 'absent' });
      },
    ],
    ['new item', (d) => void insertItem(d, { title: 'Nyt punkt', sections: [] })],
    ['item moved', (d) => moveItem(d, visibleItemIds(d)[0], 2)],
    ['item deleted', (d) => deleteItem(d, visibleItemIds(d)[1])],
    ['item flags', (d) => setItemFlag(d, visibleItemIds(d)[0], 'closed', true)],
    [
      'typing, marks, links and nested lists in a section',
      (d) =>
        editBody(d, visibleItemIds(d)[0], (json) => {
          json.content.push({
            type: 'beslutning',
            content: [
              paragraph('Driftsforum tog orienteringen til efterretning', [{ type: 'bold' }]),
              paragraph('Se https://example.org', [
                { type: 'link', attrs: { href: 'https://example.org' } },
              ]),
              {
                type: 'orderedList',
                attrs: { start: 2, type: null },
                content: [
                  {
                    type: 'listItem',
                    content: [
                      paragraph('punkt'),
                      {
                        type: 'bulletList',
                        content: [{ type: 'listItem', content: [paragraph('under')] }],
                      },
                    ],
                  },
                ],
              },
            ],
          });
        }),
    ],
    [
      'deleting text',
      (d) =>
        editBody(d, visibleItemIds(d)[0], (json) => {
          json.content = json.content.slice(0, 1);
        }),
    ],
  ];
  for (const [name, fn] of honest) {
    it(name, () => {
      const { edit, verdict } = pair();
      expect(verdict(edit(fn))).toMatchObject({ ok: true });
    });
  }

  it('the whole state of an edited document, deletions collected, passes as one update (the check on load)', () => {
    const { client, edit } = pair();
    for (let i = 0; i < 5; i++) {
      edit((d) => void insertItem(d, { title: `Punkt ${i}`, sections: [] }));
      edit((d) =>
        editBody(d, visibleItemIds(d)[0], (json) => {
          json.content.push({ type: 'referat', content: [paragraph(`tekst ${i}`)] });
        }),
      );
      edit((d) => deleteItem(d, visibleItemIds(d)[1]));
      edit((d) =>
        editBody(d, visibleItemIds(d)[0], (json) => {
          json.content = json.content.slice(0, 2);
        }),
      );
    }
    const loaded = checkUpdate(new Y.Doc(), Y.encodeStateAsUpdate(client), LIMITS, 0);
    expect(loaded).toMatchObject({ ok: true });
  });

  it('a full sync step 2 of a client that has everything is accepted and adds nothing', () => {
    const { client, verdict } = pair();
    expect(verdict(Y.encodeStateAsUpdate(client))).toMatchObject({ ok: true, addedBytes: 0 });
  });
});

describe('checkUpdate: content outside the layout is refused before it is applied', () => {
  const attacks: [string, (doc: Y.Doc) => void, string][] = [
    ['unknown root map', (d) => d.getMap('evil').set('x', 'y'), 'invalid'],
    ['unknown root text', (d) => d.getText('evil').insert(0, 'x'), 'invalid'],
    ['unknown header field', (d) => d.getMap('header').set('evil', 'x'), 'invalid'],
    ['non-string header value', (d) => d.getMap('header').set('title', { a: 1 }), 'invalid'],
    ['long header value', (d) => d.getMap('header').set('title', 'x'.repeat(10_000)), 'invalid'],
    [
      'unknown item field',
      (d) => itemMap(d, visibleItemIds(d)[0])!.set('notes', 'x'.repeat(1000)),
      'invalid',
    ],
    [
      'item flag of the wrong type',
      (d) => itemMap(d, visibleItemIds(d)[0])!.set('closed', 'ja'),
      'invalid',
    ],
    ['a number in the agenda order', (d) => d.getArray('itemOrder').push([42]), 'invalid'],
    ['bad item id', (d) => itemsMap(d).set('../../etc', new Y.Map()), 'invalid'],
    [
      'unknown node',
      (d) => itemBody(d, visibleItemIds(d)[0])!.push([new Y.XmlElement('script')]),
      'invalid',
    ],
    [
      'unknown attribute',
      (d) => {
        const el = new Y.XmlElement('paragraph');
        itemBody(d, visibleItemIds(d)[0])!.push([el]);
        el.setAttribute('onclick', 'x');
      },
      'invalid',
    ],
    [
      'unknown mark',
      (d) => {
        const text = new Y.XmlText();
        const p = new Y.XmlElement('paragraph');
        itemBody(d, visibleItemIds(d)[0])!.push([p]);
        p.push([text]);
        text.insert(0, 'x', { blink: {} });
      },
      'invalid',
    ],
    [
      'a subdocument',
      (d) => itemMap(d, visibleItemIds(d)[0])!.set('body', new Y.Doc() as never),
      'invalid',
    ],
    ['binary content', (d) => d.getArray('participants').push([new Uint8Array(10)]), 'invalid'],
  ];
  for (const [name, fn, kind] of attacks) {
    it(name, () => {
      const { edit, verdict } = pair();
      const result = verdict(edit(fn));
      expect(result).toMatchObject({ ok: false, kind });
    });
  }

  it('nesting deeper than the limit, even 10,000 levels, without deep recursion', () => {
    for (const depth of [70, 10_000]) {
      const { edit, verdict } = pair();
      const update = edit((d) =>
        d.transact(() => {
          let parent: Y.XmlElement | Y.XmlFragment = itemBody(d, visibleItemIds(d)[0])!;
          for (let i = 0; i < depth; i++) {
            const el = new Y.XmlElement('blockquote');
            parent.push([el]);
            parent = el;
          }
        }),
      );
      expect(verdict(update)).toMatchObject({ ok: false, kind: 'too-deep' });
    }
  });

  it('nesting built over several updates is measured from the document', () => {
    const { server, edit, verdict } = pair();
    let updates = 0;
    let startDepth = 0;
    for (;;) {
      const update = edit((d) => {
        // items (1) > item (2) > body (3) > the last element at each level …
        let parent: Y.XmlElement | Y.XmlFragment = itemBody(d, visibleItemIds(d)[0])!;
        let depth = 3;
        while (parent.length > 0 && parent.get(parent.length - 1) instanceof Y.XmlElement) {
          parent = parent.get(parent.length - 1) as Y.XmlElement;
          depth++;
        }
        if (updates === 0) startDepth = depth;
        for (let i = 0; i < 10; i++) {
          const el = new Y.XmlElement('blockquote');
          parent.push([el]);
          parent = el;
        }
      });
      const result = verdict(update);
      if (!result.ok) {
        expect(result.kind).toBe('too-deep');
        break;
      }
      Y.applyUpdate(server, update);
      updates++;
    }
    // Each accepted round adds 10 levels; the first round past 64 is refused.
    expect(updates).toBe(Math.floor((64 - startDepth) / 10));
    expect(updates).toBeGreaterThan(3);
  });

  it('an update over the size limit, and a document that would grow past its limit', () => {
    const { edit, verdict } = pair();
    const update = edit((d) => setHeaderField(d, 'place', 'x'.repeat(400)));
    expect(verdict(update, { ...LIMITS, maxUpdateBytes: 100 })).toMatchObject({
      ok: false,
      kind: 'too-large',
    });
    const { server } = pair();
    const size = Y.encodeStateAsUpdate(server).byteLength;
    expect(
      checkUpdate(server, update, { ...LIMITS, maxDocumentBytes: size + 100 }, size),
    ).toMatchObject({ ok: false, kind: 'too-large' });
  });

  it('content referring to something the server lacks is unresolved, not applied', () => {
    const { client, edit, verdict } = pair();
    edit((d) => setHeaderField(d, 'place', 'first')); // the server never gets this one
    const second = edit(() => setHeaderField(client, 'place', 'second'));
    expect(verdict(second)).toMatchObject({ ok: false, kind: 'unresolved' });
  });

  it('garbage is refused, never thrown', () => {
    const { verdict } = pair();
    expect(verdict(new Uint8Array([0, 1, 2, 3, 255, 255, 255]))).toMatchObject({
      ok: false,
      kind: 'malformed',
    });
  });
});
