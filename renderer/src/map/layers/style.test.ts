import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { allLayers, createBaseStyle, createFullStyle, LAYER_MODULES } from '../style';
import { addLayerInSlot, SLOTS, slotOf } from './common';
import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { FIXTURE_PACK, NOW, alert, unit } from './__fixtures__/pack';

describe('offline style', () => {
  const full = createFullStyle(FIXTURE_PACK, {
    alerts: [alert('a1', 1, 'received')],
    units: [unit('1', 'available', 5_000)],
    now: NOW,
  });

  it('validates with no errors (zh-CN and en)', () => {
    expect(validateStyleMin(full)).toEqual([]);
    expect(validateStyleMin(createFullStyle(FIXTURE_PACK, { locale: 'en' }))).toEqual([]);
    expect(validateStyleMin(createBaseStyle())).toEqual([]);
  });

  it('uses a validator that does catch mistakes', () => {
    const broken = {
      ...full,
      layers: [
        ...full.layers,
        { id: 'x', type: 'circle', source: 'nope', paint: { 'circle-radius': 'big' } },
      ],
    };
    expect(validateStyleMin(broken as typeof full).length).toBeGreaterThan(0);
  });

  it('has no glyphs, sprite or any URL: nothing may leave the machine', () => {
    expect(full.glyphs).toBeUndefined();
    expect(full.sprite).toBeUndefined();
    expect(JSON.stringify(full)).not.toMatch(/https?:|mapbox:|maptiler|\{z\}/i);
    for (const src of Object.values(full.sources)) {
      expect(src.type).toBe('geojson');
      expect(typeof (src as { data: unknown }).data).toBe('object');
    }
  });

  it('has unique layer ids and every layer references a defined source', () => {
    const ids = full.layers.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const l of full.layers) if ('source' in l) expect(full.sources).toHaveProperty(l.source as string);
  });

  it('orders layers by slot: borders above roads, live data on top', () => {
    const ranks = full.layers.map((l) => SLOTS.indexOf(slotOf(l)));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const ids = full.layers.map((l) => l.id);
    expect(ids.indexOf('boundaries-province')).toBeGreaterThan(ids.indexOf('roads-major'));
    expect(ids.indexOf('units-arrow')).toBeGreaterThan(ids.indexOf('alerts-point'));
    expect(ids.at(0)).toBe('background');
  });

  it('switches every label between name and nameEn by locale', () => {
    const zh = JSON.stringify(allLayers('zh-CN'));
    const en = JSON.stringify(allLayers('en'));
    expect(zh).not.toContain('nameEn');
    expect(en).toContain('nameEn');
  });

  it('exports SOURCE_ID, LAYERS, toFeatureCollection and install from every module', () => {
    for (const m of Object.values(LAYER_MODULES)) {
      expect(typeof m.SOURCE_ID).toBe('string');
      expect(Array.isArray(m.LAYERS)).toBe(true);
      expect(typeof m.toFeatureCollection).toBe('function');
      expect(typeof m.install).toBe('function');
    }
  });

  it('incremental installs (addLayerInSlot) reproduce the full style order, above the background', () => {
    const order: LayerSpecification[] = [...createBaseStyle().layers];
    const fake = {
      getLayersOrder: () => order.map((l) => l.id),
      getLayer: (id: string) => order.find((l) => l.id === id),
      addLayer: (layer: LayerSpecification, before?: string) => {
        const i = before === undefined ? order.length : order.findIndex((l) => l.id === before);
        order.splice(i, 0, layer);
      },
    } as unknown as MaplibreMap;
    for (const m of Object.values(LAYER_MODULES)) for (const l of m.layers('zh-CN')) addLayerInSlot(fake, l);
    expect(order.map((l) => l.id)).toEqual(full.layers.map((l) => l.id));
  });
});
