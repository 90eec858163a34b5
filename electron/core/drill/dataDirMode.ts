import { openDatabase } from '../db/database';

/** What a console data folder is for: live work, or one training drill (stored in `meta`). */
export type DataDirMode = 'live' | `drill:${string}`;

export const MODE_KEY = 'mode';

export const modeFor = (drill: { scenarioId: string } | null | undefined): DataDirMode =>
  drill ? `drill:${drill.scenarioId}` : 'live';

const describe = (mode: string) =>
  mode === 'live' ? 'live work' : mode.startsWith('drill:') ? `the drill "${mode.slice(6)}"` : `"${mode}"`;

/**
 * Refuses to run a drill on a folder that holds live data, live work on a drill's folder, or
 * one drill on another's folder. The mode is recorded at the first start; a folder from before
 * modes existed counts as live once it holds anything (alerts, a resume point, audit entries).
 * Runs before anything else touches the folder.
 */
export function assertDataDirMode(dataDir: string, mode: DataDirMode): void {
  const db = openDatabase(dataDir);
  try {
    const stored =
      db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(MODE_KEY)?.value ??
      null;
    if (stored === null) {
      const count = (sql: string) => db.prepare<[], { n: number }>(sql).get()?.n ?? 0;
      const used =
        count('SELECT COUNT(*) AS n FROM alerts') > 0 ||
        count("SELECT COUNT(*) AS n FROM meta WHERE key = 'feed.lastSeq' AND value <> '0'") > 0 ||
        count('SELECT COUNT(*) AS n FROM audit_log') > 0;
      if (used && mode !== 'live') {
        throw new Error(
          `The data folder ${dataDir} holds live console data; a drill must run on its own folder (e.g. .data/drills/<scenario-id>/console).`,
        );
      }
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(MODE_KEY, mode);
      return;
    }
    if (stored !== mode) {
      throw new Error(
        `The data folder ${dataDir} belongs to ${describe(stored)}, not ${describe(mode)}; refusing to mix them. Use another --data-dir.`,
      );
    }
  } finally {
    db.close();
  }
}
