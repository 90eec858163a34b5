import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { osmGraph } from '../../tests/unit/routingGraphs';
import { FLAG_ONEWAY, HIGHWAY_CLASSES, type RoadGraph } from './graph';
import { Router } from './router';
import { rankUnits, type RankUnit } from './rank';
import { isochrone } from './isochrone';
import { coverage } from './coverage';
import { loadGraphCache, saveGraphCache } from './cache';
import { distanceMeters as distanceM } from '../../shared/domain/geo';
import { carWayAttributes, parseMaxspeed } from './osmImport';

let g: RoadGraph;
let router: Router;
const CASINO = { lng: 7.4283, lat: 43.7393 }; // Casino de Monte-Carlo
const PALACE = { lng: 7.4202, lat: 43.7313 }; // Prince's Palace, Monaco-Ville
const car = (p: { lng: number; lat: number }, id = 'u'): RankUnit => ({ id, type: 'car', ...p });

/** A point `frac` along piece p's shape (exactly on the road). */
function along(p: number, frac: number): { lng: number; lat: number } {
  const shape = router.index.slice(p, 0, frac * router.index.shapeCum[g.geomOffset[p + 1]! - 1]!);
  const [lng, lat] = shape[shape.length - 1]!;
  return { lng, lat };
}

beforeAll(() => {
  g = osmGraph('monaco');
  router = new Router(g);
});

describe('import (Monaco extract)', () => {
  it('builds a non-trivial strongly connected car graph', () => {
    expect(g.nodeCount).toBeGreaterThan(1000);
    expect(g.edgeTarget.length).toBe(2 * g.pieceCount);
    // Zero-length pieces exist (duplicate OSM nodes at one position); they must not be negative/NaN.
    for (let p = 0; p < g.pieceCount; p++) expect(g.pieceLength[p]).toBeGreaterThanOrEqual(0);
  });

  it('parses oneway, access and maxspeed tags', () => {
    const t = (o: Record<string, string>) => carWayAttributes(new Map(Object.entries(o)));
    expect(t({ highway: 'footway' })).toBeNull();
    expect(t({ highway: 'residential', access: 'private' })).toBeNull();
    expect(t({ highway: 'residential', area: 'yes' })).toBeNull();
    expect(t({ highway: 'service', route: 'ferry' })).toBeNull();
    expect(t({ highway: 'motorway' })?.oneway).toBe(1);
    expect(t({ highway: 'primary', junction: 'roundabout' })?.oneway).toBe(1);
    expect(t({ highway: 'primary', oneway: '-1' })?.oneway).toBe(-1);
    expect(t({ highway: 'residential', oneway: 'true' })?.oneway).toBe(1);
    expect(parseMaxspeed('30 mph')).toBe(48);
    expect(parseMaxspeed('50')).toBe(50);
  });
});

describe('plausibility', () => {
  it('Casino → Palace by car takes minutes, and the road is longer than the crow flies', () => {
    const [r] = rankUnits(router, PALACE, [car(CASINO)]).results;
    expect(r!.status).toBe('ok');
    expect(r!.seconds!).toBeGreaterThan(60);
    expect(r!.seconds!).toBeLessThan(15 * 60);
    expect(r!.metres!).toBeGreaterThanOrEqual(distanceM(CASINO.lng, CASINO.lat, PALACE.lng, PALACE.lat));
    expect(r!.route!.length).toBeGreaterThan(2);
  });

  it('foot is slower than car and special police equals patrol car', () => {
    const units: RankUnit[] = [
      car(CASINO, 'c'),
      { id: 'f', type: 'foot', ...CASINO },
      { id: 's', type: 'special', ...CASINO },
    ];
    const res = rankUnits(router, PALACE, units, { maxSeconds: 3600 }).results;
    const by = Object.fromEntries(res.map((r) => [r.unitId, r]));
    expect(by.f!.seconds! > by.c!.seconds!).toBe(true);
    expect(by.s!.seconds).toBeCloseTo(by.c!.seconds!, 6);
  });
});

describe('one-way streets', () => {
  it('A→B differs from B→A on a one-way piece', () => {
    let p = -1;
    for (let i = 0; i < g.pieceCount; i++)
      if (
        g.pieceFlags[i]! & FLAG_ONEWAY &&
        g.pieceLength[i]! > 120 &&
        HIGHWAY_CLASSES[g.pieceClass[i]!] !== 'motorway'
      ) {
        p = i;
        break;
      }
    expect(p).toBeGreaterThanOrEqual(0);
    const a = along(p, 0.25);
    const b = along(p, 0.75);
    const ab = rankUnits(router, b, [car(a)]).results[0]!;
    const ba = rankUnits(router, a, [car(b)]).results[0]!;
    expect(ab.status).toBe('ok');
    expect(ba.status).toBe('ok');
    // With the flow: straight along half the piece. Against: a detour around the block.
    expect(ab.metres!).toBeCloseTo(0.5 * g.pieceLength[p]!, 0);
    expect(ba.seconds!).toBeGreaterThan(ab.seconds! + 1);
    // A foot patrol may walk against the flow: both directions take the same time.
    const fa = rankUnits(router, b, [{ id: 'f', type: 'foot', ...a }]).results[0]!;
    const fb = rankUnits(router, a, [{ id: 'f', type: 'foot', ...b }]).results[0]!;
    expect(fa.seconds!).toBeCloseTo(fb.seconds!, 3);
  });
});

