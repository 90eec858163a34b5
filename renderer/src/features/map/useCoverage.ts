import { useCallback, useEffect, useState } from 'react';
import type { CoverageSnapshot } from '../../../../shared/contract/routingContract';
import type { MapController } from '../../map';
import { useConsoleApi } from '../../app/ConsoleContext';
import { useCommand } from '../keyboard';

/** Renewal period of this renderer's "coverage on" lease (the host drops it after 60 s). */
const RENEW_MS = 20_000;

/** Random id of this renderer for its lease (getRandomValues works outside secure contexts too). */
const newClientId = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The coverage overlay switch of this renderer: while on, the host pushes `coverage.updated`
 * (at most every few seconds as units move) and the map draws it. Key C toggles.
 */
export function useCoverage(controller: MapController | null): {
  enabled: boolean;
  snapshot: CoverageSnapshot | null;
  toggle: () => void;
} {
  const api = useConsoleApi();
  const [clientId] = useState(newClientId);
  const [enabled, setEnabled] = useState(false);
  const [snapshot, setSnapshot] = useState<CoverageSnapshot | null>(null);
  const toggle = useCallback(() => setEnabled((on) => !on), []);

  useEffect(() => {
    if (!enabled) {
      setSnapshot(null);
      return;
    }
    let active = true;
    const accept = (s: CoverageSnapshot) =>
      active && setSnapshot((prev) => (prev && prev.computedAt > s.computedAt ? prev : s));
    const off = api.subscribe['coverage.updated'](accept);
    const renew = () =>
      void api.requests['coverage.setEnabled']({ clientId, enabled: true }).catch(() => undefined);
    renew();
    const timer = setInterval(renew, RENEW_MS);
    api.requests['coverage.get']().then(accept, () => undefined);
    return () => {
      active = false;
      off();
      clearInterval(timer);
      void api.requests['coverage.setEnabled']({ clientId, enabled: false }).catch(() => undefined);
    };
  }, [api, clientId, enabled]);

  useEffect(() => controller?.setCoverage(snapshot?.geojson ?? null), [controller, snapshot]);

  useCommand('coverage.toggle', toggle);

  return { enabled, snapshot, toggle };
}
