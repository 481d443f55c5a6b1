/** One tag of an XML text, as `forEachTag` meets it. */
export interface XmlTag {
  /** The element's name with its prefix, e.g. `w:p`. */
  name: string;
  /** `</w:p>` */
  closing: boolean;
  /** `<w:tab/>` */
  empty: boolean;
  /** What stands between the name and `>` or `/>`: the attributes, undecoded. */
  attributes: string;
  /** Where the tag starts (its `<`) and ends (after its `>`) in the text. */
  start: number;
  end: number;
}

const SLASH = 47;

/** XML whitespace ends a tag's name. */
const endsName = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

/**
 * Calls `visit` for every tag of `xml`, left to right, in one pass: each
 * character is read a bounded number of times however the tags nest or are
 * left unclosed (matching `<w:p\b[\s\S]*?<\/w:p>` with a regular expression
 * read the rest of the text again from every unclosed `<w:p>`). A tag runs
 * from `<` to the next `>`. Comments and processing instructions come as
 * tags named `!--` and `?xml`, which callers ignore; the text between tags
 * is read by the caller from `end` to the next tag's `start`.
 */
export function forEachTag(xml: string, visit: (tag: XmlTag) => void): void {
  for (let lt = xml.indexOf('<'); lt >= 0;) {
    const gt = xml.indexOf('>', lt + 1);
    if (gt < 0) return;
    const closing = xml.charCodeAt(lt + 1) === SLASH;
    const nameStart = lt + (closing ? 2 : 1);
    const empty = !closing && gt - 1 >= nameStart && xml.charCodeAt(gt - 1) === SLASH;
    const bodyEnd = empty ? gt - 1 : gt;
    let nameEnd = nameStart;
    while (nameEnd < bodyEnd && !endsName(xml.charCodeAt(nameEnd))) nameEnd++;
    visit({
      name: xml.slice(nameStart, nameEnd),
      closing,
      empty,
      attributes: xml.slice(nameEnd, bodyEnd),
      start: lt,
      end: gt + 1,
    });
    lt = xml.indexOf('<', gt + 1);
  }
}

/** The (undecoded) value of attribute `name` in a tag's attributes, e.g. `w:val`. */
export function attribute(attributes: string, name: string): string | undefined {
  const key = `${name}="`;
  for (let at = attributes.indexOf(key); at >= 0; at = attributes.indexOf(key, at + 1)) {
    if (at > 0 && !endsName(attributes.charCodeAt(at - 1))) continue;
    const from = at + key.length;
    const to = attributes.indexOf('"', from);
    return to < 0 ? undefined : attributes.slice(from, to);
  }
  return undefined;
}

/** The five XML entities and numeric character references (`&#233;`) in text. */
export function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}
