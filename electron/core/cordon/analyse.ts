/**
 * analyseCordon: rings → crossings → checkpoint coverage → race → assignment, in one call.
 * Rings 2 and 3 and their geometric crossings depend only on the pack, so they are cached per
 * (router, boundaries array); a new incident costs the suspect search, ring 1, coverage of its
 * crossings and one bounded search per available unit.
 */
import type { BoundaryFeature, DistrictFeature, RoadFeature } from '../../../shared/citypack/schema';
import type { Checkpoint } from '../../../shared/domain/checkpoint';
import type { UnitType } from '../../../shared/domain/unit';
import type { Router } from '../../../node/routing';
import { assignUnits } from './assign';
import { checkpointCoverage } from './coverage';
import { exitsFor, scanCrossings, type RawCrossing } from './crossings';
import { nameAndMerge, roadNameIndex, type NamedCrossing } from './exitNames';
import { linesLengthKm } from './geometry';
import { cachedSuspectReach, suspectReach, suspectWeights, timeToPoint, unitEtaMatrix } from './race';
import { unitSearchMemo } from './unitSearchMemo';
import { assignedRoute } from './routes';
import { scratchSettledLog } from './settledLog';
import { bestUnits, scratchEtaRows } from './etaRows';
import { prunedEtaMatrix } from './policeEtas';
import { tabledEtaMatrix } from './staticEtas';
import { cityRing, isochroneRing, polygonRing1, provinceRing, type BuiltRing } from './rings';
import { frameOf, staticRing, type StaticRing } from './staticRings';
import {
  CordonOptionsSchema,
  type Assignment,
  type CordonAnalysis,
  type CordonOptions,
  type Crossing,
  type RingCounts,
  type RingId,
  type ResolvedCordonOptions,
  type SuspectProfile,
} from './types';

export interface CordonUnit {
  id: string;
  type: UnitType;
  lng: number;
  lat: number;
  available: boolean;
}

export interface CordonInput {
  router: Router;
  /** Pack boundaries: the own city (ring 2), own + neighbour provinces (ring 3), counties (ring 1). */
  boundaries: readonly BoundaryFeature[];
  /** Patrol districts, usable as ring 1 by id. */
  districts?: readonly DistrictFeature[];
  checkpoints: readonly Checkpoint[];
  /** Pack roads, only for crossing names/refs (the graph keeps none). */
  roads?: readonly RoadFeature[];
  incident: { lng: number; lat: number };
  elapsedSeconds: number;
  suspectProfile?: SuspectProfile;
  units: readonly CordonUnit[];
  options?: CordonOptions;
  /**
   * 'memo' (default): police searches are kept per router for units that have not moved (race.ts,
   * UnitSearchMemo), and suspect searches per incident (cachedSuspectReach); same results.
   * 'fresh': search the suspect and every unit again (the benchmark's baseline).
   */
  unitSearches?: 'memo' | 'fresh';
  /**
   * 'pruned': police searches pruned to what the race can use (policeEtas.ts); same results.
   * 'reference': a search per unit to every crossing (race.ts, unitEtaMatrix). 'tables': rings 2/3
   * from per-crossing reverse tables built once per pack (staticEtas.ts), ring 1 pruned; the same
   * up to float rounding. Default: 'pruned' while the unit-search memo holds the fleet, else 'tables'.
   */
  policeSearch?: 'pruned' | 'reference' | 'tables';
  /**
   * false: every scan and bound search as first written, over the whole graph (the baseline that
   * bench/scale.ts and cordon.fast.test.ts compare with). Default true: ring 1's hull and the
   * crossings skip cells of pieces that cannot matter (pieceCells.ts), and the police bounds stop
   * as soon as every point is bounded (policeBounds.ts), and an assigned unit's route search stops
   * once its arrival end is known (routes.ts); the same analysis.
   */
  fastScans?: boolean;
}

const r1 = (x: number) => Math.round(x * 10) / 10 + 0; // + 0: no -0 in the JSON
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
const finite = (x: number) => (Number.isFinite(x) ? r1(x) : null);

