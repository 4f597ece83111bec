// 设备告警: the alerts the device rules raised in the caller's area, by kind and by whether their event
// is closed, newest first; each links to the event it became in the closed loop.
import { Card, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { formatNumber } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { useEvery } from '../health/use-every.ts';
import { AlertTable } from './components/alert-table.tsx';
import { ALERT_KINDS, listAlerts, type AlertKind } from './devices-api.ts';
import { deviceMessages } from './device-messages.ts';

type Status = 'open' | 'resolved' | 'all';
const PAGE = 50;

export const AlertsPage = () => {
  const t = useT(deviceMessages);
  const [kind, setKind] = useState<AlertKind | 'all'>('all');
  const [status, setStatus] = useState<Status>('open');
  const [page, setPage] = useState(1);
  const list = useApi(
    () => listAlerts({ kind: kind === 'all' ? undefined : kind, status: status === 'all' ? undefined : status, limit: PAGE, offset: (page - 1) * PAGE }),
    [kind, status, page],
  );
  useEvery(5_000, list.reload);
  const filter = <T,>(set: (v: T) => void) => (v: T) => (set(v), setPage(1));
  return (
    <>
      <div className="page-title">
        <h1>{t('alertsTitle')}</h1>
        <Typography.Text type="secondary">{t('autoRefresh')}</Typography.Text>
      </div>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card size="small"
        title={
          <Space wrap>
            <Segmented<AlertKind | 'all'> size="small" value={kind} onChange={filter(setKind)} data-testid="alert-kind"
              options={[{ value: 'all', label: t('all') }, ...ALERT_KINDS.map((k) => ({ value: k, label: t(`alert.${k}`) }))]} />
            <Segmented<Status> size="small" value={status} onChange={filter(setStatus)} data-testid="alert-status"
              options={[{ value: 'open', label: t('alertStatus.open') }, { value: 'resolved', label: t('alertStatus.resolved') }, { value: 'all', label: t('all') }]} />
          </Space>
        }
        extra={list.data && <Typography.Text type="secondary">{t('total', { n: formatNumber(list.data.total) })}</Typography.Text>}>
        <AlertTable
          alerts={list.data?.items ?? []}
          loading={list.loading && !list.data}
          pagination={{ current: page, pageSize: PAGE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
        />
      </Card>
    </>
  );
};
