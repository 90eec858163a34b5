/**
 * Response tiers (快速反应 1-3-5 minutes) as configuration. Cities define targets by responding
 * unit (Wuhan), by zone (Tianjin: stations/airports 1 min, banks/schools/malls 3–5 min) or by
 * severity (Guiyang), so the config is an ORDERED rule list: the first rule whose conditions all
 * match a (unit, alert) pair gives the target. Put specific rules first, like a firewall table.
 */
import { z } from 'zod';
import { UnitTypeSchema, type UnitType } from '../../shared/domain/unit';
import {
  AlertSourceSchema,
  PrioritySchema,
  type AlertSource,
  type Priority,
} from '../../shared/domain/alert';

export const TierRuleSchema = z.object({
  id: z.string().min(1),
  /** Shown to the operator, e.g. "1 分钟: 步巡/电巡在岗". */
  label: z.string().optional(),
  /** Conditions; an omitted condition matches anything. All given conditions must match. */
  unitTypes: z.array(UnitTypeSchema).min(1).optional(),
  /** Zone (polygon) ids the alert lies in — district ids, or named zones such as "urban". */
  zoneIds: z.array(z.string().min(1)).min(1).optional(),
  priorities: z.array(PrioritySchema).min(1).optional(),
  sources: z.array(AlertSourceSchema).min(1).optional(),
  /** Unit is at its post (fixed point duty) rather than patrolling in motion. */
  atPost: z.boolean().optional(),
  targetSeconds: z.number().positive(),
});
export type TierRule = z.infer<typeof TierRuleSchema>;

export const ResponseTierConfigSchema = z.object({
  version: z.literal(1),
  rules: z.array(TierRuleSchema),
  /** Target when no rule matches; null = no target (the ETA is shown without a verdict). */
  fallbackSeconds: z.number().positive().nullable(),
});
export type ResponseTierConfig = z.infer<typeof ResponseTierConfigSchema>;

/**
 * Default: 1 min for foot/e-bike units at their post, 3 min for patrol cars, 5 min for special
 * police; other units (foot/e-bike patrolling) fall back to the old 110 rule for urgent calls —
 * 5 min in the urban area, 10 min elsewhere — and carry no target for non-urgent calls.
 */
export const DEFAULT_TIER_CONFIG: ResponseTierConfig = {
  version: 1,
  rules: [
    {
      id: 'post-1min',
      label: '1 min: foot/e-bike at post',
      unitTypes: ['foot', 'ebike'],
      atPost: true,
      targetSeconds: 60,
    },
    { id: 'patrol-car-3min', label: '3 min: patrol car', unitTypes: ['car'], targetSeconds: 180 },
    { id: 'special-5min', label: '5 min: special police', unitTypes: ['special'], targetSeconds: 300 },
    {
      id: 'urgent-urban-5min',
      label: '5 min: urgent 110, urban area',
      priorities: [1],
      sources: ['110'],
      zoneIds: ['urban'],
      targetSeconds: 300,
    },
    {
      id: 'urgent-suburb-10min',
      label: '10 min: urgent 110, suburbs',
      priorities: [1],
      sources: ['110'],
      targetSeconds: 600,
    },
  ],
  fallbackSeconds: null,
};

export interface TierUnit {
  type: UnitType;
  atPost?: boolean;
}
export interface TierAlert {
  priority: Priority;
  source?: AlertSource;
  /** Ids of the zones containing the alert (computed by the caller from the pack's polygons). */
  zoneIds?: readonly string[];
}

export interface TierEvaluation {
  /** Matching rule id, 'fallback', or null when no target applies. */
  ruleId: string | null;
  targetSeconds: number | null;
  /** null when no target applies or the unit cannot reach the alert. */
  met: boolean | null;
  /** target − eta: positive = ahead of target; null as for `met`. */
  marginSeconds: number | null;
}

function matches(rule: TierRule, unit: TierUnit, alert: TierAlert): boolean {
  if (rule.unitTypes && !rule.unitTypes.includes(unit.type)) return false;
  if (rule.atPost !== undefined && rule.atPost !== (unit.atPost ?? false)) return false;
  if (rule.priorities && !rule.priorities.includes(alert.priority)) return false;
  if (rule.sources && (!alert.source || !rule.sources.includes(alert.source))) return false;
  if (rule.zoneIds && !rule.zoneIds.some((z) => alert.zoneIds?.includes(z))) return false;
  return true;
}

/** Which target applies to this unit for this alert, and whether an ETA (seconds, null = unreachable) meets it. */
export function evaluateTier(
  config: ResponseTierConfig,
  unit: TierUnit,
  alert: TierAlert,
  etaSeconds: number | null,
): TierEvaluation {
  const rule = config.rules.find((r) => matches(r, unit, alert));
  const targetSeconds = rule ? rule.targetSeconds : config.fallbackSeconds;
  const ruleId = rule ? rule.id : targetSeconds !== null ? 'fallback' : null;
  if (targetSeconds === null) return { ruleId: null, targetSeconds: null, met: null, marginSeconds: null };
  return { ruleId, targetSeconds, ...judgeAgainstTarget(targetSeconds, etaSeconds) };
}

/**
 * Whether `seconds` (an ETA, or a response time once the unit arrived) meets a tier target: the
 * one comparison behind both the ranking's badge and the verdict stored at arrival. No target →
 * no verdict; no time (unreachable) → missed.
 */
export function judgeAgainstTarget(
  targetSeconds: number | null,
  seconds: number | null,
): Pick<TierEvaluation, 'met' | 'marginSeconds'> {
  if (targetSeconds === null) return { met: null, marginSeconds: null };
  if (seconds === null || !Number.isFinite(seconds)) return { met: false, marginSeconds: null };
  return { met: seconds <= targetSeconds, marginSeconds: targetSeconds - seconds };
}

/** Parses user-supplied config (JSON from the pack or settings) with readable errors. */
export function parseTierConfig(raw: unknown): ResponseTierConfig {
  return ResponseTierConfigSchema.parse(raw);
}
