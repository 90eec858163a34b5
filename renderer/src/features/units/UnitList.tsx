import { useTranslation } from 'react-i18next';
import type { NearbyResult } from '../../../../shared/contract/api';
import { formatDuration, tierBadgeText } from './etaFormat';

const km = (m: number) => (m / 1000).toFixed(2);

/** One action per ranked row (assign, or pick the replacement while reassigning); keys 1-9 do the same. */
export interface UnitRowAction {
  label: string;
  enabled: (unitId: string) => boolean;
  run: (unitId: string) => void;
  /** A unit another seat committed: taken only by an explicit reassignment (audited). */
  take?: (unitId: string) => void;
}

/**
 * Available units ranked by road travel time to the selected alert, each with its 1-3-5 verdict;
 * units the road network cannot bring there come last with the reason. With `action`, each of
 * the first nine rows shows its key (1-9) and a button.
 */
export function UnitList({ nearby, action }: { nearby: NearbyResult | null; action?: UnitRowAction }) {
  const { t } = useTranslation();
  if (!nearby) return null;
  return (
    <section className="panel unit-list" data-testid="unit-list" aria-label={t('units.title')}>
      <header className="panel-header">
        <h2>{t('units.title')}</h2>
      </header>
      <p className="panel-hint">{t('units.byRoad')}</p>
      {nearby.units.length === 0 ? <p className="panel-empty">{t('units.none')}</p> : null}
      <ol>
        {nearby.units.map(({ unit, etaSeconds, distanceM, straightLineM, tier, unreachable }, index) => {
          const badge = tierBadgeText(t, tier);
          const busy = unit.commitment && !unit.commitment.mine ? unit.commitment : null;
          return (
            <li
              key={unit.id}
              data-testid="unit-item"
              data-unit-id={unit.id}
              data-rank={index + 1}
              data-eta={etaSeconds === null ? '' : Math.round(etaSeconds)}
              data-busy={String(busy !== null)}
              data-committed-to={busy?.alertId ?? ''}
              className={busy ? 'busy' : undefined}
            >
              {action && index < 9 ? <kbd className="unit-key">{index + 1}</kbd> : null}
              <span className={`unit-type type-${unit.type}`}>{t(`unitType.${unit.type}`)}</span>
              <span className="unit-callsign">{unit.callsign}</span>
              {etaSeconds !== null ? (
                <span className="unit-eta" data-testid="unit-eta">
                  {formatDuration(t, etaSeconds)}
                </span>
              ) : (
                <span className="unit-eta unreachable" data-testid="unit-unreachable">
                  {t(`units.unreachable.${unreachable ?? 'not_reached'}`)}
                </span>
              )}
              <span className="unit-distance">
                {distanceM !== null
                  ? t('units.roadDistance', { km: km(distanceM) })
                  : t('units.straightDistance', { km: km(straightLineM) })}
              </span>
              {badge ? (
                <span
                  className={`tier-badge ${tier?.met ? 'met' : 'missed'}`}
                  data-testid="tier-badge"
                  data-met={String(tier?.met ?? false)}
                >
                  {badge}
                </span>
              ) : null}
              {busy ? (
                <span className="unit-busy" data-testid="unit-busy">
                  {t('seats.busy', { alert: busy.alertId, owner: `${busy.operator} · ${busy.seat}` })}
                </span>
              ) : null}
              {action ? (
                <button
                  type="button"
                  className="unit-assign"
                  data-testid="unit-assign"
                  disabled={!busy && !action.enabled(unit.id)}
                  onClick={() => action.run(unit.id)}
                >
                  {action.label}
                </button>
              ) : null}
              {action?.take && busy ? (
                <button
                  type="button"
                  className="unit-take"
                  data-testid="unit-take"
                  onClick={() => action.take!(unit.id)}
                >
                  {t('seats.take')}
                </button>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
