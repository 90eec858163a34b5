import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { POINT_LAYER_ID, PULSE_LAYER_ID, SELECTED_LAYER_ID, SOURCE_ID } from './alerts';
import { WARM_UP_GIVE_UP_MS, WARM_UP_ID, warmUpAlertPrograms } from './alertsWarmUp';

/** Just what the warm-up touches: paint, filters, one GeoJSON source, 'render' listeners. */
function fakeMap(initialPaint: Record<string, unknown>) {
  const paint = new Map<string, unknown>(Object.entries(initialPaint));
  const filters = new Map<string, unknown>();
  const data: unknown[] = [];
  const listeners = new Set<() => void>();
  /** The layers whose tiles hold the placeholder (what queryRenderedFeatures finds after a frame). */
  let drawnIn: string[] = [];
  const map = {
    getPaintProperty: (layer: string, p: string) => paint.get(`${layer}/${p}`),
    setPaintProperty: (layer: string, p: string, v: unknown) => paint.set(`${layer}/${p}`, v),
    setFilter: (layer: string, f: unknown) => filters.set(layer, f),
    getSource: (id: string) =>
      id === SOURCE_ID ? { setData: (d: unknown) => (data.push(d), Promise.resolve()) } : undefined,
    queryRenderedFeatures: ({ layers }: { layers: string[] }) =>
      drawnIn
        .filter((l) => layers.includes(l))
        .map((l) => ({ properties: { id: WARM_UP_ID }, layer: { id: l } })),
    on: (_: string, l: () => void) => listeners.add(l),
    off: (_: string, l: () => void) => listeners.delete(l),
  } as unknown as MaplibreMap;
  const render = () => [...listeners].forEach((l) => l());
  const drawIn = (layers: string[]) => (drawnIn = layers);
  return { map, paint, filters, data, listeners, render, drawIn };
}

describe('alert layer warm-up', () => {
  afterEach(() => vi.useRealTimers());

  it('draws one faint placeholder in every alert layer until a frame drew it in all of them, then restores', () => {
    const f = fakeMap({
      [`${PULSE_LAYER_ID}/circle-stroke-opacity`]: 0.6,
      [`${SELECTED_LAYER_ID}/circle-opacity`]: 0.2,
    });
    let restored = 0;
    warmUpAlertPrograms(f.map, [112.85, 35.5], () => restored++);
    const ids = (f.data[0] as { features: { properties: { id: string; priority: number } }[] }).features;
    expect(ids).toEqual([
      expect.objectContaining({ properties: expect.objectContaining({ id: WARM_UP_ID, priority: 1 }) }),
    ]);
    for (const layer of [POINT_LAYER_ID, PULSE_LAYER_ID, SELECTED_LAYER_ID])
      expect(f.paint.get(`${layer}/circle-stroke-opacity`)).toBeGreaterThan(0);
    expect(f.paint.get(`${POINT_LAYER_ID}/circle-opacity`)).toBeLessThan(0.01);
    expect(JSON.stringify(f.filters.get(SELECTED_LAYER_ID))).toContain('warm-up');

    f.render(); // tiles not in yet: that frame drew nothing
    expect(restored).toBe(0);
    f.drawIn([POINT_LAYER_ID, PULSE_LAYER_ID]); // the selected ring not yet
    f.render();
    expect(restored).toBe(0);
    f.drawIn([POINT_LAYER_ID, PULSE_LAYER_ID, SELECTED_LAYER_ID]);
    f.render();
    expect(restored).toBe(1);
    expect(f.listeners.size).toBe(0);
    expect(f.paint.get(`${PULSE_LAYER_ID}/circle-stroke-opacity`)).toBe(0.6);
    expect(f.paint.get(`${SELECTED_LAYER_ID}/circle-opacity`)).toBe(0.2);
    expect(f.paint.get(`${POINT_LAYER_ID}/circle-opacity`)).toBeUndefined(); // back to the default
  });

  it('cancelling restores once, and a later frame does nothing more', () => {
    const f = fakeMap({});
    let restored = 0;
    const cancel = warmUpAlertPrograms(f.map, [0, 0], () => restored++);
    cancel();
    cancel();
    f.drawIn([POINT_LAYER_ID, PULSE_LAYER_ID, SELECTED_LAYER_ID]);
    f.render();
    expect(restored).toBe(1);
  });

  it('gives up and restores when no frame ever draws the placeholder', () => {
    vi.useFakeTimers();
    const f = fakeMap({});
    let restored = 0;
    warmUpAlertPrograms(f.map, [0, 0], () => restored++);
    f.render();
    vi.advanceTimersByTime(WARM_UP_GIVE_UP_MS - 1);
    expect(restored).toBe(0);
    vi.advanceTimersByTime(1);
    expect(restored).toBe(1);
    expect(f.listeners.size).toBe(0);
  });
});
