import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackProvenanceReport } from '../../../../shared/citypack/packHealth';
import { useConsoleApi } from '../../app/ConsoleContext';

/**
 * The city pack's settings entry: where each layer came from (file, tool, time, CRS), how many
 * records it has, and warnings for layers the console would otherwise be silently without.
 */
export function PackProvenance() {
  const { t, i18n } = useTranslation();
  const api = useConsoleApi();
  const [report, setReport] = useState<PackProvenanceReport | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let cancelled = false;
    void api.requests['city.provenance']().then((r) => !cancelled && setReport(r));
    return () => {
      cancelled = true;
    };
  }, [api]);
  const warnings = report?.warnings.length ?? 0;
  const when = (iso: string): string => new Date(iso).toLocaleString(i18n.language);
  return (
    <span className="pack-provenance-control">
      <button
        type="button"
        data-testid="pack-provenance-toggle"
        aria-expanded={open}
        className={warnings ? 'warn' : ''}
        onClick={() => setOpen((o) => !o)}
      >
        {t('pack.toggle')}
        {warnings ? ` ⚠ ${warnings}` : ''}
      </button>
      {open && report ? (
        <section
          className="panel pack-provenance"
          data-testid="pack-provenance"
          role="dialog"
          aria-label={t('pack.title')}
        >
          <header className="panel-header">
            <h2>{t('pack.title')}</h2>
            <button type="button" onClick={() => setOpen(false)}>
              {t('pack.close')}
            </button>
          </header>
          <p className="panel-hint">
            {t('pack.summary', { id: report.packId, adcode: report.adcode, attribution: report.attribution })}
          </p>
          {report.warnings.length > 0 ? (
            <ul className="pack-warnings">
              {report.warnings.map((w) => (
                <li
                  key={`${w.code}-${w.layer ?? ''}`}
                  className="warn"
                  data-testid="pack-warning"
                  data-code={w.code}
                  data-layer={w.layer ?? ''}
                >
                  {t(`pack.warning.${w.code}`, {
                    layer: w.layer ? t(`pack.layer.${w.layer}`) : '',
                    count: w.count ?? 0,
                  })}
                </li>
              ))}
            </ul>
          ) : null}
          <table>
            <thead>
              <tr>
                <th>{t('pack.column.layer')}</th>
                <th>{t('pack.column.count')}</th>
                <th>{t('pack.column.source')}</th>
                <th>{t('pack.column.at')}</th>
              </tr>
            </thead>
            <tbody>
              {report.layers.map((l) => (
                <tr key={l.layer} data-testid={`pack-layer-${l.layer}`} data-count={l.count}>
                  <td>{t(`pack.layer.${l.layer}`)}</td>
                  <td>{l.count}</td>
                  <td>
                    {l.provenance
                      ? `${l.provenance.source} (${l.provenance.tool}${l.provenance.crs ? `, ${l.provenance.crs}` : ''}${l.provenance.skipped ? `, ${t('pack.skipped', { count: l.provenance.skipped })}` : ''})`
                      : t('pack.unknownSource')}
                  </td>
                  <td>{l.provenance ? when(l.provenance.at) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </span>
  );
}
