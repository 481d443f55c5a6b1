import { createHash } from 'node:crypto';
import { normaliseForum } from '../../../shared/rosters/roster.ts';

/**
 * A forum's id: "f" and the first 32 hex digits of the SHA-256 of its
 * normalised name. Derived, not assigned, so every meeting whose `forum`
 * normalises alike finds the same roster without an index, two secretaries
 * creating the same forum's roster at once get one, and the id (in URLs and
 * file names) is safe whatever the name holds (Greek, Polish, slashes).
 * Renaming a forum is therefore not supported: a new name is a new forum.
 */
export function forumIdOf(forum: string): string | null {
  const key = normaliseForum(forum);
  if (!key) return null;
  return 'f' + createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 32);
}
