/**
 * Map symbols drawn at runtime on a canvas and registered with `map.addImage`: the style has no
 * sprite URL, because nothing may be fetched from the network. Browser-only (needs a 2D canvas);
 * only called from layer `install` functions, never at import time, so tests can import modules.
 */

/** Device-pixel ratio the icons are drawn at; MapLibre scales them by `pixelRatio` on add. */
export const ICON_PIXEL_RATIO = 2;

export interface RawImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

function draw(size: number, paint: (ctx: CanvasRenderingContext2D, s: number) => void): RawImage {
  const px = size * ICON_PIXEL_RATIO;
  const canvas = document.createElement('canvas');
  canvas.width = px;
  canvas.height = px;
  // Read back once with getImageData: a CPU-backed canvas avoids a GPU readback per icon.
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('map icons: 2D canvas unavailable');
  ctx.scale(ICON_PIXEL_RATIO, ICON_PIXEL_RATIO);
  paint(ctx, size);
  const img = ctx.getImageData(0, 0, px, px);
  return { width: px, height: px, data: img.data };
}

function arrowPath(ctx: CanvasRenderingContext2D, s: number): void {
  // Pointing north; the symbol layer rotates it by the unit's heading.
  const c = s / 2;
  ctx.beginPath();
  ctx.moveTo(c, s * 0.08);
  ctx.lineTo(s * 0.86, s * 0.88);
  ctx.lineTo(c, s * 0.68);
  ctx.lineTo(s * 0.14, s * 0.88);
  ctx.closePath();
}

/**
 * Unit arrow in the status colour. `accent` splits the arrow in two halves, used for on-scene
 * units (blue/red like a light bar) so they differ from available units by more than hue.
 */
export function unitArrow(fill: string, accent?: string): RawImage {
  return draw(26, (ctx, s) => {
    ctx.lineJoin = 'round';
    arrowPath(ctx, s);
    ctx.fillStyle = fill;
    ctx.fill();
    if (accent) {
      ctx.save();
      arrowPath(ctx, s);
      ctx.clip();
      ctx.fillStyle = accent;
      ctx.fillRect(0, 0, s / 2, s);
      ctx.restore();
    }
    arrowPath(ctx, s);
    ctx.lineWidth = 1.6;
    ctx.strokeStyle = '#0b1017';
    ctx.stroke();
    // Thin light inner edge: keeps dark-coloured (off-duty) arrows visible on the dark base map.
    arrowPath(ctx, s);
    ctx.lineWidth = 0.6;
    ctx.strokeStyle = 'rgba(255,255,255,0.85)';
    ctx.stroke();
  });
}

/** Checkpoint: a square turned into a diamond with a barrier bar across it. */
export function checkpointIcon(fill: string): RawImage {
  return draw(20, (ctx, s) => {
    const c = s / 2;
    const r = s * 0.42;
    ctx.beginPath();
    ctx.moveTo(c, c - r);
    ctx.lineTo(c + r, c);
    ctx.lineTo(c, c + r);
    ctx.lineTo(c - r, c);
    ctx.closePath();
    ctx.fillStyle = fill;
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = '#0b1017';
    ctx.stroke();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(c - r * 0.55, c - 1.2, r * 1.1, 2.4);
  });
}
