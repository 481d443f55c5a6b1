import { createSection } from './Section.ts';

/** Background written before the meeting. */
export const Sagsfremstilling = createSection('sagsfremstilling');
