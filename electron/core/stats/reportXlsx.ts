import type { StatsResult } from '../../../shared/contract/statsContract';
import { binLabel } from '../../../shared/domain/statsChart';
import { KPI_ROWS } from './reportHtml';

/** Sheet names of the XLSX report, in order. */
export const XLSX_SHEETS = [
  'Summary 汇总',
  'Response 响应分布',
  'Tiers 分级',
  'Daily 每日',
  'Categories 类别',
] as const;

/** The statistics report as a workbook: raw numbers (rates as fractions, times in seconds), one sheet per table. */
export async function writeStatsXlsx(r: StatsResult, file: string): Promise<void> {
  // Loaded on first use: exceljs costs every host and console start ~0.3 s of CPU otherwise.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(r.generatedAt);
  const [summary, response, tiers, daily, categories] = XLSX_SHEETS.map((name) => wb.addWorksheet(name));
  summary!.addRow(['Period 时段', r.period.from, r.period.to]);
  summary!.addRow(['Previous 上期', r.previousPeriod.from, r.previousPeriod.to]);
  summary!.addRow(['Filters 筛选', JSON.stringify(r.filters)]);
  summary!.addRow(['Demo history 演示历史', r.demoHistory]);
  summary!.addRow([]);
  summary!.addRow(['Figure 指标', 'Key', 'This period 本期', 'Previous 上期']);
  for (const row of KPI_ROWS) summary!.addRow([row.label, row.key, r.kpis[row.key], r.previous[row.key]]);
  response!.addRow(['Bin 分钟', 'From s', 'To s', 'Alerts 警情']);
  for (const b of r.histogram) response!.addRow([binLabel(b), b.fromSeconds, b.toSeconds, b.count]);
  tiers!.addRow([
    'Target s 目标',
    'Judged 考核',
    'Met 达标',
    'Rate 达标率',
    'Unreached 未到场',
    'P50 s',
    'P90 s',
  ]);
  for (const t of r.tiers)
    tiers!.addRow([t.targetSeconds, t.judged, t.met, t.rate, t.unreached, t.p50, t.p90]);
  daily!.addRow(['Day 日期', 'Alerts 警情', 'Judged 考核', 'Met 达标']);
  for (const d of r.daily) daily!.addRow([d.day, d.alerts, d.tierJudged, d.tierMet]);
  categories!.addRow(['Category 类别', 'Alerts 警情']);
  for (const c of r.categories) categories!.addRow([c.category, c.count]);
  for (const ws of wb.worksheets) ws.getRow(ws === summary ? 6 : 1).font = { bold: true };
  await wb.xlsx.writeFile(file);
}
