import type { CityPack } from '../citypack/schema';
import type { Scenario } from '../protocol/scenario';

/**
 * The version-2 parts of a scenario (suspect tracks, expected actions) checked against its own
 * timeline and the city pack: every problem is returned, worded so the author can find it.
 * `alertTimes` maps each alert id of the timeline to the t it arrives at.
 */
export function checkScenarioExpectations(
  scenario: Scenario,
  pack: CityPack,
  alertTimes: ReadonlyMap<string, number>,
): string[] {
  const problems: string[] = [];
  const hasV2 = scenario.suspectTracks !== undefined || scenario.expected !== undefined;
  if (scenario.version === 1) {
    if (hasV2) problems.push('suspectTracks and expected need "version": 2 (version 1 has only events)');
    return problems;
  }
  const units = new Set(pack.units.map((u) => u.id));
  const checkpoints = new Set(pack.checkpoints.map((c) => c.id));
  const inTime = (where: string, t: number) => {
    if (t > scenario.durationSec)
      problems.push(
        `${where}: t=${t} is after the end of the scenario (durationSec ${scenario.durationSec})`,
      );
  };
  const alertAt = (where: string, alertId: string): number | null => {
    const t = alertTimes.get(alertId);
    if (t === undefined) problems.push(`${where}: unknown alert ${alertId} (not in events)`);
    return t ?? null;
  };

  const trackIds = new Set<string>();
  (scenario.suspectTracks ?? []).forEach((track, i) => {
    const where = `suspectTracks[${i}] (${track.id})`;
    if (trackIds.has(track.id)) problems.push(`${where}: duplicate track id`);
    trackIds.add(track.id);
    alertAt(where, track.alertId);
    track.points.forEach((p, j) => {
      inTime(`${where}.points[${j}]`, p.t);
      if (j > 0 && p.t <= track.points[j - 1]!.t)
        problems.push(
          `${where}.points[${j}]: t=${p.t} is not after the previous point (t=${track.points[j - 1]!.t})`,
        );
    });
  });

  const expected = scenario.expected ?? { dispatches: [], exits: [] };
  expected.dispatches.forEach((d, i) => {
    const where = `expected.dispatches[${i}] (${d.alertId})`;
    const t = alertAt(where, d.alertId);
    for (const unitId of d.unitIds) if (!units.has(unitId)) problems.push(`${where}: unknown unit ${unitId}`);
    inTime(where, d.dueT);
    if (t !== null && d.dueT < t)
      problems.push(`${where}: dueT=${d.dueT} is before the alert arrives (t=${t})`);
  });
  const exitIds = new Set<string>();
  expected.exits.forEach((x, i) => {
    const where = `expected.exits[${i}] (${x.id})`;
    if (exitIds.has(x.id)) problems.push(`${where}: duplicate exit id`);
    exitIds.add(x.id);
    const t = alertAt(where, x.alertId);
    if (x.checkpointId !== undefined && !checkpoints.has(x.checkpointId))
      problems.push(`${where}: unknown checkpoint ${x.checkpointId}`);
    inTime(where, x.dueT);
    if (t !== null && x.dueT < t)
      problems.push(`${where}: dueT=${x.dueT} is before the alert arrives (t=${t})`);
  });
  return problems;
}
