import { todayInDenmark } from '../../shared/rosters/roster.ts';

/**
 * The server's clock: milliseconds since the epoch, like `Date.now`.
 * createServer hands it to everything whose behaviour depends on the date
 * or the time of day (deadlines that must not be in the past, reminders at
 * 09:00 Danish time, whose roster membership is current, token and
 * challenge expiry, the stamp of calendar invitations), so a test sets the
 * day it needs instead of depending on the one it runs on. Timestamps that
 * only record when something happened keep `new Date()`; the real time also
 * stays with waits run by timers (mail retries) and with what an identity
 * provider vouches for (its sign-in round trip, the freshness of a step-up),
 * which are measured against the provider's clock.
 */
export type Clock = () => number;

/** The real time. */
export const systemClock: Clock = () => Date.now();

/** The clock's date in Denmark (YYYY-MM-DD): deadlines and memberships are Danish days. */
export function danishDay(clock: Clock): string {
  return todayInDenmark(new Date(clock()));
}
