import { useTranslation } from 'react-i18next';
import type { CoverageSnapshot } from '../../../../shared/contract/routingContract';
import { COVERAGE_TIER_COLORS } from '../../map';
import { formatTarget } from '../units/etaFormat';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Toggle for the coverage overlay, and its legend with the covered share of road per tier. */
export function CoverageControl({
  enabled,
  snapshot,
  toggle,
}: {
  enabled: boolean;
  snapshot: CoverageSnapshot | null;
  toggle: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="coverage-control">
      <button
        type="button"
        data-testid="coverage-toggle"
        aria-pressed={enabled}
        title={t('coverage.toggleTitle')}
        onClick={toggle}
      >
        {t('coverage.toggle')} <kbd>C</kbd>
      </button>
      {enabled && snapshot ? (
        <div className="coverage-legend" data-testid="coverage-figures" aria-label={t('coverage.title')}>
          <div className="coverage-title">{t('coverage.title')}</div>
          <ul>
            {snapshot.tiers.map((tier) => (
              <li
                key={tier.seconds}
                data-testid="coverage-tier"
                data-seconds={tier.seconds}
                data-share={tier.share}
              >
                <span
                  className="swatch"
                  style={{
                    background:
                      (COVERAGE_TIER_COLORS as Record<string, string>)[String(tier.seconds)] ??
                      COVERAGE_TIER_COLORS.none,
                  }}
                />
                <span>{t('coverage.within', { target: formatTarget(t, tier.seconds) })}</span>
                <span className="coverage-share">{percent(tier.share)}</span>
              </li>
            ))}
            <li>
              <span className="swatch" style={{ background: COVERAGE_TIER_COLORS.none }} />
              <span>{t('coverage.none')}</span>
              <span className="coverage-share">{percent(1 - (snapshot.tiers.at(-1)?.share ?? 0))}</span>
            </li>
          </ul>
          <div className="coverage-units">{t('coverage.units', { count: snapshot.unitCount })}</div>
        </div>
      ) : null}
    </div>
  );
}
