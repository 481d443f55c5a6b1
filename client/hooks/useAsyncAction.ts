import { useCallback, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18n.tsx';

export interface AsyncAction {
  /** True while a run is under way: for disabling its buttons and "…" texts. */
  busy: boolean;
  /** What went wrong in the last failed run, as the person should read it; cleared by the next run. */
  error: string | null;
  /**
   * Runs `fn`, busy meanwhile. A failure is caught into `error` (so the
   * returned promise never rejects and callers need no catch of their own).
   */
  run(fn: () => Promise<unknown>): Promise<void>;
  /** Sets the message directly, for a check that fails before anything is sent. */
  setError(message: string | null): void;
}

/**
 * The busy flag and error message of an action started from a button or
 * form: one place for the try/catch/finally every form wrote by hand.
 * `describe` turns a failure into the text shown (by default the server's
 * error code in the reader's language, client/i18n/errorStrings.ts).
 */
export function useAsyncAction(describe?: (err: unknown) => string): AsyncAction {
  const { describeError } = useI18n();
  // Runs may overlap (two exports clicked); busy until the last one ends.
  const running = useRef(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The latest `describe` (it may close over the language), without making `run` change.
  const describeRef = useRef(describe ?? describeError);
  describeRef.current = describe ?? describeError;

  const run = useCallback(async (fn: () => Promise<unknown>) => {
    running.current++;
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(describeRef.current(err));
    } finally {
      if (--running.current === 0) setBusy(false);
    }
  }, []);

  return { busy, error, run, setError };
}
