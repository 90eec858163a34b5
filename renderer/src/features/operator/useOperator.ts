import { useEffect, useState } from 'react';
import type { OperatorInfo } from '../../../../shared/contract/dispatchContract';
import { useConsoleApi } from '../../app/ConsoleContext';

/** The operator signed in at this seat, kept current by the host's operator.changed event. */
export function useOperator(): OperatorInfo | null {
  const api = useConsoleApi();
  const [operator, setOperator] = useState<OperatorInfo | null>(null);
  useEffect(() => {
    let cancelled = false;
    void api.requests['operator.current']().then((op) => !cancelled && setOperator(op));
    const off = api.subscribe['operator.changed']((op) => setOperator(op));
    return () => {
      cancelled = true;
      off();
    };
  }, [api]);
  return operator;
}
