// Every figure of each area one level down; a name opens that area.
import { Card, Table, Typography } from 'antd';
import { useT } from '../../../i18n/i18n.ts';
import { formatNumber, formatPercent } from '../../../lib/format.ts';
import type { Overview } from '../stats-api.ts';
import { statsMessages } from '../stats-messages.ts';

type Child = Overview['children'][number];

export const ChildrenTable = ({ overview, onDrill }: { overview: Overview; onDrill: (code: string) => void }) => {
  const t = useT(statsMessages);
  const num = (k: 'received' | 'closed' | 'escalated') => ({
    key: k, title: t(k), dataIndex: k, align: 'right' as const, render: (v: number) => formatNumber(v), sorter: (a: Child, b: Child) => a[k] - b[k],
  });
  const pct = (k: 'closureRate' | 'onTimeRate' | 'satisfactionRate') => ({
    key: k, title: t(k), dataIndex: k, align: 'right' as const, render: (v: number | null) => formatPercent(v), sorter: (a: Child, b: Child) => (a[k] ?? -1) - (b[k] ?? -1),
  });
  return (
    <Card size="small" title={t('children')} data-testid="overview-children">
      <Table<Child>
        size="small"
        tableLayout="fixed"
        rowKey="code"
        dataSource={overview.children}
        pagination={overview.children.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        columns={[
          {
            key: 'name', title: t('area'), dataIndex: 'name', ellipsis: true, width: 150,
            render: (name: string, c) => <Typography.Link onClick={() => onDrill(c.code)} title={name}>{name}</Typography.Link>,
          },
          num('received'), num('closed'), pct('closureRate'), pct('onTimeRate'),
          { key: 'avg', title: t('avgHandlingHours'), dataIndex: 'avgHandlingHours', align: 'right', render: (v: number | null) => (v === null ? '—' : t('hours', { n: formatNumber(v) })) },
          num('escalated'), pct('satisfactionRate'),
        ]}
      />
    </Card>
  );
};
