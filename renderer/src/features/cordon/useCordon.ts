import { useCallback, useEffect, useState } from 'react';
import type { CordonAnalyseArgs, CordonResult } from '../../../../shared/contract/cordonContract';
import type { SuspectProfile } from '../../../../shared/cordon/schema';
import { useConsoleApi, useConsoleState, useConsoleStore } from '../../app/ConsoleContext';

/** Ring 1 grows as time passes: the open panel re-requests the analysis this often. */
export const CORDON_REFRESH_MS = 15_000;

/**
 * Ring 1 placed 5 min ahead of the suspect by default: with no lead its exits are where the suspect
 * may be right now, so nearly all of them are lost by definition (docs/cordon.md).
 */
export const DEFAULT_LEAD_SECONDS = 300;

/** Ring 1: the suspect's road reach (default), the incident's county, or a polygon drawn on the map. */
export type Ring1Mode = 'isochrone' | 'district' | 'polygon';

/** Per-incident analysis settings the officer can change in the panel (engine defaults otherwise). */
export interface CordonSettings {
  profile: SuspectProfile;
  leadSeconds: number;
  ring1Mode: Ring1Mode;
  /** Ring 3: the provincial border within this many km of the city. */
  ring3WithinKm: number;
  /** Ring 3: only where the border is shared with a neighbour province. */
  ring3SharedOnly: boolean;
  /** A checkpoint this close along the road covers a crossing. */
  checkpointRadiusMetres: number;
}

export const DEFAULT_SETTINGS: CordonSettings = {
  profile: 'car',
  leadSeconds: DEFAULT_LEAD_SECONDS,
  ring1Mode: 'isochrone',
  ring3WithinKm: 30,
  ring3SharedOnly: true,
  checkpointRadiusMetres: 300,
};

export interface CordonState {
  /** The panel is open for the selected alert. */
  open: boolean;
  toggle(): void;
  close(): void;
  /** The latest analysis while open, else null. */
  analysis: CordonResult | null;
  error: string | null;
  settings: CordonSettings;
  update(patch: Partial<CordonSettings>): void;
  /** Polygon mode with nothing drawn yet: ring 1 stays the road reach until the officer draws one. */
  awaitingPolygon: boolean;
  refresh(): void;
}

/** The request for these settings (a drawn polygon closed into a GeoJSON ring). */
export function analyseArgs(
  alertId: string,
  s: CordonSettings,
  polygon: readonly [number, number][] | null,
): CordonAnalyseArgs {
  const args: CordonAnalyseArgs = {
    alertId,
    suspectProfile: s.profile,
    leadSeconds: s.leadSeconds,
    checkpointRadiusMetres: s.checkpointRadiusMetres,
    ring3: { withinKm: s.ring3WithinKm, sharedOnly: s.ring3SharedOnly },
  };
  if (s.ring1Mode === 'district') args.ring1 = { mode: 'district' };
  if (s.ring1Mode === 'polygon' && polygon && polygon.length >= 3)
    args.ring1 = {
      mode: 'polygon',
      geometry: {
        type: 'Polygon',
        coordinates: [[...polygon, polygon[0]!].map(([x, y]) => [x, y] as [number, number])],
      },
    };
  return args;
}

/**
 * The three-ring cordon of the selected alert: opened per alert (closes when another alert is
 * selected; its settings go back to the defaults), re-analysed every 15 s, when its settings
 * change, and when someone sends units or activates a checkpoint for it (`cordon.changed`).
 */
export function useCordon(alertId: string | null): CordonState {
  const api = useConsoleApi();
  const store = useConsoleStore();
  const [openFor, setOpenFor] = useState<string | null>(null);
  const [settings, setSettings] = useState<CordonSettings>(DEFAULT_SETTINGS);
  const polygon = useConsoleState((s) => s.cordonPolygon);
  const [analysis, setAnalysis] = useState<CordonResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const open = alertId !== null && openFor === alertId;

  useEffect(() => setSettings(DEFAULT_SETTINGS), [alertId]);
  useEffect(() => {
    if (!open || !alertId) {
      setAnalysis(null);
      setError(null);
      return;
    }
    let cancelled = false;
    const args = analyseArgs(alertId, settings, polygon);
    const run = () =>
      api.requests['cordon.analyse'](args).then(
        (result) => {
          if (cancelled) return;
          setAnalysis(result);
          setError(null);
        },
        (err: unknown) => !cancelled && setError(err instanceof Error ? err.message : String(err)),
      );
    void run();
    const timer = setInterval(() => void run(), CORDON_REFRESH_MS);
    const off = api.subscribe['cordon.changed']((e) => e.alertId === alertId && void run());
    return () => {
      cancelled = true;
      clearInterval(timer);
      off();
    };
  }, [api, open, alertId, settings, polygon, tick]);

  const close = useCallback(() => {
    setOpenFor(null);
    if (store.getState().cordonDrawRequest) store.requestCordonDraw(false);
  }, [store]);
  const toggle = useCallback(
    () => (openFor !== null && openFor === alertId ? close() : setOpenFor(alertId)),
    [openFor, alertId, close],
  );
  const refresh = useCallback(() => setTick((t) => t + 1), []);
  const update = useCallback(
    (patch: Partial<CordonSettings>) => setSettings((s) => ({ ...s, ...patch })),
    [],
  );
  return {
    open,
    toggle,
    close,
    analysis: open && analysis?.alertId === alertId ? analysis : null,
    error: open ? error : null,
    settings,
    update,
    awaitingPolygon: settings.ring1Mode === 'polygon' && !(polygon && polygon.length >= 3),
    refresh,
  };
}
