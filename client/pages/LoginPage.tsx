import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import type { ErrorCode } from '../../shared/api/errors.ts';
import { saveSignIn, signIn } from '../auth.ts';
import { SignInButtons } from '../components/SignInButtons.tsx';
import { ERROR_STRINGS } from '../i18n/errorStrings.ts';
import { useAsyncAction } from '../hooks/useAsyncAction.ts';
import { usePageHeading } from '../hooks/usePageHeading.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { navigate } from '../router.ts';

/**
 * The secretariat signs in with the organiser key configured at start-up.
 * `/login#key=…` (the link the server prints) fills the key in.
 */
export function LoginPage() {
  const { t, language } = useI18n();
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const { busy, error, run } = useAsyncAction();
  const heading = usePageHeading(t('signInTitle'));

  useEffect(() => {
    const m = /^#key=(.+)$/.exec(location.hash);
    if (m) {
      setKey(decodeURIComponent(m[1]));
      history.replaceState(null, '', location.pathname);
    }
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      saveSignIn(await api.signIn(key, name));
      navigate('/');
    });
  };

  const failure = new URLSearchParams(location.search).get('signInError');
  const failureText =
    failure && failure in ERROR_STRINGS[language]
      ? ERROR_STRINGS[language][failure as ErrorCode]
      : failure
        ? ERROR_STRINGS[language].signInFailed
        : null;
  const top = (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('signInTitle')}
      </h1>
      {failureText ? (
        <p className="error" role="alert">
          {failureText}
        </p>
      ) : null}
    </>
  );
  if (signIn.mode === 'oidc') {
    return (
      <main className="list-page">
        {top}
        {signIn.person ? (
          <p>{t('signedInAs', { name: signIn.person.name })}</p>
        ) : (
          <SignInButtons returnTo="/" />
        )}
      </main>
    );
  }
  return (
    <main className="list-page">
      {top}
      <form className="new-meeting" onSubmit={submit}>
        <label>
          <span>{t('yourName')}</span>
          <input
            value={name}
            required
            maxLength={100}
            autoComplete="name"
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label>
          <span>{t('organiserKey')}</span>
          <input
            type="password"
            value={key}
            required
            autoComplete="current-password"
            onChange={(e) => setKey(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {t('signIn')}
        </button>
      </form>
      <p className="muted small">{t('signInHint')}</p>
      {error ? <p className="error">{error}</p> : null}
    </main>
  );
}
