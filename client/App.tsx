import { useEffect, useMemo, useReducer, useState } from 'react';
import {
  CREDENTIALS_CHANGED,
  claimsFor,
  isSecretariat,
  signIn,
  signOut,
  signOutPerson,
} from './auth.ts';
import { AppLink } from './components/AppLink.tsx';
import { PageSlotsContext } from './components/PageSlots.tsx';
import { useI18n } from './i18n/I18n.tsx';
import { identityFor } from './identity.ts';
import { LoginPage } from './pages/LoginPage.tsx';
import { MeetingListPage } from './pages/MeetingListPage.tsx';
import { MeetingPage } from './pages/MeetingPage.tsx';
import { RosterPage } from './pages/RosterPage.tsx';
import { navigate, parseRoute, usePathname } from './router.ts';

export function App() {
  const { t, language, setLanguage } = useI18n();
  const route = parseRoute(usePathname());
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    window.addEventListener(CREDENTIALS_CHANGED, rerender);
    return () => window.removeEventListener(CREDENTIALS_CHANGED, rerender);
  }, []);
  const claims = claimsFor(route.page === 'meeting' ? route.meetingId : undefined);
  const identity = claims ? identityFor(claims) : null;
  const [skipLinks, setSkipLinks] = useState<HTMLElement | null>(null);
  const [bar, setBar] = useState<HTMLElement | null>(null);
  const slots = useMemo(() => ({ skipLinks, bar }), [skipLinks, bar]);

  return (
    <div className="app">
      <div ref={setSkipLinks} />
      <header className="topbar">
        <AppLink className="brand" to="/">
          {t('appName')}
        </AppLink>
        <div className="spacer" />
        {identity && claims ? (
          <span className="who">
            <span
              className="avatar small"
              style={{ background: identity.color }}
              aria-hidden="true"
            >
              {identity.name.slice(0, 1).toUpperCase()}
            </span>
            {identity.name}
            <span className="muted small"> · {t(`role_${claims.role}`)}</span>
          </span>
        ) : null}
        {isSecretariat() || signIn.person ? (
          <button
            type="button"
            className="link"
            onClick={async () => {
              signOut();
              await signOutPerson().catch(() => {});
              rerender();
              navigate('/');
              // The button is gone; the start page's heading takes the focus.
              requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
            }}
          >
            {t('signOut')}
          </button>
        ) : route.page === 'list' ? (
          <AppLink to="/login">{t('signIn')}</AppLink>
        ) : null}
        <button
          type="button"
          className="link"
          onClick={() => setLanguage(language === 'da' ? 'en' : 'da')}
        >
          {t('language')}
        </button>
        <div ref={setBar} className="page-bar" />
      </header>
      <PageSlotsContext.Provider value={slots}>
        {route.page === 'login' ? <LoginPage /> : null}
        {route.page === 'list' ? <MeetingListPage /> : null}
        {route.page === 'rosters' ? (
          <RosterPage key={route.forumId ?? ''} forumId={route.forumId} />
        ) : null}
        {route.page === 'meeting' ? (
          <MeetingPage
            key={route.meetingId}
            meetingId={route.meetingId}
            identity={identity ?? { name: '?', color: '#666' }}
          />
        ) : null}
      </PageSlotsContext.Provider>
    </div>
  );
}
