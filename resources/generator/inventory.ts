/**
 * The demo city's inventories as a command centre would export them (CSV, Chinese headers; the
 * camera list in GCJ-02 like a web-map-based video platform), and their import into the pack
 * through the same path as `npm run cli -- import` (shared/citypack/inventory), so that
 * `npm run city:generate` exercises the importer end to end.
 */
import Papa from 'papaparse';
import type { InventoryKind } from '../../shared/citypack/inventory/columns';
import { inventoryContext } from '../../shared/citypack/inventory/context';
import { importRows } from '../../shared/citypack/inventory/importRows';
import type { InventoryRecord } from '../../shared/citypack/inventory/records';
import type { PackProvenance } from '../../shared/citypack/provenance';
import type { BoundaryFeature, CityPackManifest, DistrictFeature } from '../../shared/citypack/schema';
import type { Camera } from '../../shared/domain/camera';
import type { Checkpoint } from '../../shared/domain/checkpoint';
import { fromWgs84 } from '../../shared/domain/coords';
import type { Crs } from '../../shared/domain/geo';
import type { UnitDefinition } from '../../shared/domain/unit';
import { parseCsv } from '../../electron/core/inventory/readTable';

export const INVENTORY_DIR = 'resources/city/demo-inventory';
/** Fixed so that the generator stays deterministic. */
const IMPORTED_AT = '2026-11-20T00:00:00.000Z';

const KIND_ZH: Record<Camera['kind'], string> = {
  gun: '枪机',
  dome: '球机',
  face: '人脸',
  anpr: '卡口',
  eagle: '鹰眼',
};
const CLASS_ZH = ['', '一类', '二类', '三类'];
const UNIT_ZH: Record<UnitDefinition['type'], string> = {
  car: '巡逻车',
  ebike: '电动车',
  foot: '步巡',
  special: '特警',
};
const LEVEL_ZH: Record<Checkpoint['level'], string> = { provincial: '省界', city: '市界', district: '市内' };

/** 7 decimals: GCJ-02 → WGS84 then lands back on the generator's 6-decimal WGS84 value exactly. */
const gcj = (lng: number, lat: number): [string, string] => {
  const p = fromWgs84({ lng, lat }, 'GCJ02');
  return [p.lng.toFixed(7), p.lat.toFixed(7)];
};

const csv = (fields: string[], data: (string | number)[][]): string =>
  `${Papa.unparse({ fields, data }, { newline: '\n' })}\n`;

function camerasCsv(cameras: readonly Camera[]): string {
  return csv(
    [
      '设备编码',
      '名称',
      '类型',
      '点位类别',
      '经度',
      '纬度',
      '朝向',
      '视角',
      '可视距离',
      '视频流',
      '在线状态',
    ],
    cameras.map((c) => [
      c.id,
      c.name,
      KIND_ZH[c.kind],
      CLASS_ZH[c.class]!,
      ...gcj(c.lng, c.lat),
      c.heading ?? '',
      c.fov ?? '',
      c.range,
      c.streams.map((s) => s.url).join(';'),
      c.online ? '在线' : '离线',
    ]),
  );
}

function unitsCsv(units: readonly UnitDefinition[]): string {
  return csv(
    ['编号', '呼号', '类型', '所属巡区', '经度', '纬度'],
    units.map((u) => [u.id, u.callsign, UNIT_ZH[u.type], u.districtId, u.home.lng, u.home.lat]),
  );
}

function checkpointsCsv(checkpoints: readonly Checkpoint[]): string {
  return csv(
    ['编号', '名称', '级别', '经度', '纬度', '道路', '关联设备'],
    checkpoints.map((c) => [c.id, c.name, LEVEL_ZH[c.level], c.lng, c.lat, c.road, c.cameraIds.join(';')]),
  );
}

function districtsCsv(districts: readonly DistrictFeature[]): string {
  const wkt = (g: DistrictFeature['geometry']): string => {
    const poly = (rings: number[][][]): string =>
      `(${rings.map((r) => `(${r.map((p) => `${p[0]} ${p[1]}`).join(', ')})`).join(', ')})`;
    return g.type === 'Polygon'
      ? `POLYGON ${poly(g.coordinates)}`
      : `MULTIPOLYGON (${g.coordinates.map(poly).join(', ')})`;
  };
  return csv(
    ['编号', '名称', '英文名称', '所属区县', '范围(WKT)'],
    districts.map((d) => [
      d.properties.id,
      d.properties.name,
      d.properties.nameEn,
      d.properties.countyId,
      wkt(d.geometry),
    ]),
  );
}

export interface DemoInventory {
  /** File name → CSV text, written to INVENTORY_DIR. */
  files: Record<string, string>;
  districts: DistrictFeature[];
  cameras: Camera[];
  units: UnitDefinition[];
  checkpoints: Checkpoint[];
  provenance: PackProvenance;
}

/** Writes the inventories and imports them (districts first: units refer to them; cameras before checkpoints). */
export function demoInventory(
  manifest: CityPackManifest,
  boundaries: readonly BoundaryFeature[],
  layers: {
    districts: DistrictFeature[];
    cameras: Camera[];
    units: UnitDefinition[];
    checkpoints: Checkpoint[];
  },
): DemoInventory {
  const files: Record<string, string> = {
    'districts.csv': districtsCsv(layers.districts),
    'cameras.csv': camerasCsv(layers.cameras),
    'units.csv': unitsCsv(layers.units),
    'checkpoints.csv': checkpointsCsv(layers.checkpoints),
  };
  const imported: Partial<Record<InventoryKind, InventoryRecord[]>> = {};
  const provenance: PackProvenance = {};
  const run = (kind: InventoryKind, crs: Crs): void => {
    const ctx = inventoryContext(
      {
        manifest,
        boundaries,
        districts: (imported.districts ?? []) as DistrictFeature[],
        cameras: (imported.cameras ?? []) as Camera[],
      },
      crs,
    );
    const result = importRows(kind, parseCsv(files[`${kind}.csv`]!), ctx);
    const first = result.errors[0];
    if (first)
      throw new Error(
        `demo ${kind}.csv does not import: row ${first.row}, ${first.column} = "${first.value}": ${first.reason}`,
      );
    imported[kind] = result.records;
    provenance[kind] = {
      source: `${kind}.csv`,
      tool: 'generator → import',
      at: IMPORTED_AT,
      count: result.records.length,
      crs,
    };
  };
  run('districts', 'WGS84');
  run('cameras', 'GCJ02');
  run('units', 'WGS84');
  run('checkpoints', 'WGS84');
  return {
    files,
    districts: imported.districts as DistrictFeature[],
    cameras: imported.cameras as Camera[],
    units: imported.units as UnitDefinition[],
    checkpoints: imported.checkpoints as Checkpoint[],
    provenance,
  };
}
