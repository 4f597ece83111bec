// Received and closed events per day of the period, days without events included.
import { Card } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../../i18n/i18n.ts';
import { EChart, type ChartOption } from '../echart.tsx';
import { daysOf, type Overview, type Period } from '../stats-api.ts';
import { statsMessages } from '../stats-messages.ts';
import { COLOURS } from './chart-colours.ts';

export const ByDayChart = ({ overview, period }: { overview: Overview; period: Period }) => {
  const t = useT(statsMessages);
  // Labels as strings, so the option (and its animation) changes only with the data or the language.
  const [receivedLabel, closedLabel] = [t('received'), t('closed')];
  const option = useMemo((): ChartOption => {
    const days = daysOf(period);
    const byDay = new Map(overview.byDay.map((d) => [d.day, d]));
    return {
      color: [COLOURS.received, COLOURS.closed],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: days.map((d) => d.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: receivedLabel, type: 'bar', barMaxWidth: 16, data: days.map((d) => byDay.get(d)?.received ?? 0) },
        { name: closedLabel, type: 'line', symbolSize: 5, data: days.map((d) => byDay.get(d)?.closed ?? 0) },
      ],
    };
  }, [overview.byDay, period, receivedLabel, closedLabel]);
  return (
    <Card size="small" title={t('byDay')}>
      <EChart option={option} height={280} testId="overview-received" />
    </Card>
  );
};
