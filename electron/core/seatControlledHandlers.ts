/**
 * Which request handlers are seat controls (席位控制): each needs a signed-in operator whose role
 * may use the control, and which uses are audited with what. One table, so the policy for every
 * feature's controlled handlers is read and changed in one place.
 */
import type { RequestHandlers } from '../../shared/contract/api';
import { guardSeatControl, type SeatGuardDeps } from './seatGuard';

type Controlled<K extends keyof RequestHandlers> = Pick<RequestHandlers, K>;

export interface ControlledFeatureHandlers {
  drill: Controlled<'drill.control' | 'drill.exportReport'>;
  video: Controlled<'cameras.aim' | 'wall.setSource'>;
  stats: Controlled<'stats.query' | 'stats.exportReport'>;
  evidence: Controlled<'evidence.snapshot' | 'evidence.mark'>;
}

/** The guarded versions of the features' seat-control handlers; they replace the unguarded ones. */
export function seatControlledHandlers(
  seat: SeatGuardDeps,
  { drill, video, stats, evidence }: ControlledFeatureHandlers,
): Controlled<
  | keyof ControlledFeatureHandlers['drill']
  | keyof ControlledFeatureHandlers['video']
  | keyof ControlledFeatureHandlers['stats']
  | keyof ControlledFeatureHandlers['evidence']
> {
  return {
    'drill.control': guardSeatControl(seat, 'drillClock', drill['drill.control'], ([control], clock) => ({
      action: 'drill.clock',
      subject: 'drill:clock',
      payload: { control, clock },
    })),
    'drill.exportReport': guardSeatControl(
      seat,
      'reportExport',
      drill['drill.exportReport'],
      ([request], result) => ({
        action: 'drill.reportExported',
        subject: 'drill:report',
        payload: { format: request.format, path: result.path },
      }),
    ),
    'cameras.aim': guardSeatControl(seat, 'cameraAim', video['cameras.aim'], null),
    'wall.setSource': guardSeatControl(seat, 'wallSource', video['wall.setSource'], ([source]) => ({
      action: 'wall.setSource',
      subject: 'wall',
      payload: source,
    })),
    // The command center's figures: supervisor and duty officer; each report export is audited.
    'stats.query': guardSeatControl(seat, 'statistics', stats['stats.query'], null),
    'stats.exportReport': guardSeatControl(
      seat,
      'statistics',
      stats['stats.exportReport'],
      ([request], result) => ({
        action: 'stats.reportExported',
        subject: 'stats:report',
        payload: { format: request.format, period: request.period, path: result.path },
      }),
    ),
    // Evidence is attributed: a signed-in operator (the service audits each one itself).
    'evidence.snapshot': guardSeatControl(seat, 'videoEvidence', evidence['evidence.snapshot'], null),
    'evidence.mark': guardSeatControl(seat, 'videoEvidence', evidence['evidence.mark'], null),
  };
}
