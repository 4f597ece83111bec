// A page of events: number, category, what happened, state and deadline colour, where and when.
import { Table, Typography } from 'antd';
import { Link } from 'react-router';
import { DeadlineTag, StateTag } from '../../../components/event-tags.tsx';
import { useT } from '../../../i18n/i18n.ts';
import type { Page } from '../../../lib/api.ts';
import { formatDateTime, formatNumber } from '../../../lib/format.ts';
import { eventsMessages } from '../events-messages.ts';
import type { EventItem } from '../events-api.ts';

type Props = {
  page: Page<EventItem> | undefined;
  loading: boolean;
  offset: number;
  limit: number;
  onPage: (offset: number, limit: number) => void;
  basePath?: string;
};

export const EventTable = ({ page, loading, offset, limit, onPage, basePath = '/console/events' }: Props) => {
  const t = useT(eventsMessages);
  return (
    <Table<EventItem>
      rowKey="id"
      size="middle"
      data-testid="event-table"
      loading={loading}
      dataSource={page?.items ?? []}
      locale={{ emptyText: t('empty') }}
      pagination={{
        current: Math.floor(offset / limit) + 1,
        pageSize: limit,
        total: page?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        showTotal: (n) => (page?.totalCapped ? t('totalCapped', { n: formatNumber(n) }) : t('total', { n: formatNumber(n) })),
        onChange: (p, size) => onPage((p - 1) * size, size),
      }}
      columns={[
        { title: t('code'), dataIndex: 'code', width: 190, render: (code: string, e) => <Link to={`${basePath}/${e.id}`}>{code}</Link> },
        { title: t('category'), dataIndex: 'categoryName', width: 130 },
        { title: t('description'), dataIndex: 'description', ellipsis: true },
        { title: t('address'), dataIndex: 'address', width: 220, ellipsis: true, render: (a: string | null, e) => a ?? <Typography.Text type="secondary">{e.gridCode}</Typography.Text> },
        { title: t('state'), dataIndex: 'state', width: 100, render: (s: string) => <StateTag state={s} /> },
        { title: t('deadline'), dataIndex: 'deadline', width: 170, render: (d: string | null, e) => (d ? <><DeadlineTag colour={e.colour} /><span className="muted">{formatDateTime(d)}</span></> : '—') },
        { title: t('createdAt'), dataIndex: 'createdAt', width: 150, render: (d: string) => formatDateTime(d) },
      ]}
    />
  );
};
