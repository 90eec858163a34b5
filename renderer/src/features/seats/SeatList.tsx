import { useTranslation } from 'react-i18next';
import { useSeatsOnDuty } from './useSeats';

/** The seats on duty (operator, role, seat name), in the status bar. */
export function SeatList() {
  const { t } = useTranslation();
  const seats = useSeatsOnDuty();
  return (
    <span className="seat-list" data-testid="seat-list" data-count={seats.length} title={t('seats.onDuty')}>
      {t('seats.onDuty')}: {seats.length === 0 ? t('seats.none') : null}
      {seats.map((s) => (
        <span
          key={s.consoleId}
          className={`seat${s.mine ? ' mine' : ''}`}
          data-testid="seat"
          data-operator={s.operator}
          data-seat={s.seat}
          data-role={s.role}
          data-mine={String(s.mine)}
        >
          {s.seat} · {s.operator} ({t(`role.${s.role}`, { defaultValue: s.role })})
        </span>
      ))}
    </span>
  );
}
