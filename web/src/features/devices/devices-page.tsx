// 设备监测: the devices of the caller's area on a map (coloured by state, red with an open alert) and in
// a table, with counts per state and kind, refreshed every 5 s; a device opens in a drawer.
import { Alert, Card, Input, Segmented, Select, Space, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ErrorAlert } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { useSession } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { useEvery } from '../health/use-every.ts';
import { useGrids } from '../map/map-api.ts';
import { AreaName } from '../registry/components/area-name.tsx';
import { DeviceDrawer } from './components/device-drawer.tsx';
import { DeviceLegend } from './components/device-legend.tsx';
import { DeviceMap } from './components/device-map.tsx';
import { BindingText, MARKER, StatusTag } from './components/device-tags.tsx';
import { DEVICE_KINDS, DEVICE_STATUSES, listAllDevices, type Device, type DeviceCount, type DeviceKind, type DeviceStatus } from './devices-api.ts';
import { deviceMessages } from './device-messages.ts';

const sum = (counts: readonly DeviceCount[], where: (c: DeviceCount) => boolean) => counts.filter(where).reduce((n, c) => n + c.count, 0);

const Counts = ({ counts }: { counts: readonly DeviceCount[] }) => {
  const t = useT(deviceMessages);
  const figures: [string, number, string?][] = [
    [t('countTotal'), sum(counts, () => true)],
    [t('countOnline'), sum(counts, (c) => c.status === 'active'), MARKER.active],
    [t('countWaiting'), sum(counts, (c) => c.status === 'waiting'), MARKER.waiting],
    [t('countOffline'), sum(counts, (c) => c.status === 'offline'), MARKER.offline],
    [t('countRetired'), sum(counts, (c) => c.status === 'retired'), MARKER.retired],
  ];
  return (
    <Space size={12} wrap style={{ marginBottom: 12 }} data-testid="device-counts">
      {figures.map(([title, n, colour]) => (
        <Card key={title} size="small" style={{ minWidth: 120 }}>
          <Statistic title={title} value={n} formatter={(v) => formatNumber(Number(v))} styles={{ content: { color: colour, fontSize: 22 } }} />
        </Card>
      ))}
    </Space>
  );
};

export const DevicesPage = () => {
  const t = useT(deviceMessages);
  const { me } = useSession();
  const [kind, setKind] = useState<DeviceKind | 'all'>('all');
  const [status, setStatus] = useState<DeviceStatus | undefined>();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<Device | null>(null);
  const list = useApi(() => listAllDevices({ kind: kind === 'all' ? undefined : kind, status, q: q.trim() || undefined }), [kind, status, q]);
  useEvery(5_000, list.reload);
  // Grid outlines down to a county (about 1,400 grids), as on the zones page.
  const scope = me?.scope ?? '';
  const grids = useGrids(scope.length >= 6 ? scope : null);
  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const counts = list.data?.counts ?? [];
  const total = list.data?.total ?? 0;
  const unplaced = items.filter((d) => d.lng === null || d.lat === null).length;

  return (
    <>
      <div className="page-title">
        <h1>{t('devicesTitle')}</h1>
        <Typography.Text type="secondary">{t('autoRefresh')}</Typography.Text>
      </div>
      <ErrorAlert error={list.error ?? grids.error} onRetry={list.reload} />
      <Counts counts={counts} />
      {total > items.length && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('devicesCapped', { n: formatNumber(items.length), total: formatNumber(total) })} />}
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <Card size="small" style={{ flex: '1 1 720px', minWidth: 0 }}
          title={
            <Segmented<DeviceKind | 'all'> size="small" value={kind} onChange={setKind} data-testid="device-kind"
              options={[{ value: 'all', label: `${t('all')} ${formatNumber(sum(counts, () => true))}` },
                ...DEVICE_KINDS.map((k) => ({ value: k, label: `${t(`kind.${k}`)} ${formatNumber(sum(counts, (c) => c.kind === k))}` }))]} />
          }
          extra={
            <Space>
              <Select<DeviceStatus> allowClear size="small" style={{ width: 100 }} placeholder={t('status')} value={status} onChange={setStatus} data-testid="device-status"
                options={DEVICE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
              <Input.Search size="small" allowClear placeholder={t('searchDevices')} style={{ width: 180 }} onSearch={setQ} data-testid="device-search" />
            </Space>
          }>
          <Table<Device>
            rowKey="id"
            size="small"
            data-testid="devices-table"
            loading={list.loading && !list.data}
            dataSource={items}
            pagination={{ pageSize: 15, hideOnSinglePage: true, showSizeChanger: false }}
            onRow={(d) => ({ onClick: () => setOpen(d), style: { cursor: 'pointer' } })}
            rowClassName={(d) => (d.id === open?.id ? 'ant-table-row-selected' : '')}
            columns={[
              {
                title: t('deviceName'), dataIndex: 'name', ellipsis: true,
                render: (n: string, d) => <><a>{n}</a><div className="muted" style={{ fontSize: 12 }}><code>{d.serial}</code> · <AreaName code={d.gridCode} /></div></>,
              },
              { title: t('kind'), dataIndex: 'kind', width: 104, render: (k: DeviceKind) => t(`kind.${k}`) },
              { title: t('status'), dataIndex: 'status', width: 70, render: (s: DeviceStatus) => <StatusTag status={s} /> },
              { title: t('battery'), dataIndex: 'battery', width: 72, align: 'right', render: (b: number | null) => (b === null ? '—' : <span style={{ color: b < 20 ? '#cf1322' : undefined }}>{b}%</span>) },
              { title: t('lastSeen'), dataIndex: 'lastSeenAt', width: 132, render: (v: string | null) => formatDateTime(v) },
              { title: t('boundTo'), key: 'binding', width: 140, ellipsis: true, render: (_, d) => <BindingText d={d} /> },
              {
                title: t('alerts'), dataIndex: 'openAlerts', width: 60, align: 'right',
                render: (n: number) => <span style={{ color: n ? '#cf1322' : undefined, fontWeight: n ? 600 : undefined }}>{formatNumber(n)}</span>,
              },
            ]}
          />
        </Card>
        <Card size="small" title={t('devicesMap')} style={{ flex: '0 1 420px', minWidth: 340 }}
          extra={unplaced > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('noPosition', { n: unplaced })}</Typography.Text>}>
          <div style={{ position: 'relative', height: 560 }}>
            <DeviceMap grids={grids.items} devices={items} selected={open?.id ?? null} onSelect={(id) => setOpen(items.find((d) => d.id === id) ?? null)} />
            <DeviceLegend />
          </div>
        </Card>
      </div>
      <DeviceDrawer id={open?.id ?? null} title={open ? `${open.name} · ${open.serial}` : ''} onClose={() => setOpen(null)} />
    </>
  );
};
