import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { STRINGS, type Language, type StringKey } from './strings.ts';

const STORAGE_KEY = 'referat.language';

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t(key: StringKey): string;
  /** A meeting date (YYYY-MM-DD) as the reader writes it: "9. december 2020"; '' when empty. */
  formatDate(iso: string): string;
}

/** Noon, so no time zone moves the day. */
export function formatMeetingDate(iso: string, language: Language): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return new Date(iso + 'T12:00:00').toLocaleDateString(language === 'da' ? 'da-DK' : 'en-GB', {
    dateStyle: 'long',
  });
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
      t: (key) => STRINGS[language][key],
      formatDate: (iso) => formatMeetingDate(iso, language),
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
