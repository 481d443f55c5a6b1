import type { ReactNode } from 'react';
import type { MeetingConnection } from '../collab/useMeetingConnection.ts';
import { useI18n } from '../i18n/I18n.tsx';

/** An error the local copy cannot recover from: say why, offer to reload from the server. */
export function ReloadBanner({
  connection,
  children,
}: {
  connection: MeetingConnection;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="banner error" role="alert">
      {children}{' '}
      <button type="button" className="link" onClick={() => void connection.discardLocal()}>
        {t('reloadFromServer')}
      </button>
    </div>
  );
}
