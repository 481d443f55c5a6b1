import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseMinutes, textLines } from '../../../server/resources/import/parseMinutes.ts';
import { FIXTURE_MEETINGS, fixtureText } from '../../fixtures/referater.ts';

/**
 * Both published minutes parse exactly as they did before the layout rules
 * for other fora were added (issue 16): the whole result (header,
 * participants, items with every block, the lines to check) against the
 * JSON captured then in ../../fixtures/referater-parsed/. New fields of the
 * result (the confidence report) are not part of the capture.
 */
const CAPTURED = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../fixtures/referater-parsed',
);

describe('the fixtures parse as captured', () => {
  for (const name of Object.keys(FIXTURE_MEETINGS)) {
    it(name, () => {
      const { content, kind, unrecognised } = parseMinutes(textLines(fixtureText(name)));
      const captured = JSON.parse(
        readFileSync(path.join(CAPTURED, name.replace(/\.txt$/, '.json')), 'utf8'),
      );
      expect(JSON.parse(JSON.stringify({ content, kind, unrecognised }))).toEqual(captured);
    });
  }
});
