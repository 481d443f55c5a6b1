import { expect } from 'vitest';
import * as Y from 'yjs';
import { itemContentFromJSON, type MeetingContent } from '../../shared/minutes/content.ts';
import { emptyHeader } from '../../shared/minutes/fields.ts';
import { meetingToJSON } from '../../shared/minutes/toJSON.ts';
import { meetingSchema } from '../../shared/schema/index.ts';

/** Checks that a meeting's Y.Doc, read as schema JSON, holds exactly `expected`. */
export function expectMeetingMatches(doc: Y.Doc, expected: MeetingContent) {
  const { document, problems } = meetingToJSON(doc);
  expect(problems).toEqual([]);
  expect(() => meetingSchema().nodeFromJSON(document).check()).not.toThrow();
  const [header, participants, ...items] = document.content!;
  expect(header.attrs).toMatchObject(expected.header);
  expect(Object.keys(header.attrs!).sort()).toEqual(Object.keys(emptyHeader()).sort());
  expect(participants.content!.map(({ attrs }) => ({ ...attrs, id: undefined }))).toEqual(
    expected.participants.map((p) => ({ ...p, id: undefined })),
  );
  expect(items).toHaveLength(expected.items.length);
  items.forEach((item, i) => {
    const want = expected.items[i];
    expect(itemContentFromJSON({ type: 'doc', content: item.content })).toEqual({
      title: want.title,
      sections: want.sections,
    });
    expect(item.attrs).toMatchObject({
      presenter: want.presenter ?? '',
      closed: want.closed ?? false,
      carryOver: want.carryOver ?? false,
      standing: want.standing ?? '',
    });
  });
}
