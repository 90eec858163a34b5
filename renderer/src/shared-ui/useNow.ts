import { useEffect, useState } from 'react';

/**
 * Current time, refreshed every `intervalMs` (ages and staleness in the UI) while `active`; an
 * inactive caller (e.g. a row scrolled out of view) keeps its last value and costs no renders,
 * and catches up at once when it becomes active again.
 */
export function useNow(intervalMs = 1000, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs, active]);
  return now;
}
