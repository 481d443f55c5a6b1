import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/I18n.tsx';
import { navigatedInApp } from '../router.ts';

/**
 * A page's title and heading: sets the document title ("Møder – Referat",
 * WCAG 2.4.2) and, when the app opened the page itself (after signing in,
 * "← Alle møder"), moves the focus to the heading the returned ref is put
 * on, so it does not fall to <body> with the page it replaced. The heading
 * needs tabIndex={-1}.
 */
export function usePageHeading(title: string) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – ${t('appName')}`;
  }, [title, t]);
  useEffect(() => {
    if (navigatedInApp()) heading.current?.focus();
  }, []);
  return heading;
}
