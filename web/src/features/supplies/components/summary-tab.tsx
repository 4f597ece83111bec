// 配送统计: delivered against requested per grid or per risk zone, as bars (the 30 largest) and a table.
import { Card, Segmented, Table } from 'antd';
import { useMemo, useState } from 'react';
import { Loading } from '../../../components/page-state.tsx';
import { useT } from '../../../i18n/i18n.ts';
import { formatNumber, formatPercent } from '../../../lib/format.ts';
import { useApi } from '../../../lib/use-api.ts';
import { EChart, type ChartOption } from '../../stats/echart.tsx';
import { getSummary, type SummaryRow } from '../supplies-api.ts';
import { supplyMessages } from '../supply-messages.ts';

type By = 'grid' | 'zone';
const BARS = 30;
const COLOURS = { requested: '#fa8c16', delivered: '#16a34a' };

const SummaryChart = ({ rows }: { rows: readonly SummaryRow[] }) => {
  const t = useT(supplyMessages);
  const [requestedLabel, deliveredLabel] = [t('requestedQty'), t('deliveredQty')];
  const option = useMemo((): ChartOption => {
    const top = [...rows].sort((a, b) => b.requestedQty - a.requestedQty).slice(0, BARS);
    return {
      color: [COLOURS.requested, COLOURS.delivered],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 44, right: 16, top: 36, bottom: top.length > 8 ? 72 : 28 },
      xAxis: { type: 'category', data: top.map((r) => r.name), axisLabel: { interval: 0, rotate: top.length > 8 ? 30 : 0, width: 100, overflow: 'truncate' } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: requestedLabel, type: 'bar', barMaxWidth: 18, data: top.map((r) => r.requestedQty) },
        { name: deliveredLabel, type: 'bar', barMaxWidth: 18, data: top.map((r) => r.deliveredQty) },
      ],
    };
  }, [rows, requestedLabel, deliveredLabel]);
  return <EChart option={option} height={300} testId="supply-chart" />;
};

export const SummaryTab = ({ tick }: { tick: number }) => {
  const t = useT(supplyMessages);
  const [by, setBy] = useState<By>('grid');
  const summary = useApi(() => getSummary(by), [by, tick]);
  return (
    <>
      <Segmented<By> value={by} onChange={setBy} style={{ marginBottom: 12 }} data-testid="summary-by"
        options={[{ value: 'grid', label: t('byGrid') }, { value: 'zone', label: t('byZone') }]} />
      <Loading state={summary}>
        {({ items }) => (
          <>
            {items.length > 0 && <Card size="small" title={t('chart')} style={{ marginBottom: 12 }}><SummaryChart rows={items} /></Card>}
            <Table<SummaryRow>
              rowKey="key"
              size="small"
              data-testid="summary-table"
              dataSource={items}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: by === 'grid' ? t('grid') : t('zone'), dataIndex: 'name', ellipsis: true },
                { title: t('requests'), dataIndex: 'requests', width: 100, align: 'right', render: formatNumber, sorter: (a, b) => a.requests - b.requests },
                { title: t('deliveredRequests'), dataIndex: 'deliveredRequests', width: 100, align: 'right', render: formatNumber },
                { title: t('requestedQty'), dataIndex: 'requestedQty', width: 110, align: 'right', render: formatNumber, sorter: (a, b) => a.requestedQty - b.requestedQty },
                { title: t('deliveredQty'), dataIndex: 'deliveredQty', width: 110, align: 'right', render: formatNumber },
                {
                  title: t('deliveryRate'), key: 'rate', width: 100, align: 'right',
                  render: (_, r) => (r.requestedQty ? formatPercent(r.deliveredQty / r.requestedQty) : '—'),
                  sorter: (a, b) => (a.requestedQty ? a.deliveredQty / a.requestedQty : 0) - (b.requestedQty ? b.deliveredQty / b.requestedQty : 0),
                },
              ]}
            />
          </>
        )}
      </Loading>
    </>
  );
};
