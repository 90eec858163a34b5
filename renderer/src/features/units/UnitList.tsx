import { useTranslation } from 'react-i18next';
import type { NearbyResult } from '../../../../shared/contract/api';

/** Nearest available units; distances are straight-line until road ETA ranking replaces them. */
export function UnitList({ nearby }: { nearby: NearbyResult | null }) {
  const { t } = useTranslation();
  if (!nearby) return null;
  return (
    <section className="panel unit-list" data-testid="unit-list" aria-label={t('units.title')}>
      <header className="panel-header">
        <h2>{t('units.title')}</h2>
      </header>
      {nearby.method === 'straight_line' ? <p className="panel-hint" data-testid="distance-method">{t('units.straightLine')}</p> : null}
      {nearby.units.length === 0 ? <p className="panel-empty">{t('units.none')}</p> : null}
      <ol>
        {nearby.units.map(({ unit, distanceM }) => (
          <li key={unit.id} data-testid="unit-item" data-unit-id={unit.id}>
            <span className={`unit-type type-${unit.type}`}>{t(`unitType.${unit.type}`)}</span>
            <span className="unit-callsign">{unit.callsign}</span>
            <span className="unit-distance">{t('units.distance', { km: (distanceM / 1000).toFixed(2) })}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
