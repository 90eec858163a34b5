/**
 * Hour of day in the city's time. China keeps one time zone, UTC+8 with no daylight saving, so
 * the hour follows from the instant alone, whatever offset the timestamp was written with.
 */
export const CITY_UTC_OFFSET_MINUTES = 480;

export function cityHour(iso: string, offsetMinutes: number = CITY_UTC_OFFSET_MINUTES): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return -1;
  const minutes = Math.floor(ms / 60_000) + offsetMinutes;
  return Math.floor((((minutes % 1440) + 1440) % 1440) / 60);
}
