import { describe, expect, it } from 'vitest';
import { STRINGS } from '../../client/i18n/strings.ts';
import { SECTIONS, SECTION_TYPES, itemSchema } from '../../shared/schema/index.ts';

describe('the section table', () => {
  it('has one entry per section node, in node order', () => {
    expect(Object.keys(SECTIONS)).toEqual([...SECTION_TYPES]);
  });

  it('shortcut letters are single, distinct, and leave N (new item) free', () => {
    const letters = SECTION_TYPES.map((type) => SECTIONS[type].shortcut);
    for (const letter of letters) expect(letter).toMatch(/^[A-Z]$/);
    expect(new Set(letters).size).toBe(letters.length);
    expect(letters).not.toContain('N');
  });

  it.each(SECTION_TYPES)('%s: the UI strings are the table’s labels', (type) => {
    expect(STRINGS.da[`section_${type}`]).toBe(SECTIONS[type].label.da);
    expect(STRINGS.en[`section_${type}`]).toBe(SECTIONS[type].label.en);
  });

  it.each(SECTION_TYPES)('%s: the editor DOM carries both labels and the colours', (type) => {
    const schema = itemSchema();
    const node = schema.nodes[type].create(null, schema.nodes.paragraph.create());
    // ['section', attributes, 0]: the labels are attributes, the hole (0) is the text.
    const [tag, attributes, hole] = schema.nodes[type].spec.toDOM!(node) as [
      string,
      Record<string, string>,
      number,
    ];
    expect([tag, hole]).toEqual(['section', 0]);
    expect(attributes).toMatchObject({
      'data-section': type,
      'data-label-da': SECTIONS[type].label.da,
      'data-label-en': SECTIONS[type].label.en,
    });
    expect(attributes.style).toContain(`--section-colour: ${SECTIONS[type].colour}`);
    expect(attributes.style).toContain(
      `--section-background: ${SECTIONS[type].background ?? 'none'}`,
    );
  });
});
