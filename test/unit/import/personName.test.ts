import { describe, expect, it } from 'vitest';
import { nameShape } from '../../../server/resources/import/stages/personName.ts';

describe('nameShape', () => {
  const cases: [string, ReturnType<typeof nameShape>][] = [
    ['Aviaja Kristiansen', 'name'],
    ['Łukasz Żółć', 'name'],
    ['Đurđa Šimić', 'name'],
    ['Ditte-Marie Mikus', 'name'],
    ['Anne Louise Dall-Hansen', 'name'],
    ['Betina S. Nedergaard', 'name'],
    ['Karen af Rosenborg', 'name'],
    ['Jan van der Berg', 'name'],
    ["Siobhán O'Brien", 'name'],
    ['Aĸigssiaĸ Møller', 'name'],
    ['Bo', 'single'],
    // Negative: titles, sentences, numbers, lower-case words.
    ['Godkendelse af dagsorden', null],
    ['Referatet blev godkendt.', null],
    ['Mødet starter kl. 13', null],
    ['Udvalget drøftede sagen', null],
    ['1. Orientering', null],
    ['Punkt 3', null],
    ['af Rosenborg', null],
    ['Bo S.', null],
    ['', null],
    ['Anna Bella Carla Dorte Erna Frida Grete', null],
  ];
  for (const [text, expected] of cases) {
    it(text || '(empty)', () => expect(nameShape(text)).toBe(expected));
  }
});
