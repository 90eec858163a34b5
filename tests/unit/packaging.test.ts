/**
 * The desktop package configuration, checked without building it (Electron's binary and fpm
 * download from GitHub, unreachable here): electron-builder's own loader and schema validation,
 * then what the builder would only find out at build time (the .deb's maintainer e-mail and
 * homepage, the icon set) and what this project requires (fuses, x64 + arm64 Linux targets).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { ICON_SIZES, renderIcon } from '../../scripts/icons.mjs';

const ROOT = path.resolve(__dirname, '..', '..');
const require = createRequire(import.meta.url);

interface TargetEntry {
  target: string;
  arch?: string | string[];
}
interface BuilderConfig {
  electronFuses?: Record<string, boolean>;
  extraMetadata?: { homepage?: string; author?: { name?: string; email?: string } };
  linux?: { target?: TargetEntry[]; maintainer?: string; icon?: string };
  win?: { icon?: string };
  [key: string]: unknown;
}
const builder = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const validate = (config: BuilderConfig) => builder.validateConfiguration(config, new DebugLogger(false));

/** Width, height and RGBA pixels of a PNG written by scripts/icons.mjs (8-bit RGBA, filter 0 rows). */
function decodeIcon(file: string): { width: number; height: number; rgba: Buffer } {
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect([png[24], png[25]]).toEqual([8, 6]);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

describe('electron-builder.yml', () => {
  let config: BuilderConfig;
  beforeAll(async () => {
    config = await builder.getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'));
  });

  it("passes electron-builder's own schema validation", async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('is rejected by the same validation when a fuse name is misspelt (the check can fail)', async () => {
    await expect(
      validate({ ...config, electronFuses: { ...config.electronFuses, runAsNodes: false } }),
    ).rejects.toThrow(/electronFuses/);
  });

  it('locks the packaged binary down with fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds deb and AppImage for both x64 and arm64', () => {
    const archs = (name: string) =>
      [config.linux?.target?.find((t) => t.target === name)?.arch ?? []].flat().sort();
    expect(archs('deb')).toEqual(['arm64', 'x64']);
    expect(archs('AppImage')).toEqual(['arm64', 'x64']);
  });

  it('gives the .deb what fpm requires: a maintainer with an e-mail address and a homepage', () => {
    expect(config.linux?.maintainer).toMatch(/^[^<>]+ <[^\s@<>]+@[^\s@<>]+\.[a-z]+>$/);
    expect(config.extraMetadata?.author?.email).toMatch(/^[^\s@]+@[^\s@]+\.[a-z]+$/);
    expect(new URL(config.extraMetadata?.homepage ?? '').protocol).toBe('https:');
  });

  it('points at an icon set with the 256 and 512 pixel sizes Linux desktops use', () => {
    const dir = path.join(ROOT, config.linux?.icon ?? '');
    for (const size of [256, 512]) {
      const icon = decodeIcon(path.join(dir, `${size}x${size}.png`));
      expect([icon.width, icon.height]).toEqual([size, size]);
    }
    expect(existsSync(path.join(ROOT, config.win?.icon ?? 'missing'))).toBe(true);
  });
});

describe('the committed icon set', () => {
  it('is what scripts/icons.mjs draws, at every size', () => {
    for (const size of ICON_SIZES as number[]) {
      const icon = decodeIcon(path.join(ROOT, 'resources', 'icons', `${size}x${size}.png`));
      expect([icon.width, icon.height]).toEqual([size, size]);
      if (size <= 256)
        expect(
          icon.rgba.equals(renderIcon(size) as Buffer),
          `${size}x${size}.png is stale: run node scripts/icons.mjs`,
        ).toBe(true);
    }
  });
});
