import type { JSONContent } from '@tiptap/core';
import {
  itemBodyJSON,
  type ItemContent,
  type MeetingContent,
  type SectionContent,
} from './content.ts';
import type { MeetingHeader } from './fields.ts';

/** Meeting templates offered when creating a meeting. */
export const TEMPLATES = ['blank', 'driftsforum'] as const;
export type TemplateName = (typeof TEMPLATES)[number];

/**
 * The standing items of a Driftsforum agenda, as in the published minutes:
 * approval of the agenda first; mutual briefing, items for the next meeting
 * and any other business last.
 */
export function driftsforumItems(): ItemContent[] {
  return [
    {
      title: 'Godkendelse af dagsorden',
      standing: 'start',
      sections: [
        {
          type: 'indstilling',
          blocks: [{ paragraph: 'Det indstilles, at dagsordenen godkendes.' }],
        },
        { type: 'beslutning', blocks: [] },
      ],
    },
    {
      title: 'Gensidig orientering om temaer med relevans for Driftsforum',
      standing: 'end',
      sections: [{ type: 'referat', blocks: [] }],
    },
    {
      title: 'Punkter til næste møde',
      standing: 'end',
      sections: [{ type: 'referat', blocks: [] }],
    },
    { title: 'Eventuelt', standing: 'end', sections: [{ type: 'referat', blocks: [] }] },
  ];
}

export function templateContent(
  template: TemplateName,
  header: Partial<MeetingHeader>,
): MeetingContent {
  return {
    header,
    participants: [],
    items: template === 'driftsforum' ? driftsforumItems() : [],
  };
}

/** Sections that belong to the preparation of an item, copied to a later meeting. */
const PREPARED_SECTIONS = new Set(['sagsfremstilling', 'indstilling', 'bilag']);

const normalTitle = (title: string) => title.trim().replace(/\s+/g, ' ').toLocaleLowerCase('da');

/**
 * The sections a standing item has at every meeting, as in the Driftsforum
 * template, found by the start of its title ("Gensidig orientering …");
 * null for a standing item the template does not know.
 */
export function usualSections(title: string): SectionContent[] | null {
  const wanted = normalTitle(title);
  const key = STANDING_KEYS.find((k) => wanted.startsWith(k));
  if (!key) return null;
  return driftsforumItems().find((item) => normalTitle(item.title).startsWith(key))!.sections;
}

/** How the template's standing items' titles start (an imported title may run on differently). */
const STANDING_KEYS = [
  'godkendelse af dagsorden',
  'gensidig orientering',
  'punkter til næste møde',
  'eventuelt',
];

/**
 * The next meeting's title: the forum and the date, "Driftsforum Nord – 3.
 * marts 2027", so two meetings of one forum never share a name.
 */
export function nextMeetingTitle(forum: string, date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  const day = Number.isNaN(d.getTime())
    ? date
    : new Intl.DateTimeFormat('da-DK', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(d);
  return [forum.trim(), day].filter(Boolean).join(' – ');
}

/** One item of the next meeting's agenda, as flags and an item-editor body. */
export interface NextItem {
  flags: Omit<ItemContent, 'title' | 'sections' | 'id'>;
  body: JSONContent;
}

export interface NextMeeting {
  header: Partial<MeetingHeader>;
  participants: MeetingContent['participants'];
  items: NextItem[];
}

const para = (text: string): JSONContent => ({
  type: 'paragraph',
  content: [{ type: 'text', text }],
});

/**
 * The agenda of the next meeting of the same forum, from the previous one
 * (its meeting-schema JSON): same forum, place and people, a title from the
 * forum and the new date; participants' status reset to "til stede" (guests
 * and ad-hoc members attended once and are left out); the opening standing
 * items, then every item marked "dagsordenssættes igen" with its preparation
 * (sagsfremstilling, indstilling, bilag) and a note of where it came from,
 * then the closing standing items. A standing item comes with its usual
 * sections (the template's, with their standard text) and none of the last
 * meeting's text: what was said under "Gensidig orientering" belongs to
 * that meeting.
 */
export function nextMeetingFrom(previous: JSONContent, date: string): NextMeeting {
  const [headerNode, participantsNode, ...items] = previous.content ?? [];
  const prevHeader = (headerNode?.attrs ?? {}) as Partial<MeetingHeader>;
  const header: Partial<MeetingHeader> = {
    forum: prevHeader.forum,
    title: nextMeetingTitle(prevHeader.forum || prevHeader.title || '', date),
    place: prevHeader.place,
    onlineLink: prevHeader.onlineLink,
    chair: prevHeader.chair,
    minuteTaker: prevHeader.minuteTaker,
    date,
  };
  const participants = (participantsNode?.content ?? [])
    .map((p) => p.attrs as MeetingContent['participants'][number])
    .filter((p) => p.status === 'present' || p.status === 'absent')
    .map(({ name, title, role, organisation }) => ({
      name,
      title,
      role,
      organisation,
      status: 'present' as const,
    }));

  const prevDate = prevHeader.date ? ` ${prevHeader.date}` : '';
  const copy = (item: JSONContent, number: number, carried: boolean): NextItem => {
    const [title, ...sections] = item.content ?? [];
    const kept = item.attrs?.standing
      ? standingSections(title, sections)
      : sections.filter((s) => PREPARED_SECTIONS.has(s.type ?? ''));
    if (carried) {
      const note = para(`Dagsordenssat igen fra mødet${prevDate}, punkt ${number}.`);
      const first = kept.find((s) => s.type === 'sagsfremstilling');
      if (first) first.content = [note, ...(first.content ?? [])];
      else kept.unshift({ type: 'sagsfremstilling', content: [note] });
    }
    const attrs = item.attrs ?? {};
    return {
      flags: {
        presenter: attrs.presenter ?? '',
        closed: attrs.closed ?? false,
        carryOver: false,
        standing: attrs.standing ?? '',
      },
      body: { type: 'doc', content: [title, ...kept] },
    };
  };

  const clone = (node: JSONContent) => JSON.parse(JSON.stringify(node)) as JSONContent;
  const numbered = items.map((item, i) => ({ item: clone(item), number: i + 1 }));
  const opening = numbered.filter(({ item }) => item.attrs?.standing === 'start');
  const carried = numbered.filter(({ item }) => item.attrs?.carryOver && !item.attrs?.standing);
  const closing = numbered.filter(({ item }) => item.attrs?.standing === 'end');
  return {
    header,
    participants,
    items: [
      ...opening.map(({ item, number }) => copy(item, number, false)),
      ...carried.map(({ item, number }) => copy(item, number, true)),
      ...closing.map(({ item, number }) => copy(item, number, false)),
    ],
  };
}

/**
 * A standing item's sections at the next meeting: the template's when it
 * knows the item, else the same kinds of section as last time, empty.
 */
function standingSections(title: JSONContent | undefined, sections: JSONContent[]): JSONContent[] {
  const titleText = (title?.content ?? []).map((n) => n.text ?? '').join('');
  const types = [...new Set(sections.map((s) => s.type))].filter(
    (t): t is SectionContent['type'] => typeof t === 'string',
  );
  const usual = usualSections(titleText) ?? types.map((type) => ({ type, blocks: [] }));
  return (itemBodyJSON({ title: '', sections: usual }).content ?? []).slice(1);
}
