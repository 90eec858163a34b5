import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MediaConfigSchema, type MediaServer } from '../../../shared/domain/mediaServers';

/**
 * The media servers a console pulls video from: the site's media settings file (`--media FILE`,
 * the same shape as a pack's `media` section) first, then the pack's own. Read before the hosts
 * serve the renderer, because the content security policy must name their origins.
 */
export function loadMediaServers(packDir: string, mediaFile: string | null): MediaServer[] {
  const fromFile = mediaFile ? readConfig(mediaFile, (raw) => raw) : [];
  const fromPack = readConfig(
    path.join(packDir, 'pack.json'),
    (raw) => (raw as { media?: unknown } | null)?.media ?? { servers: [] },
  );
  return [...fromFile, ...fromPack];
}

function readConfig(file: string, pick: (raw: unknown) => unknown): MediaServer[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`media settings ${file}: cannot read JSON (${(err as Error).message})`);
  }
  const parsed = MediaConfigSchema.safeParse(pick(raw));
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`media settings ${file}: ${first.join('; ')}`);
  }
  return parsed.data.servers;
}
