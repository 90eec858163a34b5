import * as echarts from 'echarts';
import type { StatsKpis, StatsResult } from '../../../shared/contract/statsContract';
import { binLabel, dailyTrendOption, responseHistogramOption } from '../../../shared/domain/statsChart';

/**
 * The statistics report as one self-contained HTML file (inline SVG charts, no script), in both
 * languages like the drill report; the PDF is printed from it.
 */
const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
export const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)} %`);
export const secs = (s: number | null) => (s === null ? '—' : `${Math.round(s)} s`);

/** Every KPI row of the report and the spreadsheet: label, value now, value in the previous period. */
export const KPI_ROWS: readonly {
  key: keyof StatsKpis;
  label: string;
  format: (v: number | null) => string;
}[] = [
  { key: 'alerts', label: '警情总数 Alerts', format: String },
  { key: 'incidents', label: '有效警情 Incidents', format: String },
  { key: 'cancelled', label: '撤销 Cancelled', format: String },
  { key: 'merged', label: '合并 Merged', format: String },
  { key: 'dispatched', label: '派警 Dispatched', format: String },
  { key: 'arrived', label: '到场 Arrived', format: String },
  { key: 'tierJudged', label: '1-3-5 考核数 Judged', format: String },
  { key: 'tierMet', label: '1-3-5 达标数 Met', format: String },
  { key: 'tierRate', label: '1-3-5 达标率 Compliance', format: pct },
  { key: 'responseP50', label: '响应时间 P50 Response', format: secs },
  { key: 'responseP90', label: '响应时间 P90 Response', format: secs },
  { key: 'handlingP50', label: '处置时长 P50 Handling', format: secs },
  { key: 'handlingP90', label: '处置时长 P90 Handling', format: secs },
  { key: 'cases12345', label: '12345 工单 Cases', format: String },
  { key: 'closed12345', label: '12345 办结 Closed', format: String },
  { key: 'closureRate12345', label: '12345 办结率 Closure rate', format: pct },
  { key: 'transferred', label: '分流 Transferred', format: String },
  { key: 'overdue', label: '超期 Overdue', format: String },
  { key: 'overdueRate', label: '超期率 Overdue rate', format: pct },
];

function svg(option: object, width = 900, height = 300): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option as echarts.EChartsOption);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const filtersText = (f: StatsResult['filters']) =>
  Object.entries(f)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ') || '—';

export function renderStatsReportHtml(r: StatsResult): string {
  const kpiRows = KPI_ROWS.map(
    (row) =>
      `<tr><td>${row.label}</td><td>${row.format(r.kpis[row.key])}</td><td>${row.format(r.previous[row.key])}</td></tr>`,
  ).join('');
  const tierRows = r.tiers
    .map(
      (t) =>
        `<tr><td>${t.targetSeconds} s</td><td>${t.judged}</td><td>${t.met}</td><td>${pct(t.rate)}</td><td>${t.unreached}</td><td>${secs(t.p50)}</td><td>${secs(t.p90)}</td></tr>`,
    )
    .join('');
  const binRows = r.histogram.map((b) => `<tr><td>${binLabel(b)}</td><td>${b.count}</td></tr>`).join('');
  const categoryRows = r.categories
    .map((c) => `<tr><td>${escapeHtml(c.category)}</td><td>${c.count}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>统计报表 Statistics ${escapeHtml(r.period.label)}</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;background:#0d1117;color:#c8d0dc;margin:24px}
h1,h2{color:#e6edf3}table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #30363d;padding:4px 10px;text-align:left}
th{background:#161b22}.note{color:#8b949e}
@media print{body{background:#fff;color:#000}h1,h2{color:#000}th{background:#eee}td,th{border-color:#999}}
</style></head><body>
<h1>统计报表 Statistics report</h1>
<p>时段 Period: <b>${escapeHtml(r.period.label)}</b> · 对比 Previous: ${escapeHtml(r.previousPeriod.label)} · 筛选 Filters: ${escapeHtml(filtersText(r.filters))} · 生成 Generated: ${escapeHtml(r.generatedAt)}</p>
${r.demoHistory ? `<p class="note">含演示历史数据 Includes generated demo history: ${r.demoHistory}</p>` : ''}
<h2>指标 Key figures</h2>
<table id="kpis"><tr><th>指标 Figure</th><th>本期 This period</th><th>上期 Previous</th></tr>${kpiRows}</table>
<h2>响应时间分布 Response time (min)</h2>
${svg(responseHistogramOption(r.histogram, { alerts: '警情 alerts', minutes: '分钟 min' }))}
<table id="histogram"><tr><th>分钟 Minutes</th><th>警情 Alerts</th></tr>${binRows}</table>
<h2>分级达标 Per tier (target stored at dispatch)</h2>
<table id="tiers"><tr><th>目标 Target</th><th>考核 Judged</th><th>达标 Met</th><th>达标率 Rate</th><th>未到场 Unreached</th><th>P50</th><th>P90</th></tr>${tierRows}</table>
<h2>趋势 Daily trend</h2>
${svg(dailyTrendOption(r.daily, { alerts: '警情 alerts', rate: '1-3-5 %' }))}
<h2>类别 Categories</h2>
<table id="categories"><tr><th>类别 Category</th><th>警情 Alerts</th></tr>${categoryRows}</table>
<p class="note">口径见 Definitions: docs/statistics.md</p>
</body></html>
`;
}
