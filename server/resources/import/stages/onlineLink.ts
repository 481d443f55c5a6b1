import type { MeetingContent } from '../../../../shared/minutes/content.ts';
import { MAX_FIELD_LENGTH } from '../../../../shared/minutes/fields.ts';
import { safeHref } from '../../../../shared/minutes/richText.ts';
import type { Line } from './normaliseLines.ts';

/** Hosts of online meetings: Teams, Zoom, Google Meet, Webex, Whereby, Jitsi, GoTo, Skype. */
const MEETING_HOST =
  /(?:^|\.)(?:teams\.microsoft\.com|teams\.live\.com|zoom\.us|zoom\.com|meet\.google\.com|webex\.com|whereby\.com|meet\.jit\.si|gotomeeting\.com|goto\.com|skype\.com)$/i;
const SAFELINKS = /(?:^|\.)safelinks\.protection\.outlook\.com$/i;

/**
 * The online meeting behind a link: the address itself, or what an Outlook
 * "safe link" (which wraps every link of a forwarded invitation) points
 * to; null for any other link.
 */
export function meetingAddress(href: string): string | null {
  let url: URL;
  let address = href;
  try {
    url = new URL(href);
    if (SAFELINKS.test(url.hostname)) {
      const inner = safeHref(url.searchParams.get('url') ?? '');
      if (!inner) return null;
      address = inner;
      url = new URL(inner);
    }
  } catch {
    return null;
  }
  return /^https?:$/.test(url.protocol) && MEETING_HOST.test(url.hostname) ? address : null;
}

/** What may stand beside the link on a line that is only the meeting link. */
const LINK_LABEL =
  /^(?:(?:online|onlinemøde|teams|teams-?møde|zoom|zoom-?møde|link|mødelink|link til mødet|deltag(?: i mødet)?|join)\s*:?)?$/i;

/**
 * A Word paragraph with a link to an online meeting (Teams, Zoom …) names
 * the meeting's online link, when none is known: before the first item
 * always (the line goes on to the header, without the link: "Teams møde
 * Klik her for at deltage i mødet" still gives the place); inside the items
 * only a line that is nothing but the link ('taken' then, for the caller to
 * list). 'taken' when the line was only the link, 'read' when the line
 * goes on, false when it has no such link.
 */
export function readOnlineLink(
  header: MeetingContent['header'],
  line: Line,
  beforeItems: boolean,
): 'taken' | 'read' | false {
  const links = line.links;
  if (!links?.length || header.onlineLink) return false;
  for (let i = 0; i < links.length; i++) {
    const address = meetingAddress(links[i].href);
    // A cut address would be a wrong one: one longer than a header field is left where it is.
    if (!address || address.length > MAX_FIELD_LENGTH) continue;
    const { from, to } = links[i];
    const rest = (line.text.slice(0, from) + line.text.slice(to)).trim();
    const alone = rest.length < 40 && LINK_LABEL.test(rest);
    if (!alone && !beforeItems) return false;
    header.onlineLink = address;
    line.links = links.filter((_, j) => j !== i);
    return alone ? 'taken' : 'read';
  }
  return false;
}
