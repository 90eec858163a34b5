import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CordonResult } from '../../../../shared/contract/cordonContract';
import type { Assignment, Crossing, Ring, RingCounts } from '../../../../shared/cordon/schema';
import { CordonGap, type GapActions } from './CordonGap';
import { groupByClass, orderCrossings, type GapOrder } from './gapList';

export { mmss } from './CordonGap';

/** Gaps listed before "show all": ring 1 of a car suspect can have a hundred and more exits. */
const GAP_LIMIT = 10;

interface CordonRingProps {
  counts: RingCounts;
  name: string;
  ring: Ring | undefined;
  crossings: readonly Crossing[];
  assignment: ReadonlyMap<string, Assignment>;
  sent: ReadonlyMap<string, string>;
  activeCheckpointIds: CordonResult['activeCheckpointIds'];
  actions: GapActions;
  /** Null when no operator is signed in. */
  onActivate: ((checkpointId: string) => void) | null;
}

/**
 * One ring: checkpoint coverage, the gaps (or every crossing, covered ones too) by urgency or
 * grouped by road class, and its checkpoints to activate.
 */
export function CordonRing({
  counts,
  name,
  ring,
  crossings,
  assignment,
  sent,
  activeCheckpointIds,
  actions,
  onActivate,
}: CordonRingProps) {
  const { t } = useTranslation();
  const [showAll, setShowAll] = useState(false);
  const [showCovered, setShowCovered] = useState(false);
  const [order, setOrder] = useState<GapOrder>('urgency');
  const listed = orderCrossings(showCovered ? crossings : crossings.filter((c) => !c.covered), order);
  const shown = showAll ? listed : listed.slice(0, GAP_LIMIT);
  const groups = order === 'class' ? groupByClass(shown) : [{ roadClass: '', crossings: shown }];
  const checkpoints = [
    ...new Set(
      crossings
        .filter((c) => c.covered)
        .map((c) => c.checkpointId!)
        .filter(Boolean),
    ),
  ];
  const source = ring?.source ?? '';
  return (
    <section
      className={`cordon-ring cordon-ring-${counts.ring}`}
      data-testid="cordon-ring"
      data-ring={counts.ring}
      data-source={source}
    >
      <header className="cordon-ring-header">
        <h3>
          {t('cordon.ring', { ring: counts.ring })} · {name}
          {ring && (source === 'boundary' || source === 'polygon') ? (
            <span data-testid="cordon-ring-area">
              {' '}
              · {source === 'polygon' ? t('cordon.ring1Modes.polygon') : ring.name}
            </span>
          ) : null}
        </h3>
        <span data-testid="cordon-ring-coverage">
          {t('cordon.coverage', { covered: counts.covered, total: counts.total })}
        </span>
      </header>
      <p className="panel-hint">
        {t('cordon.gaps', { gaps: counts.gaps, interceptable: counts.interceptable, lost: counts.lost })} ·{' '}
        {t('cordon.closed', { closed: counts.closed })}
      </p>
      <div className="cordon-list-options">
        <label>
          {t('cordon.order')}{' '}
          <select
            data-testid="cordon-gap-order"
            value={order}
            onChange={(e) => setOrder(e.target.value as GapOrder)}
          >
            <option value="urgency">{t('cordon.orderBy.urgency')}</option>
            <option value="class">{t('cordon.orderBy.class')}</option>
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            data-testid="cordon-show-covered"
            checked={showCovered}
            onChange={(e) => setShowCovered(e.target.checked)}
          />{' '}
          {t('cordon.showCovered')}
        </label>
      </div>
      {listed.length === 0 ? <p className="panel-hint">{t('cordon.noGaps')}</p> : null}
      {groups.map((g) => (
        <div
          key={g.roadClass || 'all'}
          className="cordon-gap-group"
          data-testid={g.roadClass ? 'cordon-gap-group' : undefined}
          data-road-class={g.roadClass || undefined}
        >
          {g.roadClass ? (
            <h4 className="cordon-gap-group-title">
              {t(`cordon.roadClass.${g.roadClass}`, { defaultValue: g.roadClass })}
            </h4>
          ) : null}
          <ul className="cordon-gaps">
            {g.crossings.map((c) => (
              <CordonGap
                key={c.id}
                crossing={c}
                assignment={assignment.get(c.id)}
                sentUnit={sent.get(c.id)}
                actions={actions}
              />
            ))}
          </ul>
        </div>
      ))}
      {listed.length > shown.length ? (
        <button
          type="button"
          className="cordon-more"
          data-testid="cordon-more-gaps"
          onClick={() => setShowAll(true)}
        >
          {t('cordon.more', { count: listed.length - shown.length })}
        </button>
      ) : null}
      {checkpoints.length ? (
        <details className="cordon-checkpoints">
          <summary>{t('cordon.checkpoints', { count: checkpoints.length })}</summary>
          <ul>
            {checkpoints.map((id) => {
              const active = activeCheckpointIds.includes(id);
              return (
                <li
                  key={id}
                  data-testid="cordon-checkpoint"
                  data-checkpoint-id={id}
                  data-active={String(active)}
                >
                  <span>{actions.checkpointName(id)}</span>
                  {active ? (
                    <span className="cordon-active">{t('cordon.active')}</span>
                  ) : onActivate ? (
                    <button
                      type="button"
                      data-testid="cordon-activate-checkpoint"
                      onClick={() => onActivate(id)}
                    >
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
