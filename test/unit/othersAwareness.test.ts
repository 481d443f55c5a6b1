import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { othersAwareness } from '../../client/collab/othersAwareness.ts';

describe('othersAwareness (the caret plugin view of presence)', () => {
  it("passes on others' changes, ours only to the active editor, and unsubscribes", () => {
    const mine = new Awareness(new Y.Doc());
    const theirs = new Awareness(new Y.Doc());
    let active = false;
    const view = othersAwareness(mine, () => active);
    const seen: number[][] = [];
    const listener = ({ added, updated }: { added: number[]; updated: number[] }) =>
      seen.push([...added, ...updated]);
    view.on('change', listener);

    mine.setLocalStateField('cursor', { anchor: 1 });
    expect(seen).toEqual([]); // our own caret moved: not for an inactive editor

    active = true;
    mine.setLocalStateField('cursor', { anchor: 2 });
    expect(seen).toEqual([[mine.clientID]]);

    active = false;
    theirs.setLocalStateField('cursor', { anchor: 3 });
    applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), 'remote');
    expect(seen).toEqual([[mine.clientID], [theirs.clientID]]);

    // Reads and writes go to the real awareness.
    expect(view.getStates()).toBe(mine.getStates());
    view.setLocalStateField('user', { name: 'Anne' });
    expect(mine.getLocalState()).toMatchObject({ user: { name: 'Anne' } });

    view.off('change', listener);
    theirs.setLocalStateField('cursor', { anchor: 4 });
    applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), 'remote');
    expect(seen).toHaveLength(2);
    mine.destroy();
    theirs.destroy();
  });
});
