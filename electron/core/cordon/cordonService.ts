/**
 * The console's three-ring cordon (三层查控圈, docs/cordon.md): the analysis for an alert from the
 * pack's boundaries, districts, checkpoints and roads and the units' latest positions and
 * availability; sending the recommended units to the open exits (one audited action, one gateway
 * `unit.assign` per unit with the crossing as target, recorded as reinforcement on the alert);
 * and activating checkpoints (audited, no gateway command). The analyses themselves run where
 * `deps.analyser` runs them: the console's cordon worker thread (cordonWorker.ts), so the host's
 * event loop keeps serving while one runs; by default (tests) in-process on `deps.router`.
 */
import type { CityPack } from '../../../shared/citypack/schema';
import type { RequestHandlers } from '../../../shared/contract/api';
import type { EventSink } from '../../../shared/contract/bridge';
import type {
  CordonAnalyseArgs,
  CordonReinforcement,
  CordonResult,
  CordonRing1Arg,
} from '../../../shared/contract/cordonContract';
import { pointInPolygon } from '../../../shared/domain/geo';
import type { LngLat } from '../../../shared/domain/geo';
import type { Alert } from '../../../shared/domain/alert';
import type { Unit } from '../../../shared/domain/unit';
import type { AuditLog } from '../audit/auditLog';
import type { SupportStep } from '../dispatch/dispatchService';
import type { Router } from '../../../node/routing';
import type { CordonOptions, CordonUnit } from './index';
import { inProcessAnalyser, type CordonAnalyser } from './cordonAnalyser';
import { cordonPackOf } from './cordonPack';
import {
  CORDON_CHECKPOINT_ACTION,
  CORDON_REINFORCE_ACTION,
} from '../../../shared/domain/drill/drillExpectations';

/** The cordon's dispatch-step actions, named once with the drill scoring that reads them. */
export const REINFORCE_ACTION = CORDON_REINFORCE_ACTION;
export const CHECKPOINT_ACTION = CORDON_CHECKPOINT_ACTION;
/** The engine's default horizon: elapsed time beyond it adds nothing. */
const MAX_ELAPSED_SECONDS = 6 * 3600;
/** A unit sent this recently still counts as busy while the gateway's status report is on its way. */
const PENDING_SEND_MS = 60_000;
/** Latest analyses kept for sendPlan (crossing ids → positions), per alert. */
const CACHE_SIZE = 32;

type CordonHandlers = Pick<
  RequestHandlers,
  'cordon.analyse' | 'cordon.sendPlan' | 'cordon.activateCheckpoint'
>;

export interface CordonServiceDeps {
  pack: CityPack;
  /** The routing service's Router: the in-process analyses' when no `analyser` is given. */
  router: Router;
  /** Where the analyses run (the console: its worker thread); default in-process on `router`. */
  analyser?: CordonAnalyser;
  alert: (alertId: string) => Alert | null;
  units: () => readonly Unit[];
  /** DispatchService.supportStep: permission checks, outbox, audit, timeline. */
  supportStep: (alertId: string, step: SupportStep) => { at: string; operator: string; commandIds: string[] };
  audit: Pick<AuditLog, 'recent'>;
  emit: EventSink;
  now?: () => number;
  /**
   * Seconds since the incident by another clock than the report's wall time (drills: the
   * scenario clock, so a sped-up drill's suspects have fled as far as the scenario says);
   * null falls back to the report time.
   */
  elapsedSeconds?: (alert: Alert, at: number) => number | null;
}

export interface CordonService {
  handlers: CordonHandlers;
  analyse(args: CordonAnalyseArgs): Promise<CordonResult>;
}

/** Elapsed time since the report, clamped to 0 … 6 h (a clock ahead of the caller's gives 0). */
export function defaultElapsedSeconds(alert: Pick<Alert, 'reportedAt'>, now: number): number {
  const s = (now - Date.parse(alert.reportedAt)) / 1000;
  return Number.isFinite(s) ? Math.min(MAX_ELAPSED_SECONDS, Math.max(0, Math.round(s))) : 0;
}

