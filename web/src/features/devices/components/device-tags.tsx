// The colours of a device's state and of an alert, the same on the map, in the tables and in the drawer.
import { Tag } from 'antd';
import { useT } from '../../../i18n/i18n.ts';
import type { AlertKind, Device, DeviceStatus } from '../devices-api.ts';
import { deviceMessages } from '../device-messages.ts';

/** Marker fills: an open alert outranks the state, so a device that needs someone shows red. */
export const MARKER = { alert: '#dc2626', active: '#16a34a', waiting: '#60a5fa', offline: '#9ca3af', retired: '#4b5563' } as const;
export const markerOf = (d: Pick<Device, 'status' | 'openAlerts'>) => (d.openAlerts > 0 ? MARKER.alert : MARKER[d.status]);

const STATUS_TAGS: Record<DeviceStatus, string> = { active: 'success', waiting: 'processing', offline: 'default', retired: 'default' };
const ALERT_TAGS: Record<AlertKind, string> = { violation: 'red', maintenance: 'orange', crowd: 'volcano' };

export const StatusTag = ({ status }: { status: DeviceStatus }) => {
  const t = useT(deviceMessages);
  return <Tag color={STATUS_TAGS[status]} data-status={status}>{t(`status.${status}`)}</Tag>;
};

export const AlertKindTag = ({ kind }: { kind: AlertKind }) => {
  const t = useT(deviceMessages);
  return <Tag color={ALERT_TAGS[kind]}>{t(`alert.${kind}`)}</Tag>;
};

/** What a device is bound to, in a few words. */
export const BindingText = ({ d }: { d: Pick<Device, 'measure' | 'venue' | 'checkpoint'> }) => {
  const t = useT(deviceMessages);
  if (d.measure) return <>{d.measure.personName} · {d.measure.kind ? t(`measure.${d.measure.kind}`) : t('measure')}</>;
  if (d.venue) return <>{d.venue.name ?? `#${d.venue.id}`}</>;
  if (d.checkpoint) return <>{d.checkpoint.name ?? `#${d.checkpoint.id}`}</>;
  return <span className="muted">{t('unbound')}</span>;
};
