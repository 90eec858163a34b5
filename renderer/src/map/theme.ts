/**
 * Shared look of the map: palette, fonts and label helpers used by every layer module.
 * Pure data only (no maplibre-gl runtime import) so layer modules stay importable in Node tests.
 */
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';

export type MapLocale = 'zh-CN' | 'en';

/**
 * Font stacks. The style has no `glyphs` URL, so MapLibre rasterises every glyph locally with
 * TinySDF, using this list as the CSS font-family: CJK-capable system fonts first (Noto Sans CJK on
 * Linux, YaHei on Windows, PingFang on macOS) so Chinese labels render without any download.
 * The "Bold" entry only serves to make MapLibre request weight 700; the next family supplies it.
 */
export const FONT_REGULAR = ['Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];
export const FONT_BOLD = [
  'Noto Sans CJK SC Bold',
  'Noto Sans CJK SC',
  'Microsoft YaHei',
  'PingFang SC',
  'sans-serif',
];
/** CSS family MapLibre uses for CJK when a layer keeps the default font stack. */
export const LOCAL_IDEOGRAPH_FONT_FAMILY = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

/**
 * Dark palette for a video wall: low-luminance base map so that live data (alerts, units) carries
 * the contrast, and status colours that stay distinguishable for common colour-vision deficiencies
 * by also differing in lightness.
 */
export const COLORS = {
  background: '#0b1017',
  water: '#0f1a26',
  label: '#c9d3de',
  labelDim: '#7d8b99',
  halo: '#05080c',

  roadCasing: '#05080c',
  motorway: '#7a5a2a',
  trunk: '#6b5530',
  primary: '#4d5866',
  secondary: '#3f4955',
  tertiary: '#343d47',
  residential: '#2a323b',
  service: '#232a31',

  province: '#b06ad9',
  city: '#e0a43a',
  county: '#5f7080',
  ownCityFill: '#101822',

  district: '#2f8fb0',

  available: '#2ecc71',
  dispatched: '#f5a623',
  onScene: '#3b82f6',
  onSceneAccent: '#ef4444',
  offDuty: '#6b7280',

  priority1: '#ff3b3b',
  priority2: '#ff8a1f',
  priority3: '#f2d024',
  priority4: '#5fa8d3',

  cameraGun: '#38bdf8',
  cameraDome: '#a78bfa',
  cameraFace: '#f472b6',
  cameraAnpr: '#facc15',
  cameraEagle: '#34d399',
  cameraOffline: '#4b5563',
  cameraCluster: '#1e6f8f',

  checkpointProvincial: '#e11d48',
  checkpointCity: '#f59e0b',
  checkpointDistrict: '#94a3b8',

  highlight: '#ffffff',
  selected: '#00e5ff',
} as const;

/** `name` in Chinese; `nameEn` in English, falling back to `name` where a feature has none. */
export function nameField(locale: MapLocale): ExpressionSpecification {
  return locale === 'en' ? ['coalesce', ['get', 'nameEn'], ['get', 'name']] : ['get', 'name'];
}

/** Common text paint: light text on a dark halo, readable on any base colour. */
export const TEXT_PAINT = {
  'text-color': COLORS.label,
  'text-halo-color': COLORS.halo,
  'text-halo-width': 1.5,
} as const;
