// One device: what it is and what it is bound to, its last reading, its recent alerts, and (for those
// who manage devices) the binding form. Refreshed with the page, every 5 s.
import { Descriptions, Drawer, Tabs } from 'antd';
import { Loading } from '../../../components/page-state.tsx';
import { useT } from '../../../i18n/i18n.ts';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { can, useSession } from '../../../lib/session.tsx';
import { useApi } from '../../../lib/use-api.ts';
import { useEvery } from '../../health/use-every.ts';
import { AreaName } from '../../registry/components/area-name.tsx';
import { getDevice, type DeviceDetail, type Reading } from '../devices-api.ts';
import { deviceMessages } from '../device-messages.ts';
import { AlertTable } from './alert-table.tsx';
import { BindingForm } from './binding-form.tsx';
import { BindingText, StatusTag } from './device-tags.tsx';

const ReadingView = ({ r }: { r: Reading | null }) => {
  const t = useT(deviceMessages);
  if (!r) return <span className="muted">{t('noReading')}</span>;
  return (
    <Descriptions size="small" column={3} bordered data-testid="device-reading">
      {r.at && <Descriptions.Item label={t('reading.at')}>{formatDateTime(r.at)}</Descriptions.Item>}
      {r.battery !== undefined && <Descriptions.Item label={t('reading.battery')}>{r.battery}%</Descriptions.Item>}
      {r.door && <Descriptions.Item label={t('reading.door')}>{t(`door.${r.door}`)}</Descriptions.Item>}
      {r.tamper !== undefined && <Descriptions.Item label={t('reading.tamper')}><span style={{ color: r.tamper ? '#cf1322' : undefined }}>{r.tamper ? t('tampered') : t('intact')}</span></Descriptions.Item>}
      {r.entered !== undefined && <Descriptions.Item label={t('reading.entered')}>{r.entered}</Descriptions.Item>}
      {r.left !== undefined && <Descriptions.Item label={t('reading.left')}>{r.left}</Descriptions.Item>}
    </Descriptions>
  );
};

const Facts = ({ d }: { d: DeviceDetail }) => {
  const t = useT(deviceMessages);
  return (
    <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }} data-testid="device-facts">
      <Descriptions.Item label={t('serial')}><code>{d.serial}</code></Descriptions.Item>
      <Descriptions.Item label={t('kind')}>{t(`kind.${d.kind}`)}</Descriptions.Item>
      <Descriptions.Item label={t('status')}><StatusTag status={d.status} /></Descriptions.Item>
      <Descriptions.Item label={t('battery')}>{d.battery === null ? '—' : `${d.battery}%`}</Descriptions.Item>
      <Descriptions.Item label={t('lastSeen')}>{formatDateTime(d.lastSeenAt)}</Descriptions.Item>
      <Descriptions.Item label={t('grid')}><AreaName code={d.gridCode} /></Descriptions.Item>
      <Descriptions.Item label={t('address')} span={2}>{d.address ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('boundTo')} span={2}>
        <BindingText d={d} />
        {d.measure && <span className="muted"> · {formatDate(d.measure.startDate)} – {formatDate(d.measure.endDate)}</span>}
      </Descriptions.Item>
    </Descriptions>
  );
};

const Body = ({ id }: { id: number }) => {
  const t = useT(deviceMessages);
  const { me } = useSession();
  const detail = useApi(() => getDevice(id), [id]);
  useEvery(5_000, detail.reload);
  return (
    <Loading state={detail}>
      {(d) => (
        <>
          <Facts d={d} />
          <Tabs
            items={[
              { key: 'reading', label: t('lastReading'), children: <ReadingView r={d.lastReading} /> },
              { key: 'alerts', label: `${t('recentAlerts')} (${d.alerts.length})`, children: <AlertTable alerts={d.alerts} compact testId="device-alerts" /> },
              ...(can(me, 'device.manage') && d.status !== 'retired'
                ? [{ key: 'binding', label: t('binding'), children: <BindingForm key={d.id} device={d} onDone={detail.reload} /> }]
                : []),
            ]}
          />
        </>
      )}
    </Loading>
  );
};

export const DeviceDrawer = ({ id, title, onClose }: { id: number | null; title: string; onClose: () => void }) => (
  <Drawer open={id !== null} onClose={onClose} size={760} title={title} destroyOnHidden data-testid="device-drawer">
    {id !== null && <Body key={id} id={id} />}
  </Drawer>
);
