// Closure and on-time rate of each area one level down; clicking a bar or a name opens that area.
import { Card, Typography } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../../i18n/i18n.ts';
import { formatPercent } from '../../../lib/format.ts';
import { EChart, type ChartClick, type ChartOption } from '../echart.tsx';
import type { Overview } from '../stats-api.ts';
import { statsMessages } from '../stats-messages.ts';
import { COLOURS } from './chart-colours.ts';

type Props = { overview: Overview; onDrill: (code: string) => void };

export const ChildrenChart = ({ overview, onDrill }: Props) => {
  const t = useT(statsMessages);
  const { children } = overview;
  // Labels as strings, so the option (and its animation) changes only with the data or the language.
  const [closureRateLabel, onTimeRateLabel] = [t('closureRate'), t('onTimeRate')];
  const option = useMemo((): ChartOption => {
    const percent = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
    return {
      color: [COLOURS.closureRate, COLOURS.onTimeRate],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (typeof v === 'number' ? formatPercent(v / 100) : '—') },
      legend: { top: 0 },
      grid: { left: 44, right: 16, top: 36, bottom: children.length > 8 ? 64 : 28 },
      xAxis: {
        type: 'category', data: children.map((c) => c.name), triggerEvent: true,
        axisLabel: { interval: 0, rotate: children.length > 8 ? 30 : 0, width: children.length > 8 ? 90 : 160, overflow: 'truncate' },
      },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: closureRateLabel, type: 'bar', barMaxWidth: 18, data: children.map((c) => percent(c.closureRate)), cursor: 'pointer' },
        { name: onTimeRateLabel, type: 'bar', barMaxWidth: 18, data: children.map((c) => percent(c.onTimeRate)), cursor: 'pointer' },
      ],
    };
  }, [children, closureRateLabel, onTimeRateLabel]);
  const click = (e: ChartClick) => {
    const child = e.componentType === 'xAxis' ? children.find((c) => c.name === e.value) : children[e.dataIndex];
    if (child) onDrill(child.code);
  };
  return (
    <Card size="small" title={t('byChild')} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('byChildHint')}</Typography.Text>}>
      <EChart option={option} height={280} onClick={click} testId="overview-children-chart" />
    </Card>
  );
};
