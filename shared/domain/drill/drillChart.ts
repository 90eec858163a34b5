import type { DrillAlertScore } from './drillScoring';

const AXIS_TEXT = '#c8d0dc';
const MISSING = '#7a7f88';
const MET = '#3fb950';
const LATE = '#f0883e';
const TARGET = 'rgba(88,166,255,0.45)';

/**
 * One bar per alert (a measured time, coloured by its verdict) beside its target: the layout both
 * per-alert charts share.
 */
function perAlertBars(
  alerts: readonly DrillAlertScore[],
  labels: { measured: string; target: string; seconds: string },
  measured: (a: DrillAlertScore) => { seconds: number | null; colour: string },
  target: (a: DrillAlertScore) => number,
) {
  return {
    animation: false,
    backgroundColor: 'transparent',
    tooltip: { trigger: 'axis' },
    legend: { data: [labels.measured, labels.target], textStyle: { color: AXIS_TEXT } },
    grid: { left: 48, right: 16, top: 36, bottom: 72 },
    xAxis: {
      type: 'category',
      data: alerts.map((a) => a.alertId),
      axisLabel: { rotate: 30, color: AXIS_TEXT, fontSize: 10 },
    },
    yAxis: {
      type: 'value',
      name: labels.seconds,
      axisLabel: { color: AXIS_TEXT },
      nameTextStyle: { color: AXIS_TEXT },
    },
    series: [
      {
        name: labels.measured,
        type: 'bar',
        data: alerts.map((a) => {
          const m = measured(a);
          return { value: m.seconds ?? 0, itemStyle: { color: m.colour } };
        }),
      },
      { name: labels.target, type: 'bar', data: alerts.map(target), itemStyle: { color: TARGET } },
    ],
  };
}

/**
 * The after-action chart (time to dispatch per alert vs its target) as an ECharts option.
 * Plain data, so the renderer (canvas) and the HTML export (server-side SVG) draw the same chart.
 */
export function drillChartOption(
  alerts: readonly DrillAlertScore[],
  labels: { dispatch: string; target: string; seconds: string },
) {
  return perAlertBars(
    alerts,
    { measured: labels.dispatch, target: labels.target, seconds: labels.seconds },
    (a) => ({
      seconds: a.dispatchSeconds,
      colour:
        a.dispatchSeconds === null ? MISSING : a.dispatchSeconds <= a.dispatchTargetSeconds ? MET : LATE,
    }),
    (a) => a.dispatchTargetSeconds,
  );
}

/** Lanes of the timeline chart, top to bottom. */
export const TIMELINE_LANES = ['scenario', 'expected', 'action'] as const;
const STATUS_COLOURS: Record<string, string> = {
  met: '#3fb950',
  late: '#f0883e',
  missed: '#f85149',
  pending: '#7a7f88',
};

/**
 * The after-action timeline as an ECharts scatter: one lane each for the scenario's events, the
 * expected actions (coloured by status) and the trainee's steps, on the scenario clock (s).
 */
export function drillTimelineChartOption(
  timeline: readonly {
    t: number | null;
    kind: (typeof TIMELINE_LANES)[number];
    event: string;
    alertId: string | null;
    status: string | null;
  }[],
  labels: { lanes: Record<(typeof TIMELINE_LANES)[number], string>; seconds: string },
) {
  const placed = timeline.filter((e) => e.t !== null);
  return {
    animation: false,
    backgroundColor: 'transparent',
    tooltip: { trigger: 'item' },
    grid: { left: 96, right: 16, top: 16, bottom: 40 },
    xAxis: {
      type: 'value',
      name: labels.seconds,
      min: 0,
      axisLabel: { color: '#c8d0dc' },
      nameTextStyle: { color: '#c8d0dc' },
    },
    yAxis: {
      type: 'category',
      data: TIMELINE_LANES.map((l) => labels.lanes[l]),
      inverse: true,
      axisLabel: { color: '#c8d0dc' },
    },
    series: [
      {
        type: 'scatter',
        symbolSize: 10,
        data: placed.map((e) => ({
          value: [e.t, TIMELINE_LANES.indexOf(e.kind)],
          name: `${e.event}${e.alertId ? ` ${e.alertId}` : ''}`,
          itemStyle: {
            color: e.status ? STATUS_COLOURS[e.status] : e.kind === 'action' ? '#58a6ff' : '#f0a020',
          },
        })),
      },
    ],
  };
}

/** Per alert: response time of the first arrived unit against its 1-3-5 tier target (s). */
export function drillResponseChartOption(
  alerts: readonly DrillAlertScore[],
  labels: { response: string; target: string; seconds: string },
) {
  return perAlertBars(
    alerts,
    { measured: labels.response, target: labels.target, seconds: labels.seconds },
    (a) => ({
      seconds: a.responseSeconds,
      colour: a.responseSeconds === null ? MISSING : a.tierMet === false ? LATE : MET,
    }),
    (a) => a.tierTargetSeconds ?? 0,
  );
}
