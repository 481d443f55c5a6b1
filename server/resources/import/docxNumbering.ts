import { smallNumber } from './docxStyles.ts';
import { attribute, forEachTag, unescapeXml } from './xmlTags.ts';

/** One level of a list definition (w:lvl). */
export interface LevelDef {
  /** w:numFmt: decimal, lowerLetter, upperLetter, lowerRoman, upperRoman, bullet, none … */
  format: string;
  /** w:lvlText: "%1.", "%1.%2", "•"; '' when not given. */
  text: string;
  start: number;
  /** w:pStyle: the paragraph style this level belongs to (Heading 1 numbering). */
  style?: string;
}

/** A list definition (w:abstractNum): levels 0–8. */
export interface AbstractNum {
  levels: Map<number, LevelDef>;
  /** w:numStyleLink: the levels are those of the numbering style named. */
  styleLink?: string;
}

/** A list instance (w:num): which definition it uses and what it overrides per level. */
export interface NumDef {
  abstractId?: string;
  overrides: Map<number, { start?: number; level?: Partial<LevelDef> }>;
}

export interface Numbering {
  abstracts: Map<string, AbstractNum>;
  nums: Map<string, NumDef>;
}

/** Word's levels are 0–8; anything else is ignored (and so bounded). */
const MAX_LEVEL = 8;
const val = (attributes: string) => attribute(attributes, 'w:val');
const level = (attributes: string) => {
  const n = smallNumber(attribute(attributes, 'w:ilvl'));
  return n !== undefined && n <= MAX_LEVEL ? n : undefined;
};

/**
 * word/numbering.xml in one pass: the list definitions with their levels
 * (format, text, start, paragraph style), and the list instances with the
 * definition they use and their level overrides (w:startOverride, or a
 * whole w:lvl, which LibreOffice writes when an instance's format differs).
 */
export function readNumbering(xml: string): Numbering {
  const abstracts = new Map<string, AbstractNum>();
  const nums = new Map<string, NumDef>();
  let abstract: { id: string; def: AbstractNum } | null = null;
  let num: { id: string; def: NumDef } | null = null;
  /** The lvlOverride being read (its level). */
  let override: number | null = null;
  /** The w:lvl being read: in a definition, or in an override. */
  let lvl: { ilvl: number; def: Partial<LevelDef> } | null = null;
  forEachTag(xml, ({ name, closing, empty, attributes }) => {
    if (closing) {
      if (name === 'w:lvl' && lvl) {
        if (abstract && !abstract.def.levels.has(lvl.ilvl)) {
          abstract.def.levels.set(lvl.ilvl, {
            format: lvl.def.format ?? 'decimal',
            text: lvl.def.text ?? '',
            start: lvl.def.start ?? 1,
            style: lvl.def.style,
          });
        } else if (num && override !== null) {
          const o = num.def.overrides.get(override);
          if (o) o.level ??= lvl.def;
        }
        lvl = null;
      } else if (name === 'w:lvlOverride') override = null;
      else if (name === 'w:abstractNum' && abstract) {
        if (!abstracts.has(abstract.id)) abstracts.set(abstract.id, abstract.def);
        abstract = null;
        lvl = null;
      } else if (name === 'w:num' && num) {
        if (!nums.has(num.id)) nums.set(num.id, num.def);
        num = null;
        override = null;
        lvl = null;
      }
      return;
    }
    if (lvl) {
      const def = lvl.def;
      if (name === 'w:numFmt') def.format ??= val(attributes)?.slice(0, 40);
      else if (name === 'w:lvlText') def.text ??= unescapeXml(val(attributes)?.slice(0, 200) ?? '');
      else if (name === 'w:start') def.start ??= smallNumber(val(attributes));
      else if (name === 'w:pStyle') def.style ??= unescapeXml(val(attributes)?.slice(0, 200) ?? '');
      return;
    }
    if (abstract) {
      if (name === 'w:lvl' && !empty) {
        const ilvl = level(attributes);
        if (ilvl !== undefined) lvl = { ilvl, def: {} };
      } else if (name === 'w:numStyleLink') {
        abstract.def.styleLink ??= unescapeXml(val(attributes)?.slice(0, 200) ?? '');
      }
      return;
    }
    if (num) {
      if (name === 'w:abstractNumId') num.def.abstractId ??= val(attributes)?.slice(0, 20);
      else if (name === 'w:lvlOverride' && !empty) {
        override = level(attributes) ?? null;
        if (override !== null && !num.def.overrides.has(override)) {
          num.def.overrides.set(override, {});
        }
      } else if (override !== null && name === 'w:startOverride') {
        const o = num.def.overrides.get(override)!;
        o.start ??= smallNumber(val(attributes));
      } else if (override !== null && name === 'w:lvl' && !empty) {
        lvl = { ilvl: override, def: {} };
      }
      return;
    }
    if (name === 'w:abstractNum' && !empty) {
      const id = attribute(attributes, 'w:abstractNumId')?.slice(0, 20);
      if (id !== undefined) abstract = { id, def: { levels: new Map() } };
    } else if (name === 'w:num' && !empty) {
      const id = attribute(attributes, 'w:numId')?.slice(0, 20);
      if (id !== undefined) num = { id, def: { overrides: new Map() } };
    }
  });
  return { abstracts, nums };
}

