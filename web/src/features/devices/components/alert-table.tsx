// Device alerts as a table: what fired, where from, how often, and the event it became (a link to it).
import { Table, Tag } from 'antd';
import type { TablePaginationConfig } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../../i18n/i18n.ts';
import { formatDateTime, formatNumber } from '../../../lib/format.ts';
import { AreaName } from '../../registry/components/area-name.tsx';
import type { Alert } from '../devices-api.ts';
import { deviceMessages } from '../device-messages.ts';
import { AlertKindTag } from './device-tags.tsx';

type Props = {
  alerts: readonly Alert[];
  loading?: boolean;
  /** In a device's drawer the source and the grid go without saying. */
  compact?: boolean;
  pagination?: TablePaginationConfig | false;
  testId?: string;
};

export const AlertTable = ({ alerts, loading, compact = false, pagination = false, testId = 'alerts-table' }: Props) => {
  const t = useT(deviceMessages);
  return (
    <Table<Alert>
      rowKey="id"
      size="small"
      data-testid={testId}
      loading={loading}
      dataSource={alerts as Alert[]}
      pagination={pagination}
      locale={{ emptyText: t('noAlerts') }}
      columns={[
        {
          title: t('lastAt'), dataIndex: 'lastAt', width: 140,
          render: (v: string, a: Alert) => <>{formatDateTime(v)}{a.occurrences > 1 && <div className="muted" style={{ fontSize: 12 }}>{t('firstAt')} {formatDateTime(a.firstAt)}</div>}</>,
        },
        { title: t('alertKind'), dataIndex: 'kind', width: 100, render: (k: Alert['kind']) => <AlertKindTag kind={k} /> },
        { title: t('message'), dataIndex: 'message', ellipsis: { showTitle: true } },
        ...(compact ? [] : [
          {
            title: t('source'), key: 'source', width: 200, ellipsis: true,
            render: (_: unknown, a: Alert) => <>{a.device?.name ?? a.venue?.name ?? '—'}<div className="muted" style={{ fontSize: 12 }}><AreaName code={a.gridCode} /></div></>,
          },
        ]),
        { title: t('occurrences'), dataIndex: 'occurrences', width: 64, align: 'right' as const, render: (n: number) => formatNumber(n) },
        {
          title: t('status'), dataIndex: 'status', width: 110,
          render: (s: Alert['status'], a: Alert) => (
            <>
              <Tag color={s === 'open' ? 'processing' : 'success'}>{t(`alertStatus.${s}`)}</Tag>
              {a.clearedAt && s === 'open' && <Tag>{t('cleared')}</Tag>}
            </>
          ),
        },
        {
          title: t('event'), key: 'event', width: 170,
          render: (_: unknown, a: Alert) => a.event
            ? <>
                {a.event.openable
                  ? <Link to={`/console/events/${a.event.id}`} data-testid="alert-event">{a.event.code ?? `#${a.event.id}`}</Link>
                  : <span data-testid="alert-event-closed" title={t('eventNotYours')}>{a.event.code ?? `#${a.event.id}`}</span>}
                {a.event.state && <div className="muted" style={{ fontSize: 12 }}>{t(`state.${a.event.state}`)}</div>}
              </>
            : a.eventFailure
              ? (
                <span data-testid="alert-event-failure" title={a.eventFailure.reason}>
                  <Tag color="error">{t('eventFailed')}</Tag>
                  <div className="muted" style={{ fontSize: 12 }}>{a.eventFailure.reason}</div>
                  {a.eventFailure.nextAttemptAt && <div className="muted" style={{ fontSize: 12 }}>{t('nextAttempt')} {formatDateTime(a.eventFailure.nextAttemptAt)}</div>}
                </span>
              )
              : <span className="muted">{t('noEvent')}</span>,
        },
      ]}
    />
  );
};
