import { createSection } from './Section.ts';

/** What was decided. Point n of an ordered list here answers indstilling point n. */
export const Beslutning = createSection('beslutning');
