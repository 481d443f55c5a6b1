import type { Awareness } from 'y-protocols/awareness';

type ChangeListener = (
  changes: { added: number[]; updated: number[]; removed: number[] },
  origin: unknown,
) => void;

/**
 * The meeting's one Awareness as an item editor's caret plugin should see
 * it: 'change' events that only concern this client's own state (our caret
 * moving as we type) reach only the editor we type in (`isActive`). y-tiptap
 * re-decorates on every 'change', in every item editor: with 70 items that
 * was 70 editor transactions per keystroke. The active editor still needs
 * them: after a structural edit (Enter) y-tiptap hides the others' carets
 * until the next awareness change. Everything else (reads, our own writes,
 * other events) goes straight to the real Awareness.
 */
export function othersAwareness(awareness: Awareness, isActive: () => boolean): Awareness {
  const wrapped = new WeakMap<ChangeListener, ChangeListener>();
  const concernsOthers = ({ added, updated, removed }: Parameters<ChangeListener>[0]) =>
    [added, updated, removed].some((ids) => ids.some((id) => id !== awareness.clientID));
  return new Proxy(awareness, {
    get(target, prop) {
      if (prop === 'on' || prop === 'off') {
        return (event: string, listener: ChangeListener) => {
          if (event !== 'change') return target[prop](event as 'change', listener);
          let filtered = wrapped.get(listener);
          if (!filtered) {
            filtered = (changes, origin) => {
              if (isActive() || concernsOthers(changes)) listener(changes, origin);
            };
            wrapped.set(listener, filtered);
          }
          return target[prop]('change', filtered);
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
