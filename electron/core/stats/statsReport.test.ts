import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { StatsService } from './statsService';
import { DAY, statsFixture, T0 } from '../../../tests/unit/statsFixture';
import { writeStatsReport } from './statsReport';
import { XLSX_SHEETS } from './reportXlsx';
import { tempDir } from '../../../tests/unit/fixtures';

let close: (() => void) | null = null;
afterEach(() => {
  close?.();
  close = null;
});

describe('statistics report', () => {
  it('XLSX read back with exceljs: sheet names and totals equal the service’s figures', async () => {
    const { h } = await statsFixture();
    const tmp = tempDir('stats-report-');
    close = () => {
      h.close();
      tmp.cleanup();
    };
    const result = new StatsService(h.repo.db, { now: () => new Date(T0 + 43_200_000) }).query({
      period: { kind: 'week', date: DAY },
    });
    const file = await writeStatsReport(result, 'xlsx', path.join(tmp.dir, 'r.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...XLSX_SHEETS]);
    const summary = wb.getWorksheet(XLSX_SHEETS[0])!;
    const byKey = new Map<string, [unknown, unknown]>();
    summary.eachRow((row) => {
      const key = row.getCell(2).value;
      if (typeof key === 'string' && key in result.kpis)
        byKey.set(key, [row.getCell(3).value, row.getCell(4).value]);
    });
    for (const [key, value] of Object.entries(result.kpis))
      expect(byKey.get(key)?.[0] ?? null, key).toEqual(value);
    expect(byKey.get('alerts')).toEqual([11, 0]);
    expect(byKey.get('tierRate')?.[0]).toBe(0.4);
    const column = (sheet: number, col: number) => {
      const values: number[] = [];
      wb.getWorksheet(XLSX_SHEETS[sheet])!.eachRow((row, i) => {
        if (i > 1) values.push(Number(row.getCell(col).value));
      });
      return values;
    };
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    // Histogram, tiers and days add up to the summary's figures.
    expect(sum(column(1, 4))).toBe(result.kpis.arrived);
    expect(sum(column(2, 2))).toBe(result.kpis.tierJudged);
    expect(sum(column(2, 3))).toBe(result.kpis.tierMet);
    expect(sum(column(3, 2))).toBe(result.kpis.alerts);
    expect(sum(column(4, 2))).toBe(result.kpis.alerts);
  });

  it('HTML is self-contained with the figures and the charts', async () => {
    const { h } = await statsFixture();
    const tmp = tempDir('stats-report-');
    close = () => {
      h.close();
      tmp.cleanup();
    };
    const result = new StatsService(h.repo.db, { now: () => new Date(T0 + 43_200_000) }).query({
      period: { kind: 'day', date: DAY },
    });
    const html = readFileSync(await writeStatsReport(result, 'html', path.join(tmp.dir, 'r.html')), 'utf8');
    expect(html).toContain('40.0 %');
    expect(html.match(/<svg/g)?.length).toBe(2);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });
});

describe('report command', () => {
  it('npm run cli -- report writes the XLSX of a data folder with the service’s totals', async () => {
    const { runCli } = await import('../../cli/main');
    const { openDatabase } = await import('../db/database');
    const { ConsoleRepository } = await import('../db/consoleRepository');
    const { generateDemoHistory } = await import('./demoHistory');
    const tmp = tempDir('stats-cli-');
    close = tmp.cleanup;
    const repo = new ConsoleRepository(openDatabase(tmp.dir));
    repo.seedFromPack({
      manifest: { id: 'demo' },
      units: [{ id: 'U1', callsign: '1', type: 'car', districtId: 'D1', home: { lng: 112.85, lat: 35.5 } }],
      cameras: [],
      checkpoints: [],
    } as never);
    generateDemoHistory(repo.db, {
      units: repo.units.list(),
      tierFor: () => 180,
      end: new Date(2026, 10, 20),
      days: 3,
      perDay: 10,
    });
    repo.close();
    const out: string[] = [];
    const file = path.join(tmp.dir, 'out', 'r.xlsx');
    const code = await runCli(
      [
        'report',
        '--data-dir',
        tmp.dir,
        '--from',
        '2026-11-17',
        '--to',
        '2026-11-19',
        '--format',
        'xlsx',
        '--out',
        file,
      ],
      { stdout: (t) => void out.push(t), stderr: () => {} },
    );
    expect(code).toBe(0);
    const printed = JSON.parse(out.join('')) as { kpis: { alerts: number } };
    expect(printed.kpis.alerts).toBeGreaterThan(20);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    let alerts: unknown = null;
    wb.getWorksheet(XLSX_SHEETS[0])!.eachRow((row) => {
      if (row.getCell(2).value === 'alerts') alerts = row.getCell(3).value;
    });
    expect(alerts).toBe(printed.kpis.alerts);
    expect(
      await runCli(
        [
          'report',
          '--data-dir',
          tmp.dir,
          '--from',
          '2026-11-19',
          '--to',
          '2026-11-17',
          '--format',
          'xlsx',
          '--out',
          file,
        ],
        { stdout: () => {}, stderr: () => {} },
      ),
    ).toBe(2);
  });
});
