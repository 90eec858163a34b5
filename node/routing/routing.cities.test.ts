/**
 * Plausibility on the other real extracts (Monaco has its own file): known place pairs, a one-way
 * street from the data, unreachable points. Graphs are imported once and cached by tests/unit/routingGraphs.ts.
 *
 * Bands: road distance ≥ the straight line and ≤ 2.5 × it + 400 m (urban detour factor ~1.3–1.6;
 * the margin covers snapping and one-way loops at both ends). Average speed must lie within the
 * profile's possible range: cars 8–80 km/h in town (priority factor 1.2 on 25–50 km/h roads),
 * foot ≈ 5 km/h (the only speed it has, connectors included).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { osmGraph } from '../../tests/unit/routingGraphs';
import { FLAG_ONEWAY, FLAG_ROUNDABOUT, HIGHWAY_CLASSES, type RoadGraph } from './graph';
import { Router } from './router';
import { rankUnits, type RankUnit } from './rank';
import { distanceMeters as distanceM } from '../../shared/domain/geo';

interface Place {
  name: string;
  lng: number;
  lat: number;
}
interface CityCase {
  name: 'heidelberg' | 'columbus-ohio' | 'helsinki-center';
  pairs: [Place, Place][];
}

const CITIES: CityCase[] = [
  {
    name: 'heidelberg',
    pairs: [
      [
        { name: 'Hauptbahnhof', lng: 8.6756, lat: 49.4037 },
        { name: 'Bismarckplatz', lng: 8.6933, lat: 49.4094 },
      ],
      [
        { name: 'Bismarckplatz', lng: 8.6933, lat: 49.4094 },
        { name: 'Schloss', lng: 8.7153, lat: 49.4106 },
      ],
    ],
  },
  {
    name: 'columbus-ohio',
    pairs: [
      [
        { name: 'Ohio Statehouse', lng: -82.9993, lat: 39.9612 },
        { name: 'Ohio Stadium', lng: -83.0197, lat: 40.0017 },
      ],
      [
        { name: 'Ohio Statehouse', lng: -82.9993, lat: 39.9612 },
        { name: 'German Village', lng: -82.9946, lat: 39.9485 },
      ],
    ],
  },
  {
    name: 'helsinki-center',
    pairs: [
      [
        { name: 'Rautatieasema', lng: 24.9414, lat: 60.171 },
        { name: 'Senaatintori', lng: 24.9522, lat: 60.1692 },
      ],
      [
        { name: 'Rautatieasema', lng: 24.9414, lat: 60.171 },
        { name: 'Kauppatori', lng: 24.9527, lat: 60.1675 },
      ],
    ],
  },
];

const unit = (type: RankUnit['type'], p: { lng: number; lat: number }, id: string = type): RankUnit => ({
  id,
  type,
  lng: p.lng,
  lat: p.lat,
});
const kmh = (metres: number, seconds: number) => metres / 1000 / (seconds / 3600);

for (const c of CITIES) {
  describe(`real extract: ${c.name}`, () => {
    let g: RoadGraph;
    let router: Router;
    beforeAll(() => {
      g = osmGraph(c.name);
      router = new Router(g);
    });

    /** A point `frac` along piece p's shape (exactly on the road). */
    const along = (p: number, frac: number) => {
      const [lng, lat] = router.index
        .slice(p, 0, frac * router.index.shapeCum[g.geomOffset[p + 1]! - 1]!)
        .at(-1)!;
      return { lng, lat };
    };

    for (const [a, b] of c.pairs) {
      it(`${a.name} → ${b.name}: distance and time plausible for car and foot`, () => {
        const straight = distanceM(a.lng, a.lat, b.lng, b.lat);
        const res = rankUnits(router, b, [unit('car', a), unit('foot', a)], { maxSeconds: 7200 }).results;
        const by = Object.fromEntries(res.map((r) => [r.unitId, r]));
        for (const r of [by.car!, by.foot!]) {
          expect(r.status).toBe('ok');
          expect(r.metres!).toBeGreaterThanOrEqual(straight);
          expect(r.metres!).toBeLessThanOrEqual(2.5 * straight + 400);
        }
        expect(kmh(by.car!.metres!, by.car!.seconds!)).toBeGreaterThan(8);
        expect(kmh(by.car!.metres!, by.car!.seconds!)).toBeLessThan(80);
        expect(kmh(by.foot!.metres!, by.foot!.seconds!)).toBeCloseTo(5, 0);
        expect(by.foot!.seconds!).toBeGreaterThan(by.car!.seconds!);
        // The route line starts at the unit and ends at the alert.
        const route = res[0]!.route!;
        expect(route[0]).toEqual([a.lng, a.lat]);
        expect(route.at(-1)).toEqual([b.lng, b.lat]);
      });
    }

    it('a one-way street from the data is respected by cars, not by foot patrols', () => {
      // A tagged one-way (not a motorway or roundabout, where it is implied) long enough to matter.
      let p = -1;
      for (let i = 0; i < g.pieceCount && p < 0; i++) {
        const cls = HIGHWAY_CLASSES[g.pieceClass[i]!]!;
        if (
          g.pieceFlags[i]! & FLAG_ONEWAY &&
          !(g.pieceFlags[i]! & FLAG_ROUNDABOUT) &&
          g.pieceLength[i]! > 80 &&
          !cls.startsWith('motorway')
        )
          p = i;
      }
      expect(p).toBeGreaterThanOrEqual(0);
      expect(router.weights.car[2 * p + 1]).toBe(Infinity);
      const a = along(p, 0.2);
      const b = along(p, 0.8);
      const ab = rankUnits(router, b, [unit('car', a)], { maxSeconds: 3600 }).results[0]!;
      const ba = rankUnits(router, a, [unit('car', b)], { maxSeconds: 3600 }).results[0]!;
      expect(ab.status).toBe('ok');
      expect(ba.status).toBe('ok');
      expect(ab.metres!).toBeCloseTo(0.6 * g.pieceLength[p]!, 0); // straight along with the flow
      expect(ba.metres!).toBeGreaterThan(ab.metres! + 10); // against it: around the block
      expect(ba.seconds!).toBeGreaterThan(ab.seconds!);
      const fa = rankUnits(router, b, [unit('foot', a)]).results[0]!;
      const fb = rankUnits(router, a, [unit('foot', b)]).results[0]!;
      expect(fa.seconds!).toBeCloseTo(fb.seconds!, 3);
    });

    it('unreachable points come back with a status, never a throw', () => {
      const [west, south, east, north] = g.meta.bbox;
      const inside = c.pairs[0]![0];
      const outside = { lng: east + 0.2, lat: north + 0.2 }; // ~20 km beyond the extract
      const res = rankUnits(router, inside, [
        unit('car', outside, 'far'),
        unit('car', c.pairs[0]![1], 'near'),
      ]).results;
      expect(res[0]).toMatchObject({ unitId: 'near', status: 'ok' });
      expect(res[1]).toMatchObject({
        unitId: 'far',
        status: 'unit_off_network',
        seconds: null,
        metres: null,
      });
      expect(res[1]!.route).toBeUndefined();
      expect(
        rankUnits(router, { lng: west - 0.2, lat: south - 0.2 }, [unit('car', inside)]).results[0]!.status,
      ).toBe('alert_off_network');
      expect(
        rankUnits(router, c.pairs[0]![1], [unit('car', inside)], { maxSeconds: 5 }).results[0]!.status,
      ).toBe('not_reached');
    });
  });
}
