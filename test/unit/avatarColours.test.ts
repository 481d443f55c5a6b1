import { describe, expect, it } from 'vitest';
import { COLOURS, distinctColours, type PresentPerson } from '../../client/identity.ts';

const person = (clientId: number, name: string, color: string, since: number): PresentPerson => ({
  clientId,
  name,
  color,
  since,
});

/**
 * What the clients do together: each shows the colour distinctColours gives
 * it (useDistinctColour publishes it), then everyone computes again.
 */
function settle(people: PresentPerson[]): PresentPerson[] {
  let now = people;
  for (let round = 0; round < 5; round++) {
    const colours = distinctColours(now);
    now = now.map((p) => ({ ...p, color: colours.get(p.clientId)! }));
  }
  return now;
}

describe('avatar colours of the people present', () => {
  it('two people with the same colour get two colours: the one who came first keeps it', () => {
    const colours = distinctColours([
      person(7, 'Bo Nielsen', COLOURS[2], 2000),
      person(3, 'Anne Holm', COLOURS[2], 1000),
    ]);
    expect(colours.get(3)).toBe(COLOURS[2]);
    expect(colours.get(7)).not.toBe(COLOURS[2]);
    expect(COLOURS).toContain(colours.get(7));
  });

  it('every client computes the same colours, whatever order it sees people in', () => {
    const people = [
      person(1, 'A', COLOURS[0], 10),
      person(2, 'B', COLOURS[0], 10),
      person(3, 'C', COLOURS[1], 5),
      person(4, 'D', COLOURS[0], 20),
    ];
    const one = distinctColours(people);
    const other = distinctColours([...people].reverse());
    expect([...other.entries()].sort()).toEqual([...one.entries()].sort());
    expect(new Set(one.values()).size).toBe(4);
  });

  it('no two people share a colour while colours are left; one person in two tabs keeps one', () => {
    const people = Array.from({ length: COLOURS.length }, (_, i) =>
      person(i + 1, `Person ${i}`, COLOURS[i % 3], i),
    );
    people.push(person(100, 'Person 0', COLOURS[5], 99));
    const colours = distinctColours(people);
    const byPerson = new Map(people.map((p) => [p.name, colours.get(p.clientId)]));
    expect(new Set(byPerson.values()).size).toBe(COLOURS.length);
    expect(colours.get(100)).toBe(colours.get(1));
    // One more person than colours: colours repeat rather than fail.
    const crowd = distinctColours([...people, person(200, 'Late', COLOURS[0], 500)]);
    expect(COLOURS).toContain(crowd.get(200));
  });

  it("a person's colour stays while they stay: newcomers and leavers never change it", () => {
    let room = settle([person(1, 'Anne', COLOURS[4], 1), person(2, 'Bo', COLOURS[4], 2)]);
    const anne = room.find((p) => p.name === 'Anne')!.color;
    const bo = room.find((p) => p.name === 'Bo')!.color;
    expect(anne).toBe(COLOURS[4]);
    expect(bo).not.toBe(anne);
    // Anne leaves: Bo keeps the colour he got, though his own is free again.
    room = settle(room.filter((p) => p.name !== 'Anne'));
    expect(room[0].color).toBe(bo);
    // Anne comes back (a new arrival, after Bo), and Carl with Bo's colour: Bo keeps his.
    room = settle([...room, person(5, 'Anne', COLOURS[4], 7), person(6, 'Carl', bo, 8)]);
    const colours = new Map(room.map((p) => [p.name, p.color]));
    expect(colours.get('Bo')).toBe(bo);
    expect(colours.get('Anne')).toBe(COLOURS[4]);
    expect(new Set(colours.values()).size).toBe(3);
  });
});
