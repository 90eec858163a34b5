/**
 * How the browser benches start Chromium. This machine has no GPU, so WebGL always runs on
 * SwiftShader (software GL); what can be chosen is the compositor.
 * - 'gpu' (default): GPU compositing on ANGLE/SwiftShader, the pipeline Electron uses on a real
 *   GPU: the map's WebGL commands go to the GPU process and the page's main thread goes on.
 * - 'software' (BENCH_GL=software, the e2e tests' setting until December 2026): `--disable-gpu`, software compositing.
 *   Every map frame is then read back (glReadPixels) on the page's main thread, which waits for
 *   the whole software draw: in a trace of the alert-to-screen run that wait was 86% of the main
 *   thread. No shipped console runs like this; it is kept to compare with earlier figures.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';

export type BenchGl = 'gpu' | 'software';

export function benchGl(): BenchGl {
  return process.env['BENCH_GL'] === 'software' ? 'software' : 'gpu';
}

export function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
}

export function hasChromium(): boolean {
  return existsSync(chromiumPath());
}

/**
 * Chromium's switches for a compositor on this GPU-less machine; the e2e tests use 'gpu' too
 * (playwright.config.ts): the page's main thread does not wait for each map frame's readback.
 */
export function chromiumArgs(gl: BenchGl): string[] {
  return [
    '--no-sandbox',
    ...(gl === 'gpu'
      ? ['--use-gl=angle', '--use-angle=swiftshader', '--ignore-gpu-blocklist']
      : ['--disable-gpu']),
    '--enable-unsafe-swiftshader',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

export function launchBenchChromium(gl: BenchGl = benchGl()): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs(gl) });
}
