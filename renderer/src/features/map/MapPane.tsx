import { useEffect, useRef, useState } from 'react';
import type { ConsolePack } from '../../../../shared/citypack/schema';
import { fromConsolePackWire } from '../../../../shared/citypack/consolePackWire';
import type { CordonAnalysis } from '../../../../shared/cordon/schema';
import { MapController, prewarmMapWorker, type RouteCoords } from '../../map';
import { useConsoleApi, useConsoleState, useConsoleStore } from '../../app/ConsoleContext';
import { useMapSync } from './useMapSync';
import { useCoverage } from './useCoverage';
import { CoverageControl } from './CoverageControl';
import { InsightControls } from '../insight';

declare global {
  interface Window {
    /** Test hook: per-layer feature counts of what the map was last given. */
    __mapDebug?: () => unknown;
    /** Bench hook: the map redraws every frame while on (bench/mapFrames.ts). */
    __mapRepaint?: (on: boolean) => void;
  }
}

interface MapPaneProps {
  pack: ConsolePack;
  highlightCameraIds: string[];
  highlightUnitIds: string[];
  /** Road route of the fastest unit to the selected alert. */
  route?: RouteCoords | null;
  /** The selected alert's three-ring cordon while its panel is open. */
  cordon?: CordonAnalysis | null;
}

/** The city map. The component only owns the container; map code lives in MapController. */
export function MapPane({
  pack,
  highlightCameraIds,
  highlightUnitIds,
  route = null,
  cordon = null,
}: MapPaneProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [controller, setController] = useState<MapController | null>(null);
  const store = useConsoleStore();
  const api = useConsoleApi();

  useEffect(() => {
    if (!containerRef.current) return;
    const created = new MapController(containerRef.current, pack);
    setController(created);
    window.__mapDebug = () => created.getDebugState();
    window.__mapRepaint = (on) => created.setRepaintEveryFrame(on);
    const offClick = created.onAlertClick((id) => store.selectAlert(id));
    // The road network comes apart from the pack (the largest part of it), asked for once the
    // live picture is drawn: its parse and hand-over stay out of the first map.
    let disposed = false;
    void created
      .whenLiveDrawn()
      .then(() => api.requests['city.roads']())
      .then((roads) => !disposed && created.setRoads(roads))
      .catch((err: unknown) => console.warn('map: road network not loaded', err));
    return () => {
      disposed = true;
      offClick();
      delete window.__mapDebug;
      delete window.__mapRepaint;
      created.dispose();
      setController(null);
    };
  }, [pack, store, api]);

  useMapSync(controller, highlightCameraIds, highlightUnitIds, route);
  useEffect(() => controller?.setCordon(cordon), [controller, cordon]);
  const coverage = useCoverage(controller);
  return (
    <>
      <div ref={containerRef} className="map-container" data-testid="map" />
      <CoverageControl {...coverage} />
      <InsightControls controller={controller} />
    </>
  );
}

/** Loads the city pack once from the host; the map's worker starts meanwhile. */
export function useCityPack(): ConsolePack | null {
  const api = useConsoleApi();
  const [pack, setPack] = useState<ConsolePack | null>(null);
  useEffect(() => {
    let cancelled = false;
    prewarmMapWorker();
    void api.requests['city.pack']().then((p) => !cancelled && setPack(fromConsolePackWire(p)));
    return () => {
      cancelled = true;
    };
  }, [api]);
  return pack;
}

export const useLocale = () => useConsoleState((s) => s.settings?.locale ?? 'zh-CN');
