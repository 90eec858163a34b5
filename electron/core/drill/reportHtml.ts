import * as echarts from 'echarts';
import type { DrillReport, DrillTimelineEntry } from '../../../shared/contract/drillContract';
import {
  drillChartOption,
  drillResponseChartOption,
  drillTimelineChartOption,
} from '../../../shared/domain/drill/drillChart';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
const fmt = (s: number | null) => (s === null ? '—' : `${Math.round(s)} s`);
const clock = (s: number | null) =>
  s === null
    ? '—'
    : `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
const STATUS = {
  met: '达成 met',
  late: '迟到 late',
  missed: '遗漏 missed',
  pending: '未到时限 pending',
} as const;
const LANES = {
  scenario: '演练事件 scenario',
  expected: '预期动作 expected',
  action: '学员操作 trainee',
} as const;

/** An ECharts option as a static SVG string, rendered server-side (ECharts SSR, no DOM, no script). */
function svg(option: object, width = 960, height = 320): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option as echarts.EChartsOption);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The dispatch chart alone (kept for callers that embed it elsewhere). */
export function renderReportChartSvg(report: DrillReport, width = 960, height = 360): string {
  return svg(
    drillChartOption(report.alerts, {
      dispatch: '派警用时 time to dispatch',
      target: '目标 target',
      seconds: 's',
    }),
    width,
    height,
  );
}

function best(b: DrillTimelineEntry['best']): string {
  if (!b) return '—';
  if (b.ok) return '✔ 最佳 best';
  const parts: string[] = [];
  if (b.unitIds?.length) parts.push(`派 send ${b.unitIds.join(' / ')}`);
  if (b.etaSeconds != null) parts.push(`ETA ${Math.round(b.etaSeconds)} s`);
  if (b.byT !== undefined) parts.push(`≤ ${clock(b.byT)}`);
  if (b.ackTargetSeconds !== undefined && b.dispatchTargetSeconds !== undefined)
    parts.push(`受理 ack ≤${b.ackTargetSeconds} s · 派警 dispatch ≤${b.dispatchTargetSeconds} s`);
  return parts.join(' · ') || '—';
}

/**
 * A self-contained after-action report: no scripts, no external resources; the data is embedded
 * twice, as tables and as JSON (for re-processing), and the charts as inline SVG.
 */
export function renderReportHtml(report: DrillReport): string {
  const rows = report.alerts
    .map(
      (a) =>
        `<tr><td>${escapeHtml(a.alertId)}</td><td>P${a.priority}</td><td>${fmt(a.ackSeconds)} / ${a.ackTargetSeconds} s</td><td>${fmt(a.dispatchSeconds)} / ${a.dispatchTargetSeconds} s${a.handledWithoutDispatch ? ' (未派警处置)' : ''}</td><td>${escapeHtml(a.unitId ?? '—')}</td><td>${fmt(a.chosenEtaSeconds)} / ${a.bestUnitId ? `${escapeHtml(a.bestUnitId)} ${fmt(a.bestEtaSeconds)}` : '—'}</td><td>${fmt(a.responseSeconds)}${a.tierTargetSeconds !== null ? ` / ${a.tierTargetSeconds} s` : ''}</td><td>${a.tierMet === null ? '—' : a.tierMet ? '✔' : '✘'}</td><td>${escapeHtml(a.missed.join(', ') || '—')}</td><td>${a.score}</td></tr>`,
    )
    .join('\n');
  const expected = report.expected.steps
    .map(
      (x) =>
        `<tr class="${x.status}"><td>${x.kind === 'dispatch' ? '派警 dispatch' : '封堵 exit'}</td><td>${escapeHtml(x.alertId)}</td><td>${escapeHtml(x.expected)}</td><td>${clock(x.deadlineT)}${x.suspectPassT !== null ? ` (嫌疑人 suspect ${clock(x.suspectPassT)})` : ''}</td><td>${clock(x.doneT)} ${escapeHtml(x.done ?? '')}</td><td>${STATUS[x.status]}</td></tr>`,
    )
    .join('\n');
  const timeline = report.timeline
    .map(
      (e) =>
        `<tr class="${e.status ?? ''}"><td>${clock(e.t)}</td><td>${LANES[e.kind]}</td><td>${escapeHtml(`${e.event} ${e.subject}`)}</td><td>${escapeHtml(e.alertId ?? '')}</td><td>${escapeHtml(e.detail)}</td><td>${escapeHtml(best(e.best))}</td></tr>`,
    )
    .join('\n');
  const t = report.totals;
  const x = report.expected;
  const json = JSON.stringify(report).replace(/</g, '\\u003c');
  const timelineSvg = svg(
    drillTimelineChartOption(report.timeline, { lanes: LANES, seconds: '演练秒 drill s' }),
    960,
    200,
  );
  const responseSvg = svg(
    drillResponseChartOption(report.alerts, {
      response: '到场用时 response',
      target: '1-3-5 目标 target',
      seconds: 's',
    }),
  );
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>演练评估报告 Drill report — ${escapeHtml(report.scenarioId)}</title>
<style>body{font-family:"Noto Sans CJK SC",sans-serif;background:#0d1117;color:#c8d0dc;margin:24px}h1{color:#f0a020}h2{color:#f0a020;font-size:18px}table{border-collapse:collapse;width:100%;font-size:12px}td,th{border:1px solid #30363d;padding:4px 8px;text-align:left}th{background:#161b22}.score{font-size:40px;color:#f0a020}.met{color:#3fb950}.late{color:#f0883e}.missed{color:#f85149}.pending{color:#7a7f88}figure{margin:12px 0;break-inside:avoid}</style>
</head><body>
<h1>演练评估报告 · Drill after-action report</h1>
<p>演练 Drill: <b>${escapeHtml(report.scenarioId)}</b>${report.name ? ` — ${escapeHtml(report.name)}` : ''} · 生成 Generated ${escapeHtml(report.generatedAt)} · 演练时间 drill time ${clock(report.scenarioTime)}</p>
<p id="audit-head">审计日志头 Audit log head: ${report.auditHead ? `#${report.auditHead.seq} <code>${escapeHtml(report.auditHead.hash)}</code>` : '—'}</p>
<p class="score" id="score">${report.score === null ? '—' : report.score} / 100</p>
<p>警情处置 alerts ${report.alertScore ?? '—'} · 预期动作 expected actions ${x.score ?? '—'}</p>
<p>警情 alerts ${t.alerts} · 已受理 acknowledged ${t.acknowledged} · 已派警 dispatched ${t.dispatched} · 已到场 arrived ${t.arrived} · 1-3-5 达标 tiers met ${t.tiersMet}/${t.tiersJudged} · 漏项 missed steps ${t.missedSteps}</p>
<figure>${timelineSvg}<figcaption>时间线 Timeline (演练秒 drill seconds)</figcaption></figure>
<figure>${renderReportChartSvg(report)}<figcaption>派警用时与目标 Time to dispatch vs target (s)</figcaption></figure>
<figure>${responseSvg}<figcaption>到场用时与 1-3-5 目标 Response vs tier target per alert (s)</figcaption></figure>
<h2>预期动作 Expected actions — 达成 met ${x.met} · 迟到 late ${x.late} · 遗漏 missed ${x.missed} · 嫌疑人通过前封堵 exits closed in time ${x.cordonClosedInTime}/${x.cordonGaps}</h2>
<table id="expected"><thead><tr><th>类型 Kind</th><th>警情 Alert</th><th>最佳选择 Best choice</th><th>时限 Deadline</th><th>完成 Done</th><th>结果 Result</th></tr></thead>
<tbody>
${expected || '<tr><td colspan="6">—</td></tr>'}
</tbody></table>
<h2>警情 Alerts</h2>
<table><thead><tr><th>警情 Alert</th><th>级别</th><th>受理 ack / target</th><th>派警 dispatch / target</th><th>处警单位 Unit</th><th>ETA 所派/最优 sent/best</th><th>到场 response / tier</th><th>达标</th><th>漏项 Missed</th><th>得分 Score</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>时间线 Timeline</h2>
<table id="timeline"><thead><tr><th>演练时间 Time</th><th>类别 Lane</th><th>事件 Event</th><th>警情 Alert</th><th>详情 Detail</th><th>最佳选择 Best choice</th></tr></thead>
<tbody>
${timeline}
</tbody></table>
<p>评分公式见 docs/drills.md · Scoring formula: docs/drills.md</p>
<script type="application/json" id="drill-report-data">${json}</script>
</body></html>
`;
}