export function analyseCordon(input: CordonInput): CordonAnalysis {
  const t0 = performance.now();
  const opts: ResolvedCordonOptions = CordonOptionsSchema.parse(input.options ?? {});
  const { router } = input;
  const g = router.graph;
  const frame = frameOf(g);
  const profile = input.suspectProfile ?? 'car';
  const warnings: string[] = [];
  const elapsed = input.elapsedSeconds;
  const horizon = Math.max(opts.horizonSeconds, elapsed);
  const fast = input.fastScans !== false;

  // 1. Suspect reach (also ring 1's shape) and the rings.
  const reach =
    input.unitSearches === 'fresh'
      ? suspectReach(router, input.incident, profile, horizon)
      : cachedSuspectReach(router, input.incident, profile, horizon);
  if (!reach) warnings.push('incident is off the road network: no suspect times, no isochrone ring');
  const rings: { id: RingId; built: BuiltRing; raw: RawCrossing[] }[] = [];
  for (const id of [...new Set(opts.rings)].sort()) {
    let s: StaticRing;
    if (id === 1) {
      const o = opts.ring1;
      let built: BuiltRing | string;
      if (o.mode === 'isochrone')
        built = reach
          ? (isochroneRing(router, frame, reach, elapsed + o.leadSeconds) ??
            'ring 1: the reachable road encloses no area yet')
          : 'ring 1: no isochrone (incident off network)';
      else built = polygonRing1(frame, o, input.boundaries, input.districts ?? []);
      s = { built, raw: typeof built === 'string' ? [] : scanCrossings(router, frame, built.line, fast) };
    } else if (id === 2)
      s = staticRing(router, input.boundaries, 'city', () => cityRing(frame, input.boundaries));
    else
      s = staticRing(router, input.boundaries, `province|${JSON.stringify(opts.ring3)}`, () =>
        provinceRing(frame, input.boundaries, opts.ring3),
      );
    if (typeof s.built === 'string') warnings.push(s.built);
    else rings.push({ id, built: s.built, raw: s.raw });
  }
  const tRings = performance.now();

  // 2. Exits for this suspect, named and merged, numbered along each ring.
  const sw = suspectWeights(g, profile);
  const names = input.roads && input.roads.length > 0 ? roadNameIndex(frame, input.roads) : null;
  const named: NamedCrossing[] = [];
  for (const r of rings)
    for (const c of nameAndMerge(g, exitsFor(r.raw, sw), names, opts.mergeMetres, frame, r.id)) named.push(c);
  const tCross = performance.now();

  // 3. Checkpoint coverage.
  const cov = checkpointCoverage(
    router,
    named,
    input.checkpoints,
    opts.checkpointRadiusMetres,
    opts.checkpointLevels,
  );
  const tCov = performance.now();

  // 4. The race: suspect remaining time vs each available unit's ETA.
  const suspect = named.map((c) =>
    reach
      ? timeToPoint(g, (v) => reach.dist[v]!, reach.weights, c, {
          snap: reach.snap,
          off: reach.offRoadSeconds,
        }) - elapsed
      : Infinity,
  );
  const units = input.units.filter((u) => u.available);
  const memo = input.unitSearches === 'fresh' ? null : unitSearchMemo(router);
  const deadline = named.map((_, j) =>
    cov[j]!.checkpointId === null && Number.isFinite(suspect[j]!) ? suspect[j]! : -Infinity,
  );
  const search = input.policeSearch ?? (unitSearchMemo(router).fits(units.length) ? 'pruned' : 'tables');
  // The matrix lives until this analysis returns (only its values go into the output).
  const rows = search === 'reference' ? undefined : scratchEtaRows(units.length, named.length);
  // What the pruned searches settled, to read the assigned units' routes off (routes.ts).
  const log = search !== 'reference' && opts.routes ? scratchSettledLog(units.length, named.length) : null;
  const eta =
    search === 'reference'
      ? unitEtaMatrix(router, units, named, horizon, memo)
      : search === 'tables'
        ? tabledEtaMatrix(
            router,
            units,
            named,
            named.map((c) => c.ring !== 1),
            deadline,
            horizon,
            memo,
            fast,
            rows,
            log,
          )
        : prunedEtaMatrix(router, units, named, deadline, horizon, memo, fast, rows, log);
  // Best unit per crossing: the first of the fastest (units in order, row by row).
  const bestOf = bestUnits(eta, named.length);
  const crossings: Crossing[] = named.map((c, j) => {
    const best = bestOf[j]!;
    const police = best >= 0 ? eta[best]![j]! : Infinity;
    const covered = cov[j]!.checkpointId !== null;
    // A gap the suspect cannot reach at all is no threat: police "win" it whenever they get there.
    const status = covered ? 'covered' : police < suspect[j]! ? 'interceptable' : 'lost';
    return {
      id: c.id,
      ring: c.ring,
      lng: r6(c.lng),
      lat: r6(c.lat),
      piece: c.piece,
      direction: c.direction,
      roadClass: c.roadClass,
      roadName: c.roadName,
      roadRef: c.roadRef,
      merged: c.merged,
      covered,
      checkpointId: cov[j]!.checkpointId,
      checkpointMetres: cov[j]!.metres,
      status,
      suspectSeconds: finite(suspect[j]!),
      policeSeconds: finite(police),
      bestUnitId: best >= 0 ? units[best]!.id : null,
    };
  });
  const tRace = performance.now();

  // 5. Assignment over the gaps the suspect can reach.
  const gaps = crossings
    .map((c, j) => j)
    .filter((j) => !crossings[j]!.covered && Number.isFinite(suspect[j]!));
  const pairs = assignUnits({
    eta,
    cols: gaps,
    deadline: gaps.map((j) => suspect[j]!),
    ring: gaps.map((j) => crossings[j]!.ring),
  });
  const assignment: Assignment[] = pairs
    .map(([i, k]) => {
      const j = gaps[k]!;
      const u = units[i]!;
      const a: Assignment = {
        unitId: u.id,
        crossingId: crossings[j]!.id,
        ring: crossings[j]!.ring,
        etaSeconds: r1(eta[i]![j]!),
        marginSeconds: finite(suspect[j]! - eta[i]![j]!),
      };
      if (opts.routes) {
        const route = assignedRoute(router, u, named[j]!, horizon, fast, log, i, j);
        if (route) a.route = route.map(([x, y]) => [r6(x), r6(y)]);
      }
      return a;
    })
    .sort((a, b) => a.crossingId.localeCompare(b.crossingId));
  const tAssign = performance.now();

  const closed = new Set(assignment.map((a) => a.crossingId));
  const counts: RingCounts[] = rings.map(({ id }) => {
    const cs = crossings.filter((c) => c.ring === id);
    const n = (s: Crossing['status']) => cs.filter((c) => c.status === s).length;
    return {
      ring: id,
      total: cs.length,
      covered: n('covered'),
      gaps: cs.length - n('covered'),
      interceptable: n('interceptable'),
      lost: n('lost'),
      closed: cs.filter((c) => closed.has(c.id)).length,
    };
  });
  return {
    incident: {
      lng: input.incident.lng,
      lat: input.incident.lat,
      snapMetres: reach ? r1(reach.snap.distance) : null,
    },
    elapsedSeconds: elapsed,
    suspectProfile: profile,
    rings: rings.map(({ id, built }) => ({
      ring: id,
      source: built.source,
      name: built.name,
      geometry: built.geometry as CordonAnalysis['rings'][number]['geometry'],
      lengthKm: r1(linesLengthKm(built.lines)),
    })),
    crossings,
    counts,
    assignment,
    warnings,
    timings: {
      totalMs: r1(performance.now() - t0),
      ringsMs: r1(tRings - t0),
      crossingsMs: r1(tCross - tRings),
      coverageMs: r1(tCov - tCross),
      raceMs: r1(tRace - tCov),
      assignmentMs: r1(tAssign - tRace),
    },
  };
}
