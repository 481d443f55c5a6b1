import { safeHref } from '../../../shared/minutes/richText.ts';
import { attribute, forEachTag, unescapeXml } from './xmlTags.ts';

const HYPERLINK_TYPE = '/relationships/hyperlink';

/**
 * The hyperlink targets of word/_rels/document.xml.rels: relationship id ->
 * address, for external targets that are safe to keep (http, https,
 * mailto; never javascript: and the like).
 */
export function readHyperlinkTargets(xml: string): Map<string, string> {
  const targets = new Map<string, string>();
  forEachTag(xml, ({ name, closing, attributes }) => {
    if (closing || name !== 'Relationship') return;
    const id = attribute(attributes, 'Id');
    const type = attribute(attributes, 'Type');
    const target = attribute(attributes, 'Target');
    if (!id || !target || !type?.endsWith(HYPERLINK_TYPE)) return;
    if (attribute(attributes, 'TargetMode') !== 'External') return;
    const href = safeHref(unescapeXml(target));
    if (href && !targets.has(id)) targets.set(id, href);
  });
  return targets;
}

/** Field instructions longer than this are not hyperlinks worth reading. */
export const MAX_INSTRUCTION = 4096;

/**
 * The address of a HYPERLINK field (`HYPERLINK "https://…" \o "tip"`): its
 * first argument that is not a switch, when safe; null for any other field,
 * and for a link into the document itself (`\l "bookmark"`).
 */
export function fieldHyperlink(instruction: string): string | null {
  const tokens = instruction.slice(0, MAX_INSTRUCTION).match(/"[^"]*"|\S+/g) ?? [];
  if (tokens[0]?.toUpperCase() !== 'HYPERLINK') return null;
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i];
    if (/^\\l$/i.test(token)) return null;
    // Switches with an argument (\o tip, \t target, \n is alone but harmless to skip past).
    if (/^\\[a-z]$/i.test(token)) {
      if (/^\\[ot]$/i.test(token)) i++;
      continue;
    }
    return safeHref(token.replace(/^"|"$/g, ''));
  }
  return null;
}
