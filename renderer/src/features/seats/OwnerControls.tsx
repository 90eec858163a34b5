import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../../shared/domain/alert';
import { useConsoleApi } from '../../app/ConsoleContext';
import { useOperator } from '../operator';
import { useSeatsOnDuty } from './useSeats';

/**
 * A supervisor takes the alert over for this seat, or hands it to a seat on duty (the owner may
 * hand its own alert on too). The gateway decides; this seat audits it.
 */
export function OwnerControls({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const api = useConsoleApi();
  const operator = useOperator();
  const seats = useSeatsOnDuty();
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const owner = alert.owner ?? null;
  const supervisor = operator?.role === 'supervisor';
  if (!operator || (!supervisor && !owner?.mine)) return null;
  const others = seats.filter((s) => s.consoleId !== owner?.consoleId);
  const run = async (request: () => Promise<unknown>) => {
    setError(null);
    try {
      await request();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div className="owner-controls" data-testid="owner-controls">
      {supervisor && owner && !owner.mine ? (
        <button
          type="button"
          data-testid="alert-take-over"
          onClick={() => void run(() => api.requests['alerts.takeOver']({ alertId: alert.id }))}
        >
          {t('seats.takeOver')}
        </button>
      ) : null}
      {others.length ? (
        <>
          <select
            data-testid="alert-hand-to"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            aria-label={t('seats.handTo')}
          >
            <option value="">{t('seats.handTo')}</option>
            {others.map((s) => (
              <option key={s.consoleId} value={s.consoleId}>
                {s.seat} · {s.operator}
              </option>
            ))}
          </select>
          <button
            type="button"
            data-testid="alert-hand-off"
            disabled={!to}
            onClick={() =>
              void run(() => api.requests['alerts.handOff']({ alertId: alert.id, toConsoleId: to }))
            }
          >
            {t('seats.handOff')}
          </button>
        </>
      ) : null}
      {error ? (
        <p className="form-error" data-testid="owner-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
