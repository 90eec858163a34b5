import { useEffect, useState } from 'react';
import type { SeatOnDuty } from '../../../../shared/domain/seat';
import { useConsoleApi } from '../../app/ConsoleContext';

/** The seats on duty (the gateway's presence), kept current by `seats.changed`. */
export function useSeatsOnDuty(): SeatOnDuty[] {
  const api = useConsoleApi();
  const [seats, setSeats] = useState<SeatOnDuty[]>([]);
  useEffect(() => {
    let live = true;
    const off = api.subscribe['seats.changed']((next) => setSeats(next));
    api.requests['seats.onDuty']().then(
      (s) => live && setSeats(s),
      () => {},
    );
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return seats;
}
