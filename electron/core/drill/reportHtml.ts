import * as echarts from 'echarts';
import type { DrillReport } from '../../../shared/contract/drillContract';
import { drillChartOption } from '../../../shared/domain/drillChart';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const fmt = (s: number | null) => (s === null ? '—' : `${Math.round(s)} s`);

/** The chart as a static SVG string, rendered server-side (ECharts SSR, no DOM). */
export function renderReportChartSvg(report: DrillReport, width = 960, height = 360): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(drillChartOption(report.alerts, { dispatch: '派警用时 time to dispatch', target: '目标 target', seconds: 's' }));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * A self-contained after-action report: no scripts, no external resources; the data is embedded
 * twice, as tables and as JSON (for re-processing), and the chart as inline SVG.
 */
export function renderReportHtml(report: DrillReport): string {
  const rows = report.alerts
    .map(
      (a) => `<tr><td>${escapeHtml(a.alertId)}</td><td>P${a.priority}</td><td>${fmt(a.ackSeconds)} / ${a.ackTargetSeconds} s</td><td>${fmt(a.dispatchSeconds)} / ${a.dispatchTargetSeconds} s${a.handledWithoutDispatch ? ' (未派警处置)' : ''}</td><td>${escapeHtml(a.unitId ?? '—')}</td><td>${fmt(a.responseSeconds)}${a.tierTargetSeconds !== null ? ` / ${a.tierTargetSeconds} s` : ''}</td><td>${a.tierMet === null ? '—' : a.tierMet ? '✔' : '✘'}</td><td>${escapeHtml(a.missed.join(', ') || '—')}</td><td>${a.score}</td></tr>`,
    )
    .join('\n');
  const t = report.totals;
  const json = JSON.stringify(report).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>演练评估报告 Drill report — ${escapeHtml(report.scenarioId)}</title>
<style>body{font-family:"Noto Sans CJK SC",sans-serif;background:#0d1117;color:#c8d0dc;margin:24px}h1{color:#f0a020}table{border-collapse:collapse;width:100%}td,th{border:1px solid #30363d;padding:4px 8px;text-align:left}th{background:#161b22}.score{font-size:40px;color:#f0a020}</style>
</head><body>
<h1>演练评估报告 · Drill after-action report</h1>
<p>演练 Drill: <b>${escapeHtml(report.scenarioId)}</b>${report.name ? ` — ${escapeHtml(report.name)}` : ''} · 生成 Generated ${escapeHtml(report.generatedAt)}</p>
<p class="score" id="score">${report.score === null ? '—' : report.score} / 100</p>
<p>警情 alerts ${t.alerts} · 已受理 acknowledged ${t.acknowledged} · 已派警 dispatched ${t.dispatched} · 已到场 arrived ${t.arrived} · 1-3-5 达标 tiers met ${t.tiersMet}/${t.tiersJudged} · 漏项 missed steps ${t.missedSteps}</p>
<figure>${renderReportChartSvg(report)}<figcaption>派警用时与目标 Time to dispatch vs target (s)</figcaption></figure>
<table><thead><tr><th>警情 Alert</th><th>级别</th><th>受理 ack / target</th><th>派警 dispatch / target</th><th>处警单位 Unit</th><th>到场 response / tier</th><th>达标</th><th>漏项 Missed</th><th>得分 Score</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p>评分公式见 docs/drills.md · Scoring formula: docs/drills.md</p>
<script type="application/json" id="drill-report-data">${json}</script>
</body></html>
`;
}
