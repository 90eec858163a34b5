import { describe, expect, it } from 'vitest';
import { drillResponseChartOption, drillTimelineChartOption } from './drillChart';

describe('drill charts', () => {
  it('puts timeline entries in their lane at their scenario time, expected ones coloured by status, unplaced ones left out', () => {
    const option = drillTimelineChartOption(
      [
        { t: 5, kind: 'scenario', event: 'alert', alertId: 'A1', status: null },
        { t: 65, kind: 'expected', event: 'dispatch', alertId: 'A1', status: 'missed' },
        { t: 30, kind: 'action', event: 'dispatch', alertId: 'A1', status: null },
        { t: null, kind: 'action', event: 'acknowledge', alertId: 'A1', status: null },
      ],
      { lanes: { scenario: 'S', expected: 'E', action: 'A' }, seconds: 's' },
    );
    const data = option.series[0]!.data;
    expect(data.map((d) => d.value)).toEqual([
      [5, 0],
      [65, 1],
      [30, 2],
    ]);
    expect(data[1]!.itemStyle.color).toBe('#f85149');
    expect(option.yAxis.data).toEqual(['S', 'E', 'A']);
  });

  it('draws response against the tier target per alert', () => {
    const option = drillResponseChartOption(
      [{ alertId: 'A1', responseSeconds: 200, tierTargetSeconds: 180, tierMet: false } as never],
      { response: 'r', target: 't', seconds: 's' },
    );
    expect(option.series[0]!.data[0]).toMatchObject({ value: 200, itemStyle: { color: '#f0883e' } });
    expect(option.series[1]!.data).toEqual([180]);
  });
});
