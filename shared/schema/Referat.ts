import { createSection } from './Section.ts';

/** What was said under the item. */
export const Referat = createSection('referat');