/** A numbered paragraph as Word shows it. */
export interface ListNumber {
  /** The list it counts in: its abstract numbering. */
  group: string;
  ilvl: number;
  format: string;
  /** The number of this paragraph at its level (3 for "3.", 2 for "b)"). */
  value: number;
  /** What Word prints before it: "3.", "1.2", "b)", "•". */
  label: string;
  /** The level's first number. */
  start: number;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const ROMAN: [number, string][] = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

/** `n` in a numbering format, as Word writes it (a, …, z, aa, …; i, ii, …). Bounded. */
export function formatNumber(n: number, format: string): string {
  const lower = format.startsWith('lower');
  if (/^(lower|upper)Letter$/.test(format) && n >= 1 && n <= 26 * 30) {
    const letter = LETTERS[(n - 1) % 26].repeat(Math.ceil(n / 26));
    return lower ? letter : letter.toUpperCase();
  }
  if (/^(lower|upper)Roman$/.test(format) && n >= 1 && n < 4000) {
    let rest = n;
    let out = '';
    for (const [v, s] of ROMAN) {
      for (; rest >= v; rest -= v) out += s;
    }
    return lower ? out : out.toUpperCase();
  }
  if (format === 'decimalZero' && n < 10) return `0${n}`;
  if (format === 'none' || format === 'bullet') return '';
  return String(n);
}

/** How many numStyleLink hops are followed (one is what Word writes). */
const MAX_LINKS = 4;

/**
 * Numbers paragraphs as Word does, in document order: counters are kept per
 * abstract numbering, so list instances (w:num) of one definition continue
 * each other's numbers (LibreOffice gives each list it saves its own
 * instance), and restart only where an instance overrides the start, at
 * its first paragraph: w:startOverride, or the w:start of a whole level it
 * overrides (LibreOffice writes a list that starts at 2 so). A level counts on from
 * its last number, or starts at its start; the levels below it start again.
 * `numberStyle` gives the numbering of a numbering style (w:numStyleLink).
 */
export class ListCounter {
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly pending = new Map<string, (number | undefined)[]>();
  private readonly used = new Set<string>();

  constructor(
    private readonly numbering: Numbering,
    private readonly numberStyle: (styleId: string) => string | undefined = () => undefined,
  ) {}

  /** The definition (and its id) an instance uses, through numbering-style links. */
  private abstractOf(num: NumDef): { id: string; def: AbstractNum } | null {
    let id = num.abstractId;
    for (let hops = 0; id !== undefined && hops <= MAX_LINKS; hops++) {
      const def = this.numbering.abstracts.get(id);
      if (!def) return null;
      if (!def.styleLink || def.levels.size) return { id, def };
      const linkedNum = this.numberStyle(def.styleLink);
      id = linkedNum === undefined ? undefined : this.numbering.nums.get(linkedNum)?.abstractId;
    }
    return null;
  }

  /**
   * The number of the next paragraph in list instance `numId` at level
   * `ilvl` (when not given: the level tied to the paragraph's `style`, else
   * 0); null when the document defines no such list ("0" means none).
   */
  next(numId: string, ilvl: number | undefined, style?: string): ListNumber | null {
    const num = this.numbering.nums.get(numId);
    const abstract = num && this.abstractOf(num);
    if (!num || !abstract) return null;
    let at = ilvl;
    if (at === undefined && style !== undefined) {
      for (const [i, l] of abstract.def.levels) if (l.style === style) at = i;
    }
    at = Math.min(at ?? 0, MAX_LEVEL);
    const group = abstract.id;
    const counters = this.list(this.counters, group);
    const pending = this.list(this.pending, group);
    if (!this.used.has(numId)) {
      this.used.add(numId);
      for (const [i, o] of num.overrides) {
        const start = o.start ?? o.level?.start;
        if (start !== undefined) pending[i] = start;
      }
    }
    const def = this.level(abstract.def, num, at);
    let value: number;
    if (pending[at] !== undefined) {
      value = pending[at]!;
      pending[at] = undefined;
    } else value = counters[at] !== undefined ? counters[at]! + 1 : def.start;
    counters[at] = value;
    for (let i = at + 1; i <= MAX_LEVEL; i++) counters[i] = undefined;
    return {
      group,
      ilvl: at,
      format: def.format,
      value,
      label: this.label(abstract.def, num, at, counters),
      start: def.start,
    };
  }

  private list(map: Map<string, (number | undefined)[]>, group: string) {
    let list = map.get(group);
    if (!list) map.set(group, (list = []));
    return list;
  }

  /** A level as the instance sees it: the definition's, with the instance's override on top. */
  private level(abstract: AbstractNum, num: NumDef, ilvl: number): LevelDef {
    const base = abstract.levels.get(ilvl) ?? { format: 'decimal', text: '', start: 1 };
    const over = num.overrides.get(ilvl)?.level;
    return over ? { ...base, ...stripUndefined(over) } : base;
  }

  /** The level's text with each %n replaced by level n's current number in its format. */
  private label(
    abstract: AbstractNum,
    num: NumDef,
    ilvl: number,
    counters: (number | undefined)[],
  ) {
    const def = this.level(abstract, num, ilvl);
    const text = def.text || (def.format === 'bullet' ? '•' : `%${ilvl + 1}.`);
    if (text.length > 64) return `${counters[ilvl]}.`;
    return text.replace(/%([1-9])/g, (_, d: string) => {
      const i = Number(d) - 1;
      if (i > ilvl) return '';
      const l = this.level(abstract, num, i);
      return formatNumber(counters[i] ?? l.start, l.format);
    });
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
