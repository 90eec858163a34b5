import type { DrillAlertScore } from './drillScoring';

/**
 * The after-action chart (time to dispatch per alert vs its target) as an ECharts option.
 * Plain data, so the renderer (canvas) and the HTML export (server-side SVG) draw the same chart.
 */
export function drillChartOption(
  alerts: readonly DrillAlertScore[],
  labels: { dispatch: string; target: string; seconds: string },
) {
  return {
    animation: false,
    backgroundColor: 'transparent',
    tooltip: { trigger: 'axis' },
    legend: { data: [labels.dispatch, labels.target], textStyle: { color: '#c8d0dc' } },
    grid: { left: 48, right: 16, top: 36, bottom: 72 },
    xAxis: {
      type: 'category',
      data: alerts.map((a) => a.alertId),
      axisLabel: { rotate: 30, color: '#c8d0dc', fontSize: 10 },
    },
    yAxis: {
      type: 'value',
      name: labels.seconds,
      axisLabel: { color: '#c8d0dc' },
      nameTextStyle: { color: '#c8d0dc' },
    },
    series: [
      {
        name: labels.dispatch,
        type: 'bar',
        data: alerts.map((a) => ({
          value: a.dispatchSeconds ?? 0,
          itemStyle: {
            color:
              a.dispatchSeconds === null
                ? '#7a7f88'
                : a.dispatchSeconds <= a.dispatchTargetSeconds
                  ? '#3fb950'
                  : '#f0883e',
          },
        })),
      },
      {
        name: labels.target,
        type: 'bar',
        data: alerts.map((a) => a.dispatchTargetSeconds),
        itemStyle: { color: 'rgba(88,166,255,0.45)' },
      },
    ],
  };
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
  return {
    animation: false,
    backgroundColor: 'transparent',
    tooltip: { trigger: 'axis' },
    legend: { data: [labels.response, labels.target], textStyle: { color: '#c8d0dc' } },
    grid: { left: 48, right: 16, top: 36, bottom: 72 },
    xAxis: {
      type: 'category',
      data: alerts.map((a) => a.alertId),
      axisLabel: { rotate: 30, color: '#c8d0dc', fontSize: 10 },
    },
    yAxis: {
      type: 'value',
      name: labels.seconds,
      axisLabel: { color: '#c8d0dc' },
      nameTextStyle: { color: '#c8d0dc' },
    },
    series: [
      {
        name: labels.response,
        type: 'bar',
        data: alerts.map((a) => ({
          value: a.responseSeconds ?? 0,
          itemStyle: {
            color: a.responseSeconds === null ? '#7a7f88' : a.tierMet === false ? '#f0883e' : '#3fb950',
          },
        })),
      },
      {
        name: labels.target,
        type: 'bar',
        data: alerts.map((a) => a.tierTargetSeconds ?? 0),
        itemStyle: { color: 'rgba(88,166,255,0.45)' },
      },
    ],
  };
}
