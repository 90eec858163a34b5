import { z } from 'zod';
import { ScenarioSchema, type Scenario, type ScenarioEvent } from '../protocol/scenario';
import type { CityPack } from '../citypack/schema';
import { AlertReportSchema } from '../domain/alert';
import { UnitStatusReportSchema } from '../domain/unit';
import { CameraStatusReportSchema } from '../domain/camera';
import { checkScenarioExpectations } from './scenarioExpectations';
import { intakeRefusal } from '../protocol/envelopeIntake';

export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      `Scenario ${file}: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (+${problems.length - 5} more)` : ''}`,
    );
    this.name = 'ScenarioError';
  }
}

const PAYLOAD_SCHEMAS: Record<ScenarioEvent['type'], z.ZodType> = {
  alert: AlertReportSchema,
  'unit.status': UnitStatusReportSchema,
  'camera.status': CameraStatusReportSchema,
};

const describe = (error: z.ZodError): string =>
  error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join(', ');

/**
 * Checks a scenario read from `file` (raw JSON) against the city pack, so that a broken drill
 * fails at start with every problem listed, instead of the console quarantining messages halfway
 * through. Payloads are returned as parsed (unknown keys stripped); events are sorted by time,
 * stable, so events at the same t keep their file order. Versions 1 and 2 load
 * (shared/protocol/scenario.ts). Reading the file is node/loadScenario.ts.
 */
export function parseScenario(raw: unknown, pack: CityPack, file: string): Scenario {
  const parsed = ScenarioSchema.safeParse(raw);
  if (!parsed.success)
    throw new ScenarioError(
      file,
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  return checkScenario(parsed.data, pack, file);
}

export function checkScenario(scenario: Scenario, pack: CityPack, file = scenario.id): Scenario {
  const problems: string[] = [];
  if (scenario.cityPack !== pack.manifest.id) {
    problems.push(`written for city pack "${scenario.cityPack}" but the pack is "${pack.manifest.id}"`);
  }
  const units = new Set(pack.units.map((u) => u.id));
  const cameras = new Set(pack.cameras.map((c) => c.id));
  const alertIds = new Map<string, number>();
  const alertRevisions = new Map<string, { revision: number; t: number }>();
  const events: ScenarioEvent[] = [];

  scenario.events.forEach((event, index) => {
    const where = `events[${index}] (${event.type} at t=${event.t})`;
    const payload = PAYLOAD_SCHEMAS[event.type].safeParse(event.payload);
    if (!payload.success) {
      problems.push(`${where}: ${describe(payload.error)}`);
      return;
    }
    const data = payload.data as Record<string, unknown>;
    if (event.type === 'alert') {
      // The same id again is a call-taker's amendment: it needs a higher revision, sent later.
      const id = String(data.id);
      const revision = typeof data.revision === 'number' ? data.revision : 1;
      const previous = alertRevisions.get(id);
      if (previous && (revision <= previous.revision || event.t < previous.t)) {
        problems.push(
          `${where}: duplicate alert id ${id} (an amendment needs a higher revision than ${previous.revision} and a later time)`,
        );
      }
      if (!alertIds.has(id)) alertIds.set(id, event.t);
      alertRevisions.set(id, { revision, t: event.t });
    }
    if (event.type === 'unit.status' && !units.has(String(data.unitId)))
      problems.push(`${where}: unknown unit ${String(data.unitId)}`);
    if (event.type === 'camera.status' && !cameras.has(String(data.cameraId))) {
      problems.push(`${where}: unknown camera ${String(data.cameraId)}`);
    }
    // The same intake rule as injected messages: too large, or text a console would alter.
    const refusal = intakeRefusal({ type: event.type, payload: data });
    if (refusal) problems.push(`${where}: ${refusal.reason}`);
    events.push({ ...event, payload: data });
  });
  problems.push(...checkScenarioExpectations(scenario, pack, alertIds));

  if (problems.length > 0) throw new ScenarioError(file, problems);
  // Array.prototype.sort is stable, so same-time events keep their order in the file.
  events.sort((a, b) => a.t - b.t);
  return { ...scenario, events };
}
