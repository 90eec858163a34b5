import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EtaCalibration, SpeedFactors } from '../../../../shared/contract/insightContract';
import { useConsoleApi } from '../../app/ConsoleContext';
import { useSeatControl } from '../operator';
import { UNKNOWN_ROAD_CLASS } from '../../../../shared/domain/roadClass';

const DAYS = 30;
const sec = (x: number) => `${x > 0 ? '+' : ''}${x.toFixed(0)} s`;

/** ETA bias and error by unit type, hour and road class, and the proposed speed factors a supervisor may accept. */
export function EtaCalibrationPanel() {
  const { t } = useTranslation();
  const api = useConsoleApi();
  const seat = useSeatControl('speedCalibration');
  const [open, setOpen] = useState(false);
  const [report, setReport] = useState<EtaCalibration | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [accepted, setAccepted] = useState(false);
  const [version, setVersion] = useState(0);
  // The road class names are the cordon's (one list of OSM classes).
  const roadClassLabel = (c: string) =>
    c === UNKNOWN_ROAD_CLASS
      ? t('insight.eta.roadClassUnknown')
      : t(`cordon.roadClass.${c}`, { defaultValue: c });

  useEffect(() => {
    if (!open) return;
    let active = true;
    api.requests['insight.etaCalibration']({ days: DAYS }).then(
      (r) => active && (setReport(r), setError(null)),
      (err: unknown) => active && setError((err as Error).message),
    );
    return () => {
      active = false;
    };
  }, [api, open, version]);

  const proposed: SpeedFactors = Object.fromEntries(
    (report?.byUnitType ?? [])
      .filter((u) => u.proposedFactor !== null && u.proposedFactor !== u.currentFactor)
      .map((u) => [u.unitType, u.proposedFactor!]),
  );
  const accept = () => {
    api.requests['insight.applySpeedFactors']({ factors: proposed }).then(
      () => (setAccepted(true), setVersion((v) => v + 1)),
      (err: unknown) => setError((err as Error).message),
    );
  };

  return (
    <div className="insight-eta">
      <button
        type="button"
        data-testid="eta-calibration-toggle"
        aria-pressed={open}
        onClick={() => setOpen((o) => !o)}
      >
        {t('insight.eta.toggle')}
      </button>
      {open ? (
        <div className="insight-box" data-testid="eta-calibration">
          {error ? <div>{t('insight.error', { message: error })}</div> : null}
          {!report ? (
            <div>{t('insight.loading')}</div>
          ) : report.samples === 0 ? (
            <div>{t('insight.eta.noData')}</div>
          ) : (
            <>
              <strong>{t('insight.eta.title', { days: DAYS, samples: report.samples })}</strong>
              <table>
                <thead>
                  <tr>
                    <th>{t('insight.eta.unitType')}</th>
                    <th>{t('insight.eta.n')}</th>
                    <th>{t('insight.eta.bias')}</th>
                    <th>{t('insight.eta.mae')}</th>
                    <th>{t('insight.eta.factor')}</th>
                    <th>{t('insight.eta.proposed')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.byUnitType.map((u) => (
                    <tr key={u.unitType} data-testid="eta-row" data-unit-type={u.unitType}>
                      <td>{t(`unitType.${u.unitType}`)}</td>
                      <td>{u.n}</td>
                      <td>{sec(u.biasSeconds)}</td>
                      <td>{u.maeSeconds.toFixed(0)} s</td>
                      <td>{u.currentFactor.toFixed(2)}</td>
                      <td>{u.proposedFactor?.toFixed(2) ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <details>
                <summary>{t('insight.eta.byHour')}</summary>
                <table>
                  <tbody>
                    {report.byHour.map((h) => (
                      <tr key={h.hour}>
                        <td>{String(h.hour).padStart(2, '0')}:00</td>
                        <td>{h.n}</td>
                        <td>{sec(h.biasSeconds)}</td>
                        <td>{h.maeSeconds.toFixed(0)} s</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
              <details data-testid="eta-road-classes">
                <summary>{t('insight.eta.byRoadClass')}</summary>
                <table>
                  <tbody>
                    {report.byRoadClass.map((c) => (
                      <tr key={c.roadClass} data-road-class={c.roadClass}>
                        <td>{roadClassLabel(c.roadClass)}</td>
                        <td>{c.n}</td>
                        <td>{sec(c.biasSeconds)}</td>
                        <td>{c.maeSeconds.toFixed(0)} s</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
              <button
                type="button"
                data-testid="eta-accept"
                disabled={!seat.allowed || Object.keys(proposed).length === 0}
                title={seat.allowed ? undefined : t('insight.eta.supervisorOnly')}
                onClick={accept}
              >
                {accepted ? t('insight.eta.accepted') : t('insight.eta.accept')}
              </button>
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}
