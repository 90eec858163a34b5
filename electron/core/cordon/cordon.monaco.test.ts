/**
 * Crossings of a real land border with real roads: Monaco–France. The border is rebuilt from the
 * extract's own `boundary=administrative, admin_level=2, name=France - Monaco` ways (one chain of
 * ~300 vertices from the coast at Cap d'Ail to the coast at Roquebrune) and closed through three
 * points in the sea, where no road runs.
 */
import { describe, expect, it } from 'vitest';
import { sharedDataFile } from '../../../tests/unit/sharedData';
import { osmGraph } from '../../../tests/unit/routingGraphs';
import { Router } from '../../../node/routing/router';
import { pointInGeometry } from '../../../shared/domain/geo';
import { analyseCordon } from './analyse';
import { exitsFor, graphFrame, scanCrossings } from './crossings';
import { polygonRingLine, type Position } from './geometry';
import { osmBorderLines } from './osmBorder';
import { suspectWeights } from './race';

const SEA: Position[] = [
  [7.418, 43.715],
  [7.455, 43.725],
  [7.4535, 43.7431], // end of the maritime border way 30630044
];

describe('Monaco–France border crossings (real OSM)', () => {
  const lines = osmBorderLines(
    sharedDataFile('osm', 'monaco.osm.pbf'),
    (t) => t.get('admin_level') === '2' && t.get('name') === 'France - Monaco',
  );
  const land = lines[0]!;
  const polygon = { type: 'Polygon' as const, coordinates: [[...land, ...SEA, land[0]!]] };
  const router = new Router(osmGraph('monaco'));
  const g = router.graph;

  it('rebuilds the land border as one chain from coast to coast', () => {
    expect(lines).toHaveLength(1);
    expect(land.length).toBeGreaterThan(250);
    // Ends near Cap d'Ail (west) and Roquebrune-Cap-Martin (east).
    const ends = [land[0]!, land[land.length - 1]!].sort((a, b) => a[0] - b[0]);
    expect(ends[0]![0]).toBeCloseTo(7.4185, 2);
    expect(ends[1]![0]).toBeCloseTo(7.439, 2);
  });

  it('finds the known road exits: a few dozen, all real road classes, each on a road that leaves', () => {
    const a = analyseCordon({
      router,
      boundaries: [],
      checkpoints: [],
      incident: { lng: 7.4246, lat: 43.7384 }, // Monte-Carlo
      elapsedSeconds: 60,
      units: [],
      options: { rings: [1], ring1: { mode: 'polygon', geometry: polygon } },
    });
    expect(a.warnings).toEqual([]);
    const xs = a.crossings;
    expect(xs.length).toBeGreaterThanOrEqual(10);
    expect(xs.length).toBeLessThanOrEqual(45);
    const classes = new Set(xs.map((c) => c.roadClass));
    for (const c of classes)
      expect([
        'primary',
        'primary_link',
        'secondary',
        'tertiary',
        'unclassified',
        'residential',
        'service',
        'trunk',
      ]).toContain(c);
    // The main corniches (primary/secondary) are among the exits.
    expect(
      xs.filter((c) => c.roadClass === 'primary' || c.roadClass === 'secondary').length,
    ).toBeGreaterThanOrEqual(5);
    for (const c of xs) {
      // The crossed piece has shape points on both sides of the border: no road that stays inside.
      const s0 = g.geomOffset[c.piece]!;
      const s1 = g.geomOffset[c.piece + 1]!;
      const sides = new Set<boolean>();
      for (let i = s0; i < s1; i++) sides.add(pointInGeometry(g.shapeLng[i]!, g.shapeLat[i]!, polygon));
      expect(sides.size).toBe(2);
      expect(c.suspectSeconds).not.toBeNull();
      expect(c.status).toBe('lost'); // no units, no checkpoints
    }
  });

  it('crossing parity holds on every piece, and inbound-only one-way roads are no exits', () => {
    const frame = graphFrame(g);
    const w = suspectWeights(g, 'car');
    const raw = scanCrossings(router, frame, polygonRingLine(frame, polygon));
    const exits = new Set(exitsFor(raw, w).map((c) => c.piece));
    const inside = (v: number) => pointInGeometry(g.nodeLng[v]!, g.nodeLat[v]!, polygon);
    const net = new Map<number, number>(); // outbound-along-shape minus inbound-along-shape crossings
    for (const c of raw) net.set(c.piece, (net.get(c.piece) ?? 0) + (c.direction === 0 ? 1 : -1));
    let leaving = 0;
    let entryOnly = 0;
    for (let p = 0; p < g.pieceCount; p++) {
      const a = inside(g.pieceFrom[p]!);
      const b = inside(g.pieceTo[p]!);
      // Walking the shape from→to, every exit is matched by an entry except for the net change of side.
      expect(net.get(p) ?? 0).toBe(a === b ? 0 : a ? 1 : -1);
      if (a === b) continue;
      const outRef = a ? 2 * p : 2 * p + 1; // from the inside end to the outside end
      if (w[outRef]! < Infinity) {
        leaving++;
        expect(exits.has(p)).toBe(true);
      } else entryOnly++;
    }
    expect(leaving).toBeGreaterThan(10);
    expect(entryOnly).toBeGreaterThan(0); // one-way streets entering Monaco exist and are filtered
    expect(raw.length).toBeGreaterThan(exitsFor(raw, w).length);
  });
});
