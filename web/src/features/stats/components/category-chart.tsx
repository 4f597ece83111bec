// The ten most received categories of the period, with how many were closed.
import { Card, Empty } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../../i18n/i18n.ts';
import { EChart, type ChartOption } from '../echart.tsx';
import type { Overview } from '../stats-api.ts';
import { statsMessages } from '../stats-messages.ts';
import { COLOURS } from './chart-colours.ts';

export const CategoryChart = ({ overview }: { overview: Overview }) => {
  const t = useT(statsMessages);
  // Labels as strings, so the option (and its animation) changes only with the data or the language.
  const [receivedLabel, closedLabel] = [t('received'), t('closed')];
  const option = useMemo((): ChartOption => {
    const rows = [...overview.byCategory].reverse(); // the largest at the top
    return {
      color: [COLOURS.received, COLOURS.closed],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 36, bottom: 8 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((c) => c.name), axisLabel: { width: 96, overflow: 'truncate' } },
      series: [
        { name: receivedLabel, type: 'bar', barMaxWidth: 12, data: rows.map((c) => c.received) },
        { name: closedLabel, type: 'bar', barMaxWidth: 12, data: rows.map((c) => c.closed) },
      ],
    };
  }, [overview.byCategory, receivedLabel, closedLabel]);
  return (
    <Card size="small" title={t('byCategory')} data-testid="overview-categories">
      {overview.byCategory.length ? <EChart option={option} height={280} /> : <Empty style={{ height: 248, paddingTop: 60 }} description={t('empty')} />}
    </Card>
  );
};
