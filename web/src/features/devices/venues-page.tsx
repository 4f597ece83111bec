// 场所客流: each venue's people present against its capacity, live (every 5 s), red when over the
// crowd mark; registering a venue for those who manage devices.
import { Button, Card, Progress, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { can, useSession } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { useEvery } from '../health/use-every.ts';
import { AreaName } from '../registry/components/area-name.tsx';
import { VenueForm } from './components/venue-form.tsx';
import { listVenues, type Venue, type VenueKind } from './devices-api.ts';
import { venueMessages } from './venue-messages.ts';

const LoadBar = ({ v }: { v: Venue }) => (
  <div data-testid="venue-load" data-crowded={v.crowded}>
    <Progress
      percent={Math.min(100, Math.round(v.load * 100))}
      status={v.crowded ? 'exception' : 'normal'}
      strokeColor={v.crowded ? '#dc2626' : v.load >= 0.8 ? '#fa8c16' : '#16a34a'}
      format={() => `${formatNumber(v.occupancy)} / ${formatNumber(v.capacity)}`}
      size="small"
    />
  </div>
);

export const VenuesPage = () => {
  const t = useT(venueMessages);
  const { me } = useSession();
  const list = useApi(() => listVenues({ limit: 200 }), []);
  useEvery(5_000, list.reload);
  const [creating, setCreating] = useState(false);
  const items = list.data?.items ?? [];
  const crowded = items.filter((v) => v.crowded).length;
  return (
    <>
      <div className="page-title">
        <h1>{t('venuesTitle')}</h1>
        <Space size={16}>
          <Typography.Text type="secondary" data-testid="venue-summary">
            {t('venueCount', { n: formatNumber(list.data?.total ?? 0) })} · <span style={{ color: crowded ? '#cf1322' : undefined }}>{t('crowdedCount', { n: crowded })}</span> · {t('autoRefresh')}
          </Typography.Text>
          {can(me, 'device.manage') && <Button type="primary" onClick={() => setCreating(true)} data-testid="venue-create">{t('createVenue')}</Button>}
        </Space>
      </div>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card size="small">
        <Table<Venue>
          rowKey="id"
          size="small"
          data-testid="venues-table"
          loading={list.loading && !list.data}
          dataSource={items}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('noVenues') }}
          columns={[
            {
              title: t('venueName'), dataIndex: 'name',
              render: (n: string, v) => <><strong>{n}</strong>{v.crowded && <Tag color="red" style={{ marginLeft: 8 }}>{t('crowded')}</Tag>}<div className="muted" style={{ fontSize: 12, fontFamily: 'monospace' }}>{v.code}</div></>,
            },
            { title: t('kind'), dataIndex: 'kind', width: 96, render: (k: VenueKind) => t(`venueKind.${k}`) },
            { title: t('load'), key: 'load', width: 300, render: (_, v) => <LoadBar v={v} /> },
            { title: t('occupancyAt'), dataIndex: 'occupancyAt', width: 140, render: (v: string | null) => formatDateTime(v) },
            { title: t('counters'), dataIndex: 'counters', width: 72, align: 'right', render: (n: number) => formatNumber(n) },
            { title: t('grid'), dataIndex: 'gridCode', width: 170, ellipsis: true, render: (c: string) => <AreaName code={c} /> },
            { title: t('managerUnit'), key: 'unit', width: 150, ellipsis: true, render: (_, v) => v.managerUnit?.name ?? '—' },
          ]}
        />
      </Card>
      <VenueForm open={creating} onClose={() => setCreating(false)} onDone={() => { setCreating(false); list.reload(); }} />
    </>
  );
};
