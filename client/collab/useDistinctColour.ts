import { useEffect, useMemo, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { distinctColours, presentPeople, type Identity } from '../identity.ts';

/**
 * This browser's identity with a colour nobody else present shows: it
 * announces when it came (`since` in its presence state), and when someone
 * who came earlier shows its colour, it takes the first free one
 * (identity.ts distinctColours). The editors publish the result, so carets
 * and the presence list agree.
 */
export function useDistinctColour(provider: WebsocketProvider, identity: Identity): Identity {
  const [colour, setColour] = useState(identity.color);
  const { name, color: preferred } = identity;
  useEffect(() => {
    const awareness = provider.awareness;
    const local = awareness.getLocalState();
    if (local && typeof local.since !== 'number') awareness.setLocalStateField('since', Date.now());
    const update = () => {
      const states = new Map(awareness.getStates() as Map<number, Record<string, unknown>>);
      const own = states.get(awareness.clientID) ?? {};
      // Before an editor published us, we stand as our identity.
      if (!own.user) states.set(awareness.clientID, { ...own, user: { name, color: preferred } });
      setColour(distinctColours(presentPeople(states)).get(awareness.clientID) ?? preferred);
    };
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [provider, name, preferred]);
  return useMemo(() => ({ name, color: colour }), [name, colour]);
}
