import { useEffect, useRef, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type { MeetingState } from '../../shared/access/workflow.ts';
import { useI18n } from '../i18n/I18n.tsx';

/** How long after (re)connecting the people already there arrive without being announced. */
const SETTLE_MS = 3000;

/**
 * Says politely to screen readers what changes on the meeting page without
 * the reader doing it: the phase, an approval, someone joining or leaving.
 * One visually hidden live region, deliberately not role="status": the save
 * status is the page's status.
 */
export function MeetingAnnouncer({
  provider,
  state,
}: {
  provider: WebsocketProvider;
  state: MeetingState | null;
}) {
  const { t } = useI18n();
  const [said, setSaid] = useState({ text: '', count: 0 });
  const tRef = useRef(t);
  tRef.current = t;
  const say = (text: string) => setSaid((s) => ({ text, count: s.count + 1 }));

  const phase = state?.meta.phase;
  const lastPhase = useRef(phase);
  useEffect(() => {
    if (phase && lastPhase.current && phase !== lastPhase.current) {
      say(tRef.current('phaseChanged', { phase: tRef.current(`phase_${phase}`) }));
    }
    if (phase) lastPhase.current = phase;
  }, [phase]);

  const approvals = state?.approvals.filter((a) => !a.voidedAt) ?? null;
  const lastApprovals = useRef<number | null>(null);
  const newest = approvals?.at(-1)?.name;
  useEffect(() => {
    const count = approvals?.length ?? null;
    if (count !== null && lastApprovals.current !== null && count > lastApprovals.current) {
      if (newest) say(tRef.current('approvedBy', { name: newest }));
    }
    if (count !== null) lastApprovals.current = count;
  }, [approvals?.length, newest]);

  useEffect(() => {
    const awareness = provider.awareness;
    const names = new Map<number, string>();
    let quietUntil = Date.now() + SETTLE_MS;
    const nameOf = (id: number) => {
      const user = (awareness.getStates().get(id) as { user?: { name?: unknown } } | undefined)
        ?.user;
      return typeof user?.name === 'string' ? user.name.slice(0, 60) : null;
    };
    const present = (name: string) => [...names.values()].includes(name);
    const onChange = ({ added, updated, removed }: Record<string, number[]>) => {
      // Losing our own connection removes everyone else's presence here
      // (y-websocket, with wsconnected already false): they did not leave.
      const announce = provider.wsconnected && Date.now() >= quietUntil;
      for (const id of [...added, ...updated]) {
        const name = id === awareness.clientID ? null : nameOf(id);
        if (!name || names.get(id) === name) continue;
        const isNew = !present(name);
        names.set(id, name);
        if (announce && isNew) say(tRef.current('joined', { name }));
      }
      for (const id of removed) {
        const name = names.get(id);
        names.delete(id);
        if (announce && name && !present(name)) say(tRef.current('left', { name }));
      }
    };
    const onStatus = ({ status }: { status: string }) => {
      if (status === 'connected') quietUntil = Date.now() + SETTLE_MS;
    };
    awareness.on('change', onChange);
    provider.on('status', onStatus);
    return () => {
      awareness.off('change', onChange);
      provider.off('status', onStatus);
    };
  }, [provider]);

  return (
    <div className="sr-only" aria-live="polite" aria-atomic="true">
      {said.text ? <span key={said.count}>{said.text}</span> : null}
    </div>
  );
}