/** Units with a position; only available ones (and none just sent) may be assigned. */
export function cordonUnits(units: readonly Unit[], busy: ReadonlySet<string> = new Set()): CordonUnit[] {
  return units
    .filter((u) => u.position !== null)
    .map((u) => ({
      id: u.id,
      type: u.type,
      lng: u.position!.lng,
      lat: u.position!.lat,
      available: u.status === 'available' && !busy.has(u.id),
    }));
}

type PolygonLike = { type: string; coordinates: unknown };

/** Outer rings of a Polygon or MultiPolygon; holes are left out (a county with a hole still "contains" it here). */
const contains = (g: PolygonLike, p: LngLat): boolean => {
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []) as [
    number,
    number,
  ][][][];
  return polys.some((poly) => poly[0] !== undefined && pointInPolygon(p, poly[0]));
};

/**
 * The engine's ring-1 option for the console's choice: 'district' becomes the county containing
 * the incident (the administrative area the officer names), else its patrol district.
 */
export function resolveRing1(
  pack: Pick<CityPack, 'boundaries' | 'districts'>,
  at: LngLat,
  ring1: CordonRing1Arg | undefined,
  leadSeconds = 0,
): CordonOptions['ring1'] {
  if (!ring1) return { mode: 'isochrone', leadSeconds };
  if (ring1.mode !== 'district') return ring1;
  const county = pack.boundaries.features.find(
    (b) => b.properties.level === 'county' && contains(b.geometry, at),
  );
  const district = county ? undefined : pack.districts.features.find((d) => contains(d.geometry, at));
  const id = county?.properties.id ?? district?.properties.id;
  if (!id)
    throw new Error(`no county or patrol district of the pack contains the incident (${at.lng}, ${at.lat})`);
  return { mode: 'boundary', id };
}

interface StepPayload {
  data?: {
    assignments?: { unitId: string; crossingId: string; lng: number; lat: number }[];
    commandIds?: string[];
    checkpointId?: string;
  };
}

