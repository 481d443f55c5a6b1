import { createSection } from './Section.ts';

/** Extra detail below the decision. */
export const Uddybning = createSection('uddybning');
