import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { ApiError } from '../api.ts';
import { ERROR_STRINGS } from './errorStrings.ts';
import { fill } from './fill.ts';
import { STRINGS, type Language, type StringKey } from './strings.ts';

const STORAGE_KEY = 'referat.language';

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  /** The string in the reader's language, its `{name}` placeholders filled from `values`. */
  t(key: StringKey, values?: Record<string, string | number>): string;
  /** A failed request as the reader should read it (the server's code in their language). */
  describeError(err: unknown): string;
  /** A meeting date (YYYY-MM-DD) as the reader writes it: "9. december 2020"; '' when empty. */
  formatDate(iso: string): string;
  /**
   * A moment (an ISO timestamp) in the reader's language and time zone:
   * "02.12.2026, 14.03"; with `'second'` the locale's default form, with seconds
   * ("2.12.2026, 14.03.22"), for the audit log, where order within a minute matters.
   */
  formatTime(iso: string, precision?: 'minute' | 'second'): string;
}

const locale = (language: Language) => (language === 'da' ? 'da-DK' : 'en-GB');

/** The sentence for a failure: the server's error code, a network failure, else its message. */
export function describeError(err: unknown, language: Language): string {
  const strings = ERROR_STRINGS[language];
  if (err instanceof ApiError) return strings[err.code] ?? strings.internal;
  if (err instanceof TypeError) return strings.network; // fetch could not reach the server
  return (err as Error)?.message ?? strings.internal;
}

/** Noon, so no time zone moves the day. */
export function formatMeetingDate(iso: string, language: Language): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return new Date(iso + 'T12:00:00').toLocaleDateString(locale(language), { dateStyle: 'long' });
}

export function formatMoment(
  iso: string,
  language: Language,
  precision: 'minute' | 'second' = 'minute',
): string {
  return new Date(iso).toLocaleString(
    locale(language),
    precision === 'minute' ? { dateStyle: 'short', timeStyle: 'short' } : undefined,
  );
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'da';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLang] = useState<Language>(initialLanguage);
  // The section labels are drawn by CSS keyed on <html lang>; keep it true.
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLang(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      language,
      setLanguage,
      t: (key, values) => (values ? fill(STRINGS[language][key], values) : STRINGS[language][key]),
      formatDate: (iso) => formatMeetingDate(iso, language),
      describeError: (err) => describeError(err, language),
      formatTime: (iso, precision) => formatMoment(iso, language, precision),
    }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
