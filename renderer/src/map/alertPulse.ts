/**
 * Drives the urgent-alert pulse: one circle layer whose radius and opacity are set per frame. A
 * paint-property animation costs one layer's uniforms per frame, where DOM markers would cost a
 * layout per alert.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import { PULSE_LAYER_ID, pulseFrame } from './layers/alerts';

const PERIOD_MS = 1400;
/** 30 fps is smooth enough for a pulse and halves the style recalculations of 60 fps. */
const MIN_FRAME_MS = 33;

export class AlertPulse {
  private handle: number | null = null;
  private lastAt = 0;

  /** `active()` is polled each frame; the loop ends by itself when it returns false. */
  constructor(
    private readonly map: MaplibreMap,
    private readonly active: () => boolean,
  ) {}

  /** Starts the loop if there is something to pulse; idempotent. */
  ensureRunning(): void {
    if (this.handle !== null || !this.active()) return;
    // Respect the OS setting: the layer's static ring still marks urgent alerts.
    if (typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    this.handle = requestAnimationFrame(this.tick);
  }

  stop(): void {
    if (this.handle !== null) cancelAnimationFrame(this.handle);
    this.handle = null;
  }

  private readonly tick = (t: number): void => {
    this.handle = null;
    if (!this.active()) return;
    if (t - this.lastAt >= MIN_FRAME_MS) {
      this.lastAt = t;
      const { radius, opacity } = pulseFrame(t / PERIOD_MS);
      this.map.setPaintProperty(PULSE_LAYER_ID, 'circle-radius', radius);
      this.map.setPaintProperty(PULSE_LAYER_ID, 'circle-stroke-opacity', opacity);
    }
    this.handle = requestAnimationFrame(this.tick);
  };
}
