import { afterEach } from 'vitest';

/** Registers an afterEach that runs what `cleanup` collected, newest first. */
export function useCleanups(): (fn: () => unknown) => void {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });
  return (fn) => void cleanups.push(fn);
}
