import type { DrillAlertScore } from './drillScoring';

/**
 * The after-action chart (time to dispatch per alert vs its target) as an ECharts option.
 * Plain data, so the renderer (canvas) and the HTML export (server-side SVG) draw the same chart.
 */
export function drillChartOption(alerts: readonly DrillAlertScore[], labels: { dispatch: string; target: string; seconds: string }) {
  return {
    animation: false,
    backgroundColor: 'transparent',
    tooltip: { trigger: 'axis' },
    legend: { data: [labels.dispatch, labels.target], textStyle: { color: '#c8d0dc' } },
    grid: { left: 48, right: 16, top: 36, bottom: 72 },
    xAxis: { type: 'category', data: alerts.map((a) => a.alertId), axisLabel: { rotate: 30, color: '#c8d0dc', fontSize: 10 } },
    yAxis: { type: 'value', name: labels.seconds, axisLabel: { color: '#c8d0dc' }, nameTextStyle: { color: '#c8d0dc' } },
    series: [
      {
        name: labels.dispatch,
        type: 'bar',
        data: alerts.map((a) => ({
          value: a.dispatchSeconds ?? 0,
          itemStyle: { color: a.dispatchSeconds === null ? '#7a7f88' : a.dispatchSeconds <= a.dispatchTargetSeconds ? '#3fb950' : '#f0883e' },
        })),
      },
      { name: labels.target, type: 'bar', data: alerts.map((a) => a.dispatchTargetSeconds), itemStyle: { color: 'rgba(88,166,255,0.45)' } },
    ],
  };
}
