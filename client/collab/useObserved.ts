import { useEffect, useReducer } from 'react';
import type * as Y from 'yjs';

/**
 * Re-renders the component whenever one of `types` changes, locally or
 * remotely; with `deep`, also when anything nested inside changes. Reads
 * happen in render, straight from Yjs. Shallow by default so that typing in
 * one item's text does not re-render the whole agenda.
 */
// `any`: a Y type is invariant in its event type, so no narrower type admits them all.
export function useObserved(types: (Y.AbstractType<any> | null | undefined)[], deep = false): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const live = types.filter((t): t is Y.AbstractType<any> => !!t);
    for (const t of live) {
      if (deep) t.observeDeep(bump);
      else t.observe(bump);
    }
    // A change between the render and this subscription (the offline cache
    // loading, a remote update) would otherwise go unseen: read once more.
    bump();
    return () => {
      for (const t of live) {
        if (deep) t.unobserveDeep(bump);
        else t.unobserve(bump);
      }
    };
  }, [...types, deep]);
}
