import {
  CHECK_LINE_LENGTH,
  type ImportCheck,
  type ImportPlacement,
} from '../../../../shared/api/importChecks.ts';

/**
 * How sure a recogniser is, on one scale for all stages. Below
 * NEEDS_CHECK (shared/api/importChecks.ts) a block is listed for the user.
 */
export const SURE = 0.95;
export const LIKELY = 0.8;
export const UNSURE = 0.6;
export const GUESS = 0.4;
export const NOT_RECOGNISED = 0.2;
/** Left for the user (e.g. a date without a year). */
export const LEFT_OPEN = 0;

/** Records how a line was read (the line shortened: a megabyte of line is not repeated). */
export function check(
  checks: ImportCheck[],
  placement: ImportPlacement,
  confidence: number,
  line: string,
) {
  const short = line.length > CHECK_LINE_LENGTH ? `${line.slice(0, CHECK_LINE_LENGTH)}…` : line;
  checks.push({ ...placement, confidence, line: short });
}
