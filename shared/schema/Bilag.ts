import { createSection } from './Section.ts';

/** Attachments to the item, usually a list of document names. */
export const Bilag = createSection('bilag');
