// The application icon set for electron-builder (resources/icons/<N>x<N>.png): drawn here in
// code so the icon is reproducible without an image editor. `node scripts/icons.mjs` rewrites
// the committed PNGs; tests/unit/packaging.test.ts checks they still match this drawing.
// The picture: the console's dark map tile with the three cordon rings around an incident point.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

export const ICON_SIZES = [16, 32, 48, 64, 128, 256, 512];
export const ICON_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'resources',
  'icons',
);

const BACKGROUND_TOP = [0x16, 0x24, 0x3f];
const BACKGROUND_BOTTOM = [0x0b, 0x12, 0x20];
// Outer to inner: provincial border, city boundary, incident area (the cordon's ring colours).
const RINGS = [
  { radius: 0.4, color: [0x3b, 0x82, 0xf6] },
  { radius: 0.29, color: [0xf5, 0x9e, 0x0b] },
  { radius: 0.18, color: [0xef, 0x44, 0x44] },
];
const RING_HALF_WIDTH = 0.028;
const CENTRE_RADIUS = 0.07;
const CORNER_RADIUS = 0.18;
const SUPERSAMPLES = 4;

/** Colour of one point in unit coordinates (0..1), or null outside the rounded tile. */
function shade(x, y) {
  const inset = 0.03;
  const qx = Math.max(Math.abs(x - 0.5) - (0.5 - inset - CORNER_RADIUS), 0);
  const qy = Math.max(Math.abs(y - 0.5) - (0.5 - inset - CORNER_RADIUS), 0);
  if (Math.hypot(qx, qy) > CORNER_RADIUS) return null;
  const r = Math.hypot(x - 0.5, y - 0.5);
  if (r <= CENTRE_RADIUS) return [0xff, 0xff, 0xff];
  for (const ring of RINGS) if (Math.abs(r - ring.radius) <= RING_HALF_WIDTH) return ring.color;
  // Crosshair ticks between the rings: the map's "you are here" for a duty officer.
  if ((Math.abs(x - 0.5) < 0.012 || Math.abs(y - 0.5) < 0.012) && r > 0.1 && r < 0.14)
    return [0xff, 0xff, 0xff];
  return BACKGROUND_TOP.map((top, i) => Math.round(top + (BACKGROUND_BOTTOM[i] - top) * y));
}

/** RGBA pixels of the icon at `size`², anti-aliased by supersampling. */
export function renderIcon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLES * SUPERSAMPLES;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SUPERSAMPLES; sy++) {
        for (let sx = 0; sx < SUPERSAMPLES; sx++) {
          const c = shade((px + (sx + 0.5) / SUPERSAMPLES) / size, (py + (sy + 0.5) / SUPERSAMPLES) / size);
          if (!c) continue;
          // Premultiplied, so edge pixels do not darken towards the transparent outside.
          for (let i = 0; i < 3; i++) sum[i] += c[i];
          sum[3] += 1;
        }
      }
      const o = (py * size + px) * 4;
      if (sum[3] > 0) for (let i = 0; i < 3; i++) rgba[o + i] = Math.round(sum[i] / sum[3]);
      rgba[o + 3] = Math.round((255 * sum[3]) / n);
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** An 8-bit RGBA PNG; every row uses filter 0 so a reader needs only inflate. */
export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, no filter method, no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(ICON_DIR, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = path.join(ICON_DIR, `${size}x${size}.png`);
    writeFileSync(file, encodePng(size, renderIcon(size)));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