export function createCordonService(deps: CordonServiceDeps): CordonService {
  const now = deps.now ?? Date.now;
  const latest = new Map<string, CordonResult>();
  const analyser = deps.analyser ?? inProcessAnalyser(deps.router, cordonPackOf(deps.pack));

  const requireAlert = (alertId: string): Alert => {
    const alert = deps.alert(alertId);
    if (!alert) throw new Error(`unknown alert ${alertId}`);
    return alert;
  };

  /** What was done for this alert's cordon, from the audit log (survives restarts). */
  const record = (
    alertId: string,
  ): { reinforcements: CordonReinforcement[]; activeCheckpointIds: string[] } => {
    const entries = deps.audit.recent(1000, `alert:${alertId}`).reverse();
    const reinforcements: CordonReinforcement[] = [];
    const active = new Set<string>();
    for (const e of entries) {
      const data = (e.payload as StepPayload | null)?.data;
      if (e.action === `alert.${REINFORCE_ACTION}`) {
        (data?.assignments ?? []).forEach((a, i) =>
          reinforcements.push({
            ...a,
            commandId: data?.commandIds?.[i] ?? '',
            at: e.at,
            operator: e.operator,
          }),
        );
      } else if (e.action === `alert.${CHECKPOINT_ACTION}` && data?.checkpointId)
        active.add(data.checkpointId);
    }
    return { reinforcements, activeCheckpointIds: [...active] };
  };

  /** Units sent moments ago, whose 'dispatched' status may not have come back from the gateway yet. */
  const justSent = (reinforcements: readonly CordonReinforcement[], at: number): Set<string> =>
    new Set(reinforcements.filter((r) => at - Date.parse(r.at) < PENDING_SEND_MS).map((r) => r.unitId));

  const analyse = async (args: CordonAnalyseArgs): Promise<CordonResult> => {
    const alert = requireAlert(args.alertId);
    const at = now();
    const done = record(alert.id);
    const options: CordonOptions = {
      ring1: resolveRing1(deps.pack, alert.position, args.ring1, args.leadSeconds ?? 0),
      ...(args.ring3 ? { ring3: args.ring3 } : {}),
      ...(args.checkpointRadiusMetres !== undefined
        ? { checkpointRadiusMetres: args.checkpointRadiusMetres }
        : {}),
    };
    const analysis = await analyser.analyse({
      incident: { lng: alert.position.lng, lat: alert.position.lat },
      elapsedSeconds:
        args.elapsedSeconds ?? deps.elapsedSeconds?.(alert, at) ?? defaultElapsedSeconds(alert, at),
      suspectProfile: args.suspectProfile ?? 'car',
      units: cordonUnits(deps.units(), justSent(done.reinforcements, at)),
      options,
    });
    const result: CordonResult = {
      ...analysis,
      alertId: alert.id,
      computedAt: new Date(at).toISOString(),
      ...done,
    };
    latest.delete(alert.id);
    latest.set(alert.id, result);
    if (latest.size > CACHE_SIZE) latest.delete(latest.keys().next().value!);
    return result;
  };

  const handlers: CordonHandlers = {
    'cordon.analyse': (args) => analyse(args),
    'cordon.sendPlan': async ({ alertId, assignments }) => {
      const analysis = latest.get(alertId) ?? (await analyse({ alertId }));
      const crossings = new Map(analysis.crossings.map((c) => [c.id, c]));
      const unitIds = new Set<string>();
      const busy = justSent(record(alertId).reinforcements, now());
      const callsigns = new Map(deps.units().map((u) => [u.id, u.callsign]));
      const targets = assignments.map(({ unitId, crossingId }) => {
        const c = crossings.get(crossingId);
        if (!c) throw new Error(`unknown crossing ${crossingId} (analyse the cordon again)`);
        if (c.covered) throw new Error(`crossing ${crossingId} is covered by checkpoint ${c.checkpointId}`);
        if (unitIds.has(unitId)) throw new Error(`unit ${unitId} is assigned twice`);
        if (busy.has(unitId)) throw new Error(`unit ${unitId} was just sent to this cordon`);
        unitIds.add(unitId);
        return { unitId, crossingId, lng: c.lng, lat: c.lat, road: c.roadRef ?? c.roadName ?? c.roadClass };
      });
      deps.supportStep(alertId, {
        action: REINFORCE_ACTION,
        note: targets
          .map((t) => `${t.crossingId} ${t.road} ← ${callsigns.get(t.unitId) ?? t.unitId}`)
          .join('; '),
        data: {
          assignments: targets.map(({ unitId, crossingId, lng, lat }) => ({ unitId, crossingId, lng, lat })),
        },
        units: targets,
      });
      deps.emit('cordon.changed', { alertId });
      return { alertId, reinforcements: record(alertId).reinforcements };
    },
    'cordon.activateCheckpoint': async ({ alertId, checkpointId }) => {
      requireAlert(alertId);
      const checkpoint = deps.pack.checkpoints.find((c) => c.id === checkpointId);
      if (!checkpoint) throw new Error(`unknown checkpoint ${checkpointId}`);
      const done = record(alertId);
      if (!done.activeCheckpointIds.includes(checkpointId)) {
        deps.supportStep(alertId, {
          action: CHECKPOINT_ACTION,
          note: `${checkpoint.name} (${checkpointId})`,
          data: { checkpointId },
        });
        deps.emit('cordon.changed', { alertId });
      }
      return { alertId, activeCheckpointIds: record(alertId).activeCheckpointIds };
    },
  };
  return { handlers, analyse };
}
