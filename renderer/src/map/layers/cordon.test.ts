import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import * as cordon from './cordon';
import type { CordonAnalysis, Crossing } from '../../../../shared/cordon/schema';

const crossing = (
  id: string,
  ring: 1 | 2 | 3,
  status: Crossing['status'],
  lng: number,
  lat: number,
  roadRef: string | null = null,
): Crossing => ({
  id,
  ring,
  lng,
  lat,
  piece: 1,
  direction: 0,
  roadClass: 'secondary',
  roadName: null,
  roadRef,
  merged: 0,
  covered: status === 'covered',
  checkpointId: status === 'covered' ? 'CP1' : null,
  checkpointMetres: status === 'covered' ? 40 : null,
  status,
  suspectSeconds: 300,
  policeSeconds: 200,
  bestUnitId: 'U1',
});

const analysis: CordonAnalysis = {
  incident: { lng: 112.85, lat: 35.5, snapMetres: 12 },
  elapsedSeconds: 600,
  suspectProfile: 'car',
  rings: [
    {
      ring: 1,
      source: 'isochrone',
      name: 'reach',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [112.8, 35.45],
            [112.9, 35.45],
            [112.9, 35.55],
            [112.8, 35.55],
            [112.8, 35.45],
          ],
        ],
      },
      lengthKm: 40,
    },
    {
      ring: 2,
      source: 'city',
      name: '云岭市',
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [112, 35],
              [114, 35],
              [114, 36],
              [112, 36],
              [112, 35],
            ],
          ],
        ],
      },
      lengthKm: 400,
    },
    {
      ring: 3,
      source: 'province',
      name: '省界',
      geometry: {
        type: 'MultiLineString',
        coordinates: [
          [
            [112, 35],
            [114, 35],
          ],
        ],
      },
      lengthKm: 180,
    },
  ],
  crossings: [
    crossing('R1-01', 1, 'interceptable', 112.9, 35.5),
    crossing('R2-01', 2, 'covered', 113, 36, 'G207'),
    crossing('R2-02', 2, 'lost', 112, 35.2, 'X305'),
    crossing('R3-01', 3, 'interceptable', 113.5, 35, 'Y027'),
  ],
  counts: [],
  assignment: [
    {
      unitId: 'U1',
      crossingId: 'R1-01',
      ring: 1,
      etaSeconds: 200,
      marginSeconds: 100,
      route: [
        [112.86, 35.5],
        [112.9, 35.5],
      ],
    },
    { unitId: 'U2', crossingId: 'R3-01', ring: 3, etaSeconds: 900, marginSeconds: 60 },
  ],
  warnings: [],
  timings: { totalMs: 70, ringsMs: 10, crossingsMs: 3, coverageMs: 1, raceMs: 50, assignmentMs: 2 },
};

describe('cordon.toFeatureCollection', () => {
  it('draws nothing without an analysis', () => {
    expect(cordon.toFeatureCollection(null).features).toEqual([]);
  });

  it('draws the three rings, the routes present and every crossing with its status', () => {
    const fc = cordon.toFeatureCollection(analysis);
    const kinds = fc.features.map((f) => f.properties.kind);
    expect(kinds).toEqual(['ring', 'ring', 'ring', 'route', 'crossing', 'crossing', 'crossing', 'crossing']);
    expect(
      fc.features
        .filter((f) => f.properties.kind === 'ring')
        .map((f) => [f.properties.ring, f.geometry.type]),
    ).toEqual([
      [1, 'Polygon'],
      [2, 'MultiPolygon'],
      [3, 'MultiLineString'],
    ]);
    const route = fc.features.find((f) => f.properties.kind === 'route')!;
    expect(route.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [112.86, 35.5],
        [112.9, 35.5],
      ],
    });
    expect(route.properties).toMatchObject({ id: 'R1-01', label: 'U1' });
    const crossings = fc.features.filter((f) => f.properties.kind === 'crossing');
    expect(crossings.map((f) => [f.properties.id, f.properties.status, f.properties.label])).toEqual([
      ['R1-01', 'interceptable', 'R1-01'],
      ['R2-01', 'covered', 'G207'],
      ['R2-02', 'lost', 'X305'],
      ['R3-01', 'interceptable', 'Y027'],
    ]);
    expect(crossings[2]!.geometry).toEqual({ type: 'Point', coordinates: [112, 35.2] });
  });

  it('focuses on ring 1, the incident and the uncovered exits (not the covered ones)', () => {
    expect(cordon.focusBounds(analysis)).toEqual([
      [112, 35],
      [113.5, 35.55],
    ]);
  });

  it('has valid layers in distinct styles: ring 1 filled red, ring 2 dashed orange, ring 3 dash-dot purple', () => {
    const style = {
      version: 8 as const,
      sources: { [cordon.SOURCE_ID]: cordon.source(cordon.toFeatureCollection(analysis)) },
      layers: cordon.LAYERS,
    };
    expect(validateStyleMin(style)).toEqual([]);
    const byId = new Map(
      cordon.LAYERS.map((l) => [l.id, l as { type: string; paint?: Record<string, unknown> }]),
    );
    expect(byId.get(cordon.RING1_FILL_LAYER_ID)?.type).toBe('fill');
    expect(byId.get('cordon-ring2-line')?.paint?.['line-color']).toBe(cordon.RING_COLORS[2]);
    expect(byId.get('cordon-ring2-line')?.paint?.['line-dasharray']).toEqual([3, 2]);
    expect(byId.get('cordon-ring3-line')?.paint?.['line-dasharray']).toEqual([4, 2, 1, 2]);
    expect(byId.get(cordon.CROSSING_LAYER_ID)?.type).toBe('circle');
  });
});
