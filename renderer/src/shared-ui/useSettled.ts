import { useEffect, useState } from 'react';

/**
 * `value` once it has stayed the same for `ms`; until then the previous settled value. An officer
 * stepping through the queue with J/K passes many alerts on the way to one: work that is costly to
 * start and stop (four video decoders per alert) should follow only the alert they stop on.
 */
export function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (Object.is(value, settled)) return;
    const id = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(id);
  }, [value, settled, ms]);
  return settled;
}
