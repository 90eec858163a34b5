import type { StatsResult } from '../contract/statsContract';

/**
 * The statistics charts as ECharts options (docs/statistics.md). Plain data, so the renderer
 * (canvas, dark theme) and the report export (server-side SVG) draw the same charts.
 */
const TEXT = '#c8d0dc';
const axis = {
  axisLabel: { color: TEXT },
  nameTextStyle: { color: TEXT },
  splitLine: { lineStyle: { color: 'rgba(200,208,220,0.12)' } },
};

/** "0–1", "1–2", …, "10+" (minutes) for the response histogram's bins. */
export function binLabel(bin: StatsResult['histogram'][number]): string {
  const m = (s: number) => String(s / 60);
  return bin.toSeconds === null ? `${m(bin.fromSeconds)}+` : `${m(bin.fromSeconds)}–${m(bin.toSeconds)}`;
}

export function responseHistogramOption(
  histogram: StatsResult['histogram'],
  labels: { alerts: string; minutes: string },
) {
  return {
    animation: false,
    backgroundColor: 'transparent',
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 24, bottom: 40 },
    xAxis: { type: 'category', name: labels.minutes, data: histogram.map(binLabel), ...axis },
    yAxis: { type: 'value', name: labels.alerts, minInterval: 1, ...axis },
    series: [
      {
        name: labels.alerts,
        type: 'bar',
        barCategoryGap: '8%',
        // Green inside 3 minutes, amber to 5, red beyond: the 1-3-5 bands at a glance.
        data: histogram.map((b) => ({
          value: b.count,
          itemStyle: { color: b.fromSeconds < 180 ? '#3fb950' : b.fromSeconds < 300 ? '#d29922' : '#f85149' },
        })),
      },
    ],
  };
}

export function dailyTrendOption(daily: StatsResult['daily'], labels: { alerts: string; rate: string }) {
  return {
    animation: false,
    backgroundColor: 'transparent',
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [labels.alerts, labels.rate], textStyle: { color: TEXT } },
    grid: { left: 48, right: 48, top: 36, bottom: 40 },
    xAxis: { type: 'category', data: daily.map((d) => d.day.slice(5)), ...axis },
    yAxis: [
      { type: 'value', name: labels.alerts, minInterval: 1, ...axis },
      { type: 'value', name: labels.rate, min: 0, max: 100, ...axis, splitLine: { show: false } },
    ],
    series: [
      {
        name: labels.alerts,
        type: 'bar',
        data: daily.map((d) => d.alerts),
        itemStyle: { color: 'rgba(88,166,255,0.6)' },
      },
      {
        name: labels.rate,
        type: 'line',
        yAxisIndex: 1,
        connectNulls: false,
        data: daily.map((d) => (d.tierJudged ? Math.round((1000 * d.tierMet) / d.tierJudged) / 10 : null)),
        itemStyle: { color: '#3fb950' },
      },
    ],
  };
}
