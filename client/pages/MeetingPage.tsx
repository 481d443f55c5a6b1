import { useEffect } from 'react';
import { useMeetingPage } from '../collab/useMeetingPage.ts';
import { CannotOpenMeeting } from '../components/CannotOpenMeeting.tsx';
import { MeetingLayout } from '../components/MeetingLayout.tsx';
import { useI18n } from '../i18n/I18n.tsx';
import type { Identity } from '../identity.ts';

/** One meeting: live when it can be opened, else why not. */
export function MeetingPage({ meetingId, identity }: { meetingId: string; identity: Identity }) {
  const { t } = useI18n();
  const page = useMeetingPage(meetingId);
  const title = page.state?.meta.title;
  useEffect(() => {
    document.title = title ? `${title} – ${t('appName')}` : t('appName');
  }, [title, t]);
  if (page.failed) return <CannotOpenMeeting meetingId={meetingId} failed={page.failed} />;
  return <MeetingLayout meetingId={meetingId} identity={identity} page={page} />;
}
