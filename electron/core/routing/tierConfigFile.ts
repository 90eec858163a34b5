import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_TIER_CONFIG,
  ResponseTierConfigSchema,
  type ResponseTierConfig,
} from '../../../node/routing';

/** Optional override of DEFAULT_TIER_CONFIG in the data dir. */
export const TIERS_FILE = 'tiers.json';

export class TierConfigError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`Response tier config ${file}: ${detail}`);
    this.name = 'TierConfigError';
  }
}

/** DEFAULT_TIER_CONFIG, or `<dataDir>/tiers.json` when present (validated; a bad file throws). */
export function loadTierConfig(dataDir: string): { config: ResponseTierConfig; file: string | null } {
  const file = path.join(dataDir, TIERS_FILE);
  if (!existsSync(file)) return { config: DEFAULT_TIER_CONFIG, file: null };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new TierConfigError(file, `not valid JSON (${(err as Error).message})`);
  }
  const parsed = ResponseTierConfigSchema.safeParse(raw);
  if (!parsed.success)
    throw new TierConfigError(
      file,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
    );
  return { config: parsed.data, file };
}
