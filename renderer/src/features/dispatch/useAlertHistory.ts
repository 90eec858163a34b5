import { useEffect, useState } from 'react';
import type { AlertHistory } from '../../../../shared/contract/dispatchContract';
import { useConsoleApi } from '../../app/ConsoleContext';

/** The selected alert's steps and dispatches, refetched whenever the host says they changed. */
export function useAlertHistory(alertId: string | null, status: string | undefined): AlertHistory | null {
  const api = useConsoleApi();
  const [history, setHistory] = useState<AlertHistory | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!alertId) return;
    return api.subscribe['alerts.historyChanged'](({ alertId: changed }) => {
      if (changed === alertId) setVersion((v) => v + 1);
    });
  }, [api, alertId]);
  useEffect(() => {
    if (!alertId) {
      setHistory(null);
      return;
    }
    let cancelled = false;
    api.requests['alerts.history']({ alertId }).then(
      (h) => !cancelled && setHistory(h),
      () => !cancelled && setHistory(null),
    );
    return () => {
      cancelled = true;
    };
  }, [api, alertId, status, version]);
  return history && history.alertId === alertId ? history : null;
}
