/**
 * The one table of recognised column headers per inventory kind (docs/city-pack.md, "Onboarding
 * your city"). Headers are matched after normalisation (case, spaces, underscores, hyphens and a
 * bracketed suffix such as "经度(GCJ-02)" ignored); `--map 列名=field` covers anything else.
 */

export const INVENTORY_KINDS = ['cameras', 'units', 'checkpoints', 'districts'] as const;
export type InventoryKind = (typeof INVENTORY_KINDS)[number];

export interface ColumnSpec {
  /** Field of the pack record the column fills. */
  field: string;
  required: boolean;
  /** Headers recognised for this field, Chinese first (what a command centre's export uses). */
  headers: readonly string[];
}

const LNG = ['经度', 'x坐标', 'lng', 'lon', 'long', 'longitude', 'x'];
const LAT = ['纬度', 'y坐标', 'lat', 'latitude', 'y'];

export const INVENTORY_COLUMNS: Readonly<Record<InventoryKind, readonly ColumnSpec[]>> = {
  cameras: [
    {
      field: 'id',
      required: true,
      headers: [
        '设备编码',
        '国标编码',
        '国标id',
        '国标编号',
        '设备国标编码',
        '设备id',
        '编码',
        'id',
        'deviceid',
        'gbid',
      ],
    },
    { field: 'name', required: true, headers: ['名称', '设备名称', '点位名称', '监控点名称', 'name'] },
    {
      field: 'kind',
      required: true,
      headers: ['类型', '设备类型', '摄像机类型', '点位类型', 'kind', 'type'],
    },
    { field: 'class', required: false, headers: ['点位类别', '点位等级', '类别', 'class'] },
    { field: 'lng', required: true, headers: LNG },
    { field: 'lat', required: true, headers: LAT },
    {
      field: 'heading',
      required: false,
      headers: ['朝向', '方向角', '方位角', '朝向角', 'heading', 'azimuth', 'direction'],
    },
    { field: 'fov', required: false, headers: ['视角', '视场角', '水平视角', 'fov'] },
    { field: 'range', required: false, headers: ['可视距离', '监控距离', '视距', 'range'] },
    {
      field: 'streams',
      required: false,
      headers: ['视频流', '流地址', '视频地址', '取流地址', 'streams', 'stream', 'url'],
    },
    { field: 'online', required: false, headers: ['在线状态', '在线', '状态', 'online', 'status'] },
  ],
  units: [
    { field: 'id', required: true, headers: ['编号', '单元编号', '警力编号', 'id'] },
    { field: 'callsign', required: true, headers: ['呼号', '名称', '单元名称', 'callsign', 'name'] },
    { field: 'type', required: true, headers: ['类型', '警力类型', '单元类型', 'type', 'kind'] },
    {
      field: 'districtId',
      required: true,
      headers: ['所属巡区', '巡区', '巡区编号', '所属派出所', '派出所', 'districtid', 'district'],
    },
    { field: 'lng', required: true, headers: ['驻点经度', ...LNG] },
    { field: 'lat', required: true, headers: ['驻点纬度', ...LAT] },
  ],
  checkpoints: [
    { field: 'id', required: true, headers: ['编号', '卡口编号', '查控点编号', 'id'] },
    { field: 'name', required: true, headers: ['名称', '卡口名称', '查控点名称', 'name'] },
    { field: 'level', required: true, headers: ['级别', '卡口级别', '类型', 'level', 'type'] },
    { field: 'lng', required: true, headers: LNG },
    { field: 'lat', required: true, headers: LAT },
    { field: 'road', required: false, headers: ['道路', '所在道路', '道路名称', '路线', 'road'] },
    {
      field: 'cameraIds',
      required: false,
      headers: ['关联设备', '卡口相机', '相机编码', '设备编码', '国标编码', 'cameraids', 'cameras'],
    },
  ],
  districts: [
    { field: 'id', required: true, headers: ['编号', '巡区编号', 'id'] },
    { field: 'name', required: true, headers: ['名称', '巡区名称', 'name'] },
    { field: 'nameEn', required: false, headers: ['英文名称', '英文名', 'nameen', 'englishname'] },
    { field: 'countyId', required: true, headers: ['所属区县', '区县', '区县编号', 'countyid', 'county'] },
    {
      field: 'geometry',
      required: true,
      headers: ['几何', '范围', '边界', '坐标串', 'wkt', 'geometry', 'geom', 'shape'],
    },
  ],
};

