import { createSection } from './Section.ts';

/** What the forum is asked to decide; often numbered points (an ordered list). */
export const Indstilling = createSection('indstilling');
