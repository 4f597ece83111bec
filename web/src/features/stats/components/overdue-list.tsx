// The events past their deadline right now (whatever the period), each linked to its page.
import { Card, Table } from 'antd';
import { Link } from 'react-router';
import { StateTag } from '../../../components/event-tags.tsx';
import { Loading } from '../../../components/page-state.tsx';
import { useT } from '../../../i18n/i18n.ts';
import { withQuery } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useApi } from '../../../lib/use-api.ts';
import { listOverdue, type OverdueEvent } from '../stats-api.ts';
import { statsMessages } from '../stats-messages.ts';

export const OverdueList = ({ area }: { area: string }) => {
  const t = useT(statsMessages);
  const overdue = useApi(() => listOverdue(area), [area]);
  const more = overdue.data && overdue.data.total > overdue.data.items.length;
  return (
    <Card
      size="small"
      title={overdue.data ? `${t('overdue')} · ${t('total', { n: overdue.data.total })}` : t('overdue')}
      extra={more && <Link to={withQuery('/console/events', { overdue: 'true', area })}>{t('overdueAll')}</Link>}
      data-testid="overview-overdue"
    >
      <Loading state={overdue}>
        {(page) => (
          <Table<OverdueEvent>
            size="small"
            rowKey="id"
            dataSource={page.items}
            pagination={false}
            scroll={{ y: 236 }}
            columns={[
              { key: 'code', title: t('eventCode'), dataIndex: 'code', width: 164, render: (code: string, e) => <Link to={`/console/events/${e.id}`}>{code}</Link> },
              { key: 'category', title: t('category'), dataIndex: 'categoryName', ellipsis: true },
              { key: 'state', title: t('state'), dataIndex: 'state', width: 78, render: (s: string) => <StateTag state={s} /> },
              { key: 'deadline', title: t('deadline'), dataIndex: 'deadline', width: 140, render: (d: string | null) => <span style={{ color: '#cf1322', whiteSpace: 'nowrap' }}>{formatDateTime(d)}</span> },
            ]}
          />
        )}
      </Loading>
    </Card>
  );
};
