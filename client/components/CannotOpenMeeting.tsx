import type { ErrorCode } from '../../shared/api/errors.ts';
import { lastRefusal, signIn } from '../auth.ts';
import type { MeetingFailure } from '../collab/useMeetingPage.ts';
import { ERROR_STRINGS } from '../i18n/errorStrings.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { AppLink } from './AppLink.tsx';
import { SignInButtons } from './SignInButtons.tsx';

/**
 * The page in place of a meeting that cannot be opened: why, in the
 * server's words when it refused this browser, with the way back. Through
 * an identity provider, someone not signed in is asked to sign in instead
 * (an invitation is opened by signing in as its person).
 */
export function CannotOpenMeeting({
  meetingId,
  failed,
}: {
  meetingId: string;
  failed: MeetingFailure;
}) {
  const { t, language } = useI18n();
  if (failed === 'noAccess' && signIn.mode === 'oidc' && !signIn.person) {
    return (
      <main className="list-page">
        <h1>{t('signInTitle')}</h1>
        <p>{t('signInToClaim')}</p>
        <SignInButtons returnTo={`/m/${meetingId}`} />
      </main>
    );
  }
  const refusal = failed === 'noAccess' ? lastRefusal : null;
  return (
    <main className="list-page">
      <h1>{t('cannotOpenMeeting')}</h1>
      <p className="error" role="alert">
        {failed === 'invalid'
          ? t('invalidMeeting')
          : refusal && refusal in ERROR_STRINGS[language]
            ? ERROR_STRINGS[language][refusal as ErrorCode]
            : failed === 'noAccess'
              ? t('noAccess')
              : t('meetingNotFound')}
      </p>
      <AppLink to="/">{t('backToMeetings')}</AppLink>
    </main>
  );
}
