import { useEffect, useState } from 'react';
import type { NearbyResult } from '../../../../shared/contract/api';
import { useConsoleApi, useConsoleState } from '../../app/ConsoleContext';

/** Nearest cameras and units for the selected alert, refreshed when the selection changes. */
export function useNearby(cameraLimit = 8, unitLimit = 6): NearbyResult | null {
  const api = useConsoleApi();
  const selectedId = useConsoleState((s) => s.selectedAlertId);
  const [result, setResult] = useState<NearbyResult | null>(null);
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
  }, [api, selectedId, cameraLimit, unitLimit]);
  return result && result.alertId === selectedId ? result : null;
}
