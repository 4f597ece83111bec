// What the dot colours mean, over the map's corner.
import type { CSSProperties } from 'react';
import { useT } from '../../../i18n/i18n.ts';
import { deviceMessages } from '../device-messages.ts';
import { MARKER } from './device-tags.tsx';

const BOX: CSSProperties = {
  position: 'absolute', left: 12, bottom: 12, zIndex: 500, padding: '6px 12px', background: 'rgba(255,255,255,0.94)', borderRadius: 8,
  boxShadow: '0 1px 4px rgba(0,0,0,0.15)', fontSize: 12, lineHeight: '22px',
};
const Dot = ({ colour }: { colour: string }) => (
  <span style={{ display: 'inline-block', width: 12, height: 12, borderRadius: '50%', background: colour, border: '2px solid #fff', boxShadow: '0 0 0 1px #d1d5db', marginRight: 6, verticalAlign: -1 }} />
);

export const DeviceLegend = () => {
  const t = useT(deviceMessages);
  return (
    <div style={BOX} data-testid="device-legend">
      <div><Dot colour={MARKER.active} />{t('legendOnline')}</div>
      <div><Dot colour={MARKER.waiting} />{t('legendWaiting')}</div>
      <div><Dot colour={MARKER.offline} />{t('legendOffline')}</div>
      <div><Dot colour={MARKER.alert} />{t('legendAlert')}</div>
    </div>
  );
};
