/**
 * Migration 19: a change stamp per city day of the heat map (警情云图, electron/core/insight).
 *
 * A month of a Xi'an-size city's heat map aggregates 500,000 alerts into 22,600 cells; a rollup
 * by (day, cell, category, hour) would hold about as many rows as alerts (migration 16), so the
 * host keeps each closed day's cells in memory instead (heatDayCache.ts). A past day's cells
 * change only when one of its alerts is written again (an amendment, a late status change): these
 * triggers bump that day's stamp in the transaction of the write, and a cached day whose stamp
 * moved is read again. No backfill: a day without a row has stamp 0.
 */
import { CITY_UTC_OFFSET_MINUTES } from '../../../shared/domain/cityTime';

/** The city day (days since 1970-01-01 in city time) of a reported_at column, from its instant. */
export const cityDaySql = (r: string): string =>
  `CAST(((julianday(${r}.reported_at) - 2440587.5) * 1440 + ${CITY_UTC_OFFSET_MINUTES}) / 1440 AS INTEGER)`;

const bump = (r: string) =>
  `INSERT INTO heat_day_stamp (day, n) VALUES (${cityDaySql(r)}, 1) ON CONFLICT (day) DO UPDATE SET n = n + 1;`;

export const HEAT_DAY_STAMP_MIGRATION_SQL = `
  CREATE TABLE heat_day_stamp (day INTEGER PRIMARY KEY, n INTEGER NOT NULL);
  CREATE TRIGGER heat_day_on_insert AFTER INSERT ON alerts BEGIN ${bump('NEW')} END;
  CREATE TRIGGER heat_day_on_update AFTER UPDATE OF reported_at, status, category, priority, lng, lat ON alerts
    BEGIN ${bump('OLD')} ${bump('NEW')} END;
  CREATE TRIGGER heat_day_on_delete AFTER DELETE ON alerts BEGIN ${bump('OLD')} END;
`;
