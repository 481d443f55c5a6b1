import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { useI18n } from '../i18n/I18n.tsx';
import { distinctColours, presentPeople } from '../identity.ts';

interface Present {
  clientId: number;
  name: string;
  color: string;
}

/**
 * Everyone with the meeting open, from the awareness states CollaborationCaret
 * publishes, each in a colour of their own while colours last.
 */
export function PresenceList({ provider }: { provider: WebsocketProvider }) {
  const { t } = useI18n();
  const [people, setPeople] = useState<Present[]>([]);
  useEffect(() => {
    const update = () => {
      const present = presentPeople(
        provider.awareness.getStates() as Map<number, Record<string, unknown>>,
      );
      // Shown as every client computes them, so a newcomer is told apart at once.
      const colours = distinctColours(present);
      const list: Present[] = present.map(({ clientId, name, color }) => ({
        clientId,
        name,
        color: colours.get(clientId) ?? color,
      }));
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
