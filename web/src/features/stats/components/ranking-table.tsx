// Areas one level down or departments ranked by one figure (考核), best first.
import { Card, Segmented, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/page-state.tsx';
import { useT } from '../../../i18n/i18n.ts';
import { formatNumber, formatPercent } from '../../../lib/format.ts';
import { useApi } from '../../../lib/use-api.ts';
import { getRanking, METRICS, type Figures, type Metric, type Period, type RankBy, type Ranking } from '../stats-api.ts';
import { statsMessages } from '../stats-messages.ts';

type Row = Ranking['items'][number];

export const RankingTable = ({ area, period }: { area: string; period: Period }) => {
  const t = useT(statsMessages);
  const [by, setBy] = useState<RankBy>('area');
  const [metric, setMetric] = useState<Metric>('closureRate');
  const ranking = useApi(() => getRanking(area, period, by, metric), [area, period.from, period.to, by, metric]);
  const show = (m: Metric, f: Figures) =>
    m === 'received' ? formatNumber(f.received) : m === 'avgHandlingHours' ? (f.avgHandlingHours === null ? '—' : t('hours', { n: formatNumber(f.avgHandlingHours) })) : formatPercent(f[m]);
  return (
    <Card
      size="small"
      title={t('ranking')}
      data-testid="overview-ranking"
      extra={
        <Space>
          <Segmented<RankBy> size="small" value={by} onChange={setBy} options={[{ value: 'area', label: t('byArea') }, { value: 'unit', label: t('byUnit') }]} />
          <Select<Metric> size="small" value={metric} onChange={setMetric} style={{ width: 140 }} options={METRICS.map((m) => ({ value: m, label: t(m) }))} aria-label={t('metric')} />
        </Space>
      }
    >
      <ErrorAlert error={ranking.error} onRetry={ranking.reload} />
      <Table<Row>
        size="small"
        rowKey="code"
        loading={ranking.loading}
        dataSource={ranking.data?.items ?? []}
        pagination={(ranking.data?.items.length ?? 0) > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small' } : false}
        columns={[
          { key: 'rank', title: t('rank'), dataIndex: 'rank', width: 64 },
          { key: 'name', title: t('name'), dataIndex: 'name', ellipsis: true },
          { key: 'value', title: t(metric), align: 'right', render: (_, r) => <strong>{show(metric, r.figures)}</strong> },
          ...(['received', 'closureRate'] as const).filter((m) => m !== metric).map((m) => ({ key: m, title: t(m), align: 'right' as const, render: (_: unknown, r: Row) => show(m, r.figures) })),
        ]}
      />
    </Card>
  );
};
