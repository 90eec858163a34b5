import { useEffect, useRef } from 'react';

/** A list row's ref that scrolls the row into view when it becomes selected (keyboard triage). */
export function useScrollIntoView<T extends HTMLElement>(selected: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return ref;
}
