import { useState } from 'react';
import { NameDialog } from './components/NameDialog.tsx';
import { useI18n } from './i18n/I18n.tsx';
import { loadIdentity, saveIdentity, type Identity } from './identity.ts';
import { MeetingListPage } from './pages/MeetingListPage.tsx';
import { MeetingPage } from './pages/MeetingPage.tsx';
import { navigate, parseRoute, usePathname } from './router.ts';

export function App() {
  const { t, language, setLanguage } = useI18n();
  const route = parseRoute(usePathname());
  const [identity, setIdentity] = useState<Identity | null>(loadIdentity);
  const [editingName, setEditingName] = useState(false);

  const done = (next: Identity) => {
    saveIdentity(next);
    setIdentity(next);
    setEditingName(false);
  };

  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href="/" onClick={(e) => (e.preventDefault(), navigate('/'))}>
          {t('appName')}
        </a>
        <div className="spacer" />
        {identity ? (
          <button
            type="button"
            className="link"
            onClick={() => setEditingName(true)}
            title={t('changeName')}
          >
            <span
              className="avatar small"
              style={{ background: identity.color }}
              aria-hidden="true"
            >
              {identity.name.slice(0, 1).toUpperCase()}
            </span>
            {identity.name}
          </button>
        ) : null}
        <button
          type="button"
          className="link"
          onClick={() => setLanguage(language === 'da' ? 'en' : 'da')}
        >
          {t('language')}
        </button>
      </header>
      {route.page === 'list' ? <MeetingListPage /> : null}
      {route.page === 'meeting' && identity ? (
        <MeetingPage meetingId={route.meetingId} identity={identity} />
      ) : null}
      {(route.page === 'meeting' && !identity) || editingName ? (
        <NameDialog initial={identity} onDone={done} />
      ) : null}
    </div>
  );
}
