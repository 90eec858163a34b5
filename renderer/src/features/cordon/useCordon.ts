import { useCallback, useEffect, useState } from 'react';
import type { CordonResult } from '../../../../shared/contract/cordonContract';
import type { SuspectProfile } from '../../../../shared/cordon/schema';
import { useConsoleApi } from '../../app/ConsoleContext';

/** Ring 1 grows as time passes: the open panel re-requests the analysis this often. */
export const CORDON_REFRESH_MS = 15_000;

/**
 * Ring 1 placed 5 min ahead of the suspect by default: with no lead its exits are where the suspect
 * may be right now, so nearly all of them are lost by definition (docs/cordon.md).
 */
export const DEFAULT_LEAD_SECONDS = 300;

export interface CordonState {
  /** The panel is open for the selected alert. */
  open: boolean;
  toggle(): void;
  close(): void;
  /** The latest analysis while open, else null. */
  analysis: CordonResult | null;
  error: string | null;
  profile: SuspectProfile;
  setProfile(profile: SuspectProfile): void;
  leadSeconds: number;
  setLeadSeconds(seconds: number): void;
  refresh(): void;
}

/**
 * The three-ring cordon of the selected alert: opened per alert (closes when another alert is
 * selected), re-analysed every 15 s, when its options change, and when someone sends units or
 * activates a checkpoint for it (`cordon.changed`).
 */
export function useCordon(alertId: string | null): CordonState {
  const api = useConsoleApi();
  const [openFor, setOpenFor] = useState<string | null>(null);
  const [profile, setProfile] = useState<SuspectProfile>('car');
  const [leadSeconds, setLeadSeconds] = useState(DEFAULT_LEAD_SECONDS);
  const [analysis, setAnalysis] = useState<CordonResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const open = alertId !== null && openFor === alertId;

  useEffect(() => {
    if (!open || !alertId) {
      setAnalysis(null);
      setError(null);
      return;
    }
    let cancelled = false;
    const run = () =>
      api.requests['cordon.analyse']({ alertId, suspectProfile: profile, leadSeconds }).then(
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
  }, [api, open, alertId, profile, leadSeconds, tick]);

  const toggle = useCallback(() => setOpenFor((current) => (current !== null && current === alertId ? null : alertId)), [alertId]);
  const close = useCallback(() => setOpenFor(null), []);
  const refresh = useCallback(() => setTick((t) => t + 1), []);
  return { open, toggle, close, analysis: open && analysis?.alertId === alertId ? analysis : null, error: open ? error : null, profile, setProfile, leadSeconds, setLeadSeconds, refresh };
}
