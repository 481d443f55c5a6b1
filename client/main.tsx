import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { I18nProvider } from './i18n/I18n.tsx';
import { captureInviteToken, loadSignIn } from './auth.ts';
import './styles.css';

captureInviteToken();

// How people sign in here (and who is signed in) is known before the first page shows.
void loadSignIn().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nProvider>
        <App />
      </I18nProvider>
    </StrictMode>,
  ),
);
