import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CordonResult } from '../../../../shared/contract/cordonContract';
import type { Assignment, Crossing, RingCounts } from '../../../../shared/cordon/schema';

/** Gaps listed before "show all": ring 1 of a car suspect can have a hundred and more exits. */
const GAP_LIMIT = 10;
const STATUS_RANK = { interceptable: 0, lost: 1, covered: 2 } as const;

export const mmss = (s: number): string => {
  const a = Math.abs(Math.round(s));
  return `${s < 0 ? '−' : ''}${Math.floor(a / 60)}:${String(a % 60).padStart(2, '0')}`;
};

interface CordonRingProps {
  counts: RingCounts;
  name: string;
  crossings: readonly Crossing[];
  assignment: ReadonlyMap<string, Assignment>;
  sent: ReadonlyMap<string, string>;
  activeCheckpointIds: CordonResult['activeCheckpointIds'];
  callsign: (unitId: string) => string;
  checkpointName: (checkpointId: string) => string;
  /** Null when no operator is signed in. */
  onActivate: ((checkpointId: string) => void) | null;
}

/** One ring: checkpoint coverage, the gaps (suspect vs police, recommended unit) and its checkpoints. */
export function CordonRing({ counts, name, crossings, assignment, sent, activeCheckpointIds, callsign, checkpointName, onActivate }: CordonRingProps) {
  const { t } = useTranslation();
  const [showAll, setShowAll] = useState(false);
  // Interceptable first (what the officer can still act on), then by the suspect's time to the exit.
  const allGaps = crossings
    .filter((c) => !c.covered)
    .sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || (a.suspectSeconds ?? Infinity) - (b.suspectSeconds ?? Infinity));
  const gaps = showAll ? allGaps : allGaps.slice(0, GAP_LIMIT);
  const covered = crossings.filter((c) => c.covered);
  const road = (c: Crossing) => [c.roadRef, c.roadName].filter(Boolean).join(' ') || t('cordon.unnamedRoad');
  const suspect = (c: Crossing) => (c.suspectSeconds === null ? t('cordon.unreachable') : c.suspectSeconds < 0 ? t('cordon.through') : mmss(c.suspectSeconds));
  const checkpoints = [...new Set(covered.map((c) => c.checkpointId!).filter(Boolean))];
  return (
    <section className={`cordon-ring cordon-ring-${counts.ring}`} data-testid="cordon-ring" data-ring={counts.ring}>
      <header className="cordon-ring-header">
        <h3>
          {t('cordon.ring', { ring: counts.ring })} · {name}
        </h3>
        <span data-testid="cordon-ring-coverage">{t('cordon.coverage', { covered: counts.covered, total: counts.total })}</span>
      </header>
      <p className="panel-hint">
        {t('cordon.gaps', { gaps: counts.gaps, interceptable: counts.interceptable, lost: counts.lost })} · {t('cordon.closed', { closed: counts.closed })}
      </p>
      {gaps.length === 0 ? <p className="panel-hint">{t('cordon.noGaps')}</p> : null}
      <ul className="cordon-gaps">
        {gaps.map((c) => {
          const a = assignment.get(c.id);
          const sentUnit = sent.get(c.id);
          return (
            <li key={c.id} className={`cordon-gap status-${c.status}`} data-testid="cordon-gap" data-status={c.status} data-crossing-id={c.id}>
              <span className="cordon-gap-road">
                {c.id} {road(c)}
              </span>
              <span className="cordon-gap-status">{t(`cordon.status.${c.status}`)}</span>
              <span className="cordon-gap-race">
                {t('cordon.suspectTime', { time: suspect(c) })} / {t('cordon.policeTime', { time: c.policeSeconds === null ? t('cordon.none') : mmss(c.policeSeconds) })}
              </span>
              <span className="cordon-gap-unit">
                {sentUnit ? t('cordon.sent', { unit: callsign(sentUnit) }) : a ? t('cordon.recommended', { unit: callsign(a.unitId) }) : c.bestUnitId ? callsign(c.bestUnitId) : ''}
              </span>
            </li>
          );
        })}
      </ul>
      {allGaps.length > gaps.length ? (
        <button type="button" className="cordon-more" data-testid="cordon-more-gaps" onClick={() => setShowAll(true)}>
          {t('cordon.more', { count: allGaps.length - gaps.length })}
        </button>
      ) : null}
      {checkpoints.length ? (
        <details className="cordon-checkpoints">
          <summary>{t('cordon.checkpoints', { count: checkpoints.length })}</summary>
          <ul>
            {checkpoints.map((id) => {
              const active = activeCheckpointIds.includes(id);
              return (
                <li key={id} data-testid="cordon-checkpoint" data-checkpoint-id={id} data-active={String(active)}>
                  <span>{checkpointName(id)}</span>
                  {active ? (
                    <span className="cordon-active">{t('cordon.active')}</span>
                  ) : onActivate ? (
                    <button type="button" data-testid="cordon-activate-checkpoint" onClick={() => onActivate(id)}>
                      {t('cordon.activate')}
                    </button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
