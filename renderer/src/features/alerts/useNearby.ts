import { useEffect, useState } from 'react';
import type { NearbyResult } from '../../../../shared/contract/api';
import { useConsoleApi, useConsoleState } from '../../app/ConsoleContext';

/**
 * Nearest cameras and units for the selected alert, refreshed when the selection changes and
 * when units change status or the alert's steps change (a unit sent or recalled leaves or
 * rejoins the ranked list, so keys 1-9 always mean what the list shows).
 */
export function useNearby(cameraLimit = 8, unitLimit = 6): NearbyResult | null {
  const api = useConsoleApi();
  const selectedId = useConsoleState((s) => s.selectedAlertId);
  const [result, setResult] = useState<NearbyResult | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!selectedId) return;
    const bump = () => setVersion((v) => v + 1);
    const offStatus = api.subscribe['units.status'](bump);
    const offUnits = api.subscribe['units.upserted'](bump);
    const offHistory = api.subscribe['alerts.historyChanged'](
      ({ alertId }) => alertId === selectedId && bump(),
    );
    return () => {
      offStatus();
      offUnits();
      offHistory();
    };
  }, [api, selectedId]);
  useEffect(() => {
    if (!selectedId) {
      setResult(null);
      return;
    }
    let cancelled = false;
    api.requests['alerts.nearby']({ alertId: selectedId, cameraLimit, unitLimit }).then(
      (r) => !cancelled && setResult(r),
      () => !cancelled && setResult(null),
    );
    return () => {
      cancelled = true;
    };
  }, [api, selectedId, cameraLimit, unitLimit, version]);
  return result && result.alertId === selectedId ? result : null;
}
