import { useTranslation } from 'react-i18next';
import type { NearbyResult } from '../../../../shared/contract/api';
import { formatDuration, tierBadgeText } from './etaFormat';

const km = (m: number) => (m / 1000).toFixed(2);

/**
 * Available units ranked by road travel time to the selected alert, each with its 1-3-5 verdict;
 * units the road network cannot bring there come last with the reason.
 */
export function UnitList({ nearby }: { nearby: NearbyResult | null }) {
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
        {nearby.units.map(({ unit, etaSeconds, distanceM, straightLineM, tier, unreachable }) => {
          const badge = tierBadgeText(t, tier);
          return (
            <li key={unit.id} data-testid="unit-item" data-unit-id={unit.id} data-eta={etaSeconds === null ? '' : Math.round(etaSeconds)}>
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
              <span className="unit-distance">{distanceM !== null ? t('units.roadDistance', { km: km(distanceM) }) : t('units.straightDistance', { km: km(straightLineM) })}</span>
              {badge ? (
                <span className={`tier-badge ${tier?.met ? 'met' : 'missed'}`} data-testid="tier-badge" data-met={String(tier?.met ?? false)}>
                  {badge}
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