describe('unreachable and off-network points', () => {
  it('reports a far-away unit as off the network, without throwing', () => {
    const res = rankUnits(router, PALACE, [car({ lng: 9.5, lat: 45 }, 'far'), car(CASINO, 'near')]).results;
    expect(res[0]!.unitId).toBe('near');
    expect(res[1]).toMatchObject({ unitId: 'far', status: 'unit_off_network', seconds: null, metres: null });
  });

  it('reports an alert in the sea as off the network', () => {
    const res = rankUnits(router, { lng: 7.47, lat: 43.7 }, [car(CASINO)]).results;
    expect(res[0]).toMatchObject({ status: 'alert_off_network', seconds: null });
    expect(isochrone(router, { lng: 7.47, lat: 43.7 }, 300, 'car').origin).toBeNull();
  });

  it('reports units beyond the horizon as not reached', () => {
    const res = rankUnits(router, PALACE, [car(CASINO)], { maxSeconds: 10 }).results;
    expect(res[0]!.status).toBe('not_reached');
  });
});

describe('snapping', () => {
  it('projects onto the segment and keeps the partial offset', () => {
    let p = 0;
    while (g.pieceLength[p]! < 200) p++;
    const L = router.index.shapeCum[g.geomOffset[p + 1]! - 1]!;
    const on = along(p, 0.4);
    // 8 m north of the road: snaps back onto it at ~40 % of the piece.
    const s = router.snap(on.lng, on.lat + 8 / 111_195, 'car')!;
    expect(s).not.toBeNull();
    if (s.piece === p) expect(s.offset / L).toBeCloseTo(0.4, 1);
    expect(s.distance).toBeLessThan(9);
  });

  it('two points on the same two-way piece cost the partial stretch between them', () => {
    let p = 0;
    while (!(g.pieceLength[p]! > 300 && !(g.pieceFlags[p]! & FLAG_ONEWAY))) p++;
    const a = along(p, 0.2);
    const b = along(p, 0.8);
    const w = router.weights.car;
    const r1 = rankUnits(router, b, [car(a)]).results[0]!;
    const r2 = rankUnits(router, a, [car(b)]).results[0]!;
    expect(r1.seconds!).toBeLessThanOrEqual(0.6 * w[2 * p]! + 1);
    expect(r2.seconds!).toBeLessThanOrEqual(0.6 * w[2 * p + 1]! + 1);
    expect(r1.metres!).toBeLessThanOrEqual(0.6 * g.pieceLength[p]! + 1);
  });
});

describe('isochrone and coverage', () => {
  it('grows with the time budget and returns drawable geometry', () => {
    const i1 = isochrone(router, CASINO, 60, 'car');
    const i5 = isochrone(router, CASINO, 300, 'car');
    expect(i1.reachableMetres).toBeGreaterThan(0);
    expect(i5.reachableMetres).toBeGreaterThan(i1.reachableMetres);
    expect(i5.hull?.coordinates[0]!.length).toBeGreaterThanOrEqual(4);
    expect(i5.cells.coordinates.length).toBeGreaterThan(0);
    for (const s of i5.segments) expect(s.line.length).toBeGreaterThanOrEqual(2);
    const walk = isochrone(router, CASINO, 300, 'foot');
    expect(walk.reachableMetres).toBeLessThan(i5.reachableMetres);
  });

  it('covers more road with longer tiers, shares in [0, 1]', () => {
    const units: RankUnit[] = [
      car(CASINO, 'c'),
      { id: 'f', type: 'foot', ...PALACE },
      car({ lng: 9.5, lat: 45 }, 'x'),
    ];
    const c = coverage(router, units, { tiers: [60, 180, 300] });
    expect(c.offNetwork).toEqual(['x']);
    const shares = c.tiers.map((t) => t.share);
    expect(shares[0]!).toBeGreaterThan(0);
    expect(shares[1]!).toBeGreaterThanOrEqual(shares[0]!);
    expect(shares[2]!).toBeGreaterThanOrEqual(shares[1]!);
    expect(shares[2]!).toBeLessThanOrEqual(1);
    expect(coverage(router, []).tiers.every((t) => t.coveredMetres === 0)).toBe(true);
  });
});

describe('binary cache', () => {
  it('round-trips to an identical graph', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'routing-cache-')), 'monaco.graph');
    saveGraphCache(g, file);
    const h = loadGraphCache(file);
    expect(h.nodeCount).toBe(g.nodeCount);
    expect(h.meta).toEqual(g.meta);
    for (const k of [
      'nodeLng',
      'firstEdge',
      'edgeTarget',
      'edgeRef',
      'pieceLength',
      'pieceClass',
      'pieceFlags',
      'geomOffset',
      'shapeLat',
    ] as const)
      expect(
        Buffer.from(h[k].buffer, h[k].byteOffset, h[k].byteLength).equals(
          Buffer.from(g[k].buffer, g[k].byteOffset, g[k].byteLength),
        ),
      ).toBe(true);
    const a = rankUnits(new Router(h), PALACE, [car(CASINO)]).results[0]!;
    const b = rankUnits(router, PALACE, [car(CASINO)]).results[0]!;
    expect(a.seconds).toBe(b.seconds);
  });
});
