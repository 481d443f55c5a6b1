import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { useI18n } from '../i18n/I18n.tsx';

interface Present {
  clientId: number;
  name: string;
  color: string;
}

/** Everyone with the meeting open, from the awareness states CollaborationCaret publishes. */
export function PresenceList({ provider }: { provider: WebsocketProvider }) {
  const { t } = useI18n();
  const [people, setPeople] = useState<Present[]>([]);
  useEffect(() => {
    const update = () => {
      const list: Present[] = [];
      provider.awareness.getStates().forEach((state, clientId) => {
        const user = (state as { user?: { name?: unknown; color?: unknown } }).user;
        if (user && typeof user.name === 'string') {
          list.push({
            clientId,
            name: user.name.slice(0, 60),
            color: String(user.color ?? '#666'),
          });
        }
      });
      list.sort((a, b) => a.name.localeCompare(b.name, 'da'));
      setPeople(list);
    };
    update();
    provider.awareness.on('change', update);
    return () => provider.awareness.off('change', update);
  }, [provider]);

  const self = provider.awareness.clientID;
  return (
    <section className="presence" aria-label={t('present')}>
      <h2>{t('present')}</h2>
      <ul>
        {people.map((p) => (
          <li key={p.clientId} data-testid="present-user">
            <span className="avatar" style={{ background: p.color }} aria-hidden="true">
              {p.name.slice(0, 1).toUpperCase()}
            </span>
            {p.name}
            {p.clientId === self ? <span className="muted"> ({t('you')})</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