/** Words for enumerated cells (lower-cased, normalised like headers). */
export const CAMERA_KIND_WORDS: Readonly<Record<string, string>> = {
  枪机: 'gun',
  枪型: 'gun',
  固定枪机: 'gun',
  gun: 'gun',
  bullet: 'gun',
  fixed: 'gun',
  球机: 'dome',
  云台: 'dome',
  球型: 'dome',
  dome: 'dome',
  ptz: 'dome',
  人脸: 'face',
  人脸抓拍: 'face',
  人脸卡口: 'face',
  face: 'face',
  卡口: 'anpr',
  车辆卡口: 'anpr',
  电警: 'anpr',
  卡口相机: 'anpr',
  anpr: 'anpr',
  lpr: 'anpr',
  鹰眼: 'eagle',
  高点: 'eagle',
  高点鹰眼: 'eagle',
  全景: 'eagle',
  eagle: 'eagle',
};
export const UNIT_TYPE_WORDS: Readonly<Record<string, string>> = {
  车: 'car',
  巡逻车: 'car',
  快反车: 'car',
  警车: 'car',
  汽车: 'car',
  car: 'car',
  电动车: 'ebike',
  电摩: 'ebike',
  摩托: 'ebike',
  两轮: 'ebike',
  ebike: 'ebike',
  bike: 'ebike',
  步巡: 'foot',
  步行: 'foot',
  徒步: 'foot',
  foot: 'foot',
  特警: 'special',
  special: 'special',
  swat: 'special',
};
export const CHECKPOINT_LEVEL_WORDS: Readonly<Record<string, string>> = {
  省界: 'provincial',
  省际: 'provincial',
  省级: 'provincial',
  省界检查站: 'provincial',
  provincial: 'provincial',
  市界: 'city',
  市际: 'city',
  市级: 'city',
  市界卡口: 'city',
  city: 'city',
  市内: 'district',
  区级: 'district',
  城区: 'district',
  内部: 'district',
  查控点: 'district',
  district: 'district',
};
export const CAMERA_CLASS_WORDS: Readonly<Record<string, 1 | 2 | 3>> = {
  '1': 1,
  一类: 1,
  一类点: 1,
  一类点位: 1,
  '2': 2,
  二类: 2,
  二类点: 2,
  二类点位: 2,
  '3': 3,
  三类: 3,
  三类点: 3,
  三类点位: 3,
};
export const ONLINE_WORDS: Readonly<Record<string, boolean>> = {
  在线: true,
  是: true,
  正常: true,
  '1': true,
  true: true,
  yes: true,
  online: true,
  on: true,
  离线: false,
  否: false,
  故障: false,
  '0': false,
  false: false,
  no: false,
  offline: false,
  off: false,
};

/** A camera's class when the column is absent or blank: the least critical class. */
export const DEFAULT_CAMERA_CLASS = 3;
/** Useful viewing range (m) by kind when the inventory has none. */
export const DEFAULT_CAMERA_RANGE: Readonly<Record<string, number>> = {
  gun: 100,
  dome: 200,
  face: 30,
  anpr: 50,
  eagle: 1000,
};

/** Header normalisation shared by the header table, --map and enumerated cells. */
export function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .replace(/[（(【[].*?[）)】\]]\s*$/u, '')
    .toLowerCase()
    .replace(/[\s_\-:：*]/g, '');
}

export interface ColumnMapping {
  /** field → column index in the table */
  byField: Map<string, number>;
  /** Required fields with no column. */
  missing: string[];
  /** Headers neither recognised nor mapped (ignored; reported to the user). */
  ignored: string[];
}

/**
 * Resolves a table's headers to fields: `--map` entries first (header → field, both as typed),
 * then the recognised headers. Throws on a `--map` that names an unknown field or header.
 */
export function mapColumns(
  kind: InventoryKind,
  headers: readonly string[],
  overrides: ReadonlyMap<string, string> = new Map(),
): ColumnMapping {
  const specs = INVENTORY_COLUMNS[kind];
  const norm = headers.map(normaliseHeader);
  const byField = new Map<string, number>();
  for (const [header, field] of overrides) {
    if (!specs.some((s) => s.field === field))
      throw new Error(
        `--map ${header}=${field}: "${field}" is not a ${kind} field (${specs.map((s) => s.field).join(', ')})`,
      );
    const i = headers.indexOf(header) >= 0 ? headers.indexOf(header) : norm.indexOf(normaliseHeader(header));
    if (i < 0) throw new Error(`--map ${header}=${field}: the file has no column "${header}"`);
    byField.set(field, i);
  }
  const taken = new Set(byField.values());
  for (const spec of specs) {
    if (byField.has(spec.field)) continue;
    // The earliest alias in the table wins, so "设备编码" beats a generic "编码".
    for (const alias of spec.headers) {
      const i = norm.findIndex((h, k) => h === alias && !taken.has(k));
      if (i >= 0) {
        byField.set(spec.field, i);
        taken.add(i);
        break;
      }
    }
  }
  const missing = specs.filter((s) => s.required && !byField.has(s.field)).map((s) => s.field);
  const ignored = headers.filter((_, i) => !taken.has(i));
  return { byField, missing, ignored };
}
