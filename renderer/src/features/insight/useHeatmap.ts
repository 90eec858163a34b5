import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AlertCategory } from '../../../../shared/domain/alert';
import type { HeatmapResult, HeatPoint } from '../../../../shared/contract/insightContract';
import type { MapController } from '../../map';
import { alertsNear, pixelsToMetres } from '../../map/layers/heatmap';
import { useConsoleApi } from '../../app/ConsoleContext';

export type HeatPeriod = 'day' | 'week' | 'month';
export const PERIOD_DAYS: Record<HeatPeriod, number> = { day: 1, week: 7, month: 30 };
/** How far around a click counts as "this hot spot", in screen pixels. */
const HOTSPOT_PIXELS = 24;

export interface HeatmapState {
  enabled: boolean;
  toggle: () => void;
  period: HeatPeriod;
  setPeriod: (p: HeatPeriod) => void;
  categories: AlertCategory[];
  setCategories: (c: AlertCategory[]) => void;
  /** null: every hour. */
  hour: number | null;
  setHour: (h: number | null) => void;
  result: HeatmapResult | null;
  error: string | null;
  hotspot: HeatPoint[] | null;
  closeHotspot: () => void;
}

/** The heat map (警情云图): its filters, its data from the host, and the hot spot under a click. */
export function useHeatmap(controller: MapController | null): HeatmapState {
  const api = useConsoleApi();
  const [enabled, setEnabled] = useState(false);
  const [period, setPeriod] = useState<HeatPeriod>('week');
  const [categories, setCategories] = useState<AlertCategory[]>([]);
  const [hour, setHour] = useState<number | null>(null);
  const [result, setResult] = useState<HeatmapResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hotspot, setHotspot] = useState<HeatPoint[] | null>(null);
  const toggle = useCallback(() => setEnabled((on) => !on), []);
  const closeHotspot = useCallback(() => setHotspot(null), []);

  useEffect(() => {
    if (!enabled) {
      setResult(null);
      setHotspot(null);
      return;
    }
    let active = true;
    const to = Date.now();
    const from = to - PERIOD_DAYS[period] * 86_400_000;
    api.requests['insight.heatmap']({
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      categories,
      hour,
    }).then(
      (r) => {
        if (!active) return;
        setResult(r);
        setError(null);
      },
      (err: unknown) => active && setError((err as Error).message),
    );
    return () => {
      active = false;
    };
  }, [api, enabled, period, categories, hour]);

  const points = useMemo(() => result?.points ?? null, [result]);
  useEffect(() => controller?.setHeatmap(result), [controller, result]);

  useEffect(() => {
    if (!controller || !points) return;
    return controller.onMapClick((at, zoom) => {
      const near = alertsNear(points, at, pixelsToMetres(HOTSPOT_PIXELS, zoom, at.lat));
      setHotspot(near.length ? near : null);
    });
  }, [controller, points]);

  return {
    enabled,
    toggle,
    period,
    setPeriod,
    categories,
    setCategories,
    hour,
    setHour,
    result,
    error,
    hotspot,
    closeHotspot,
  };
}
