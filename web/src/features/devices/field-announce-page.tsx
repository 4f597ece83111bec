// 报备开门 on a phone: the grid's observed households with a door sensor; pick one, say why and for how
// long the door will open (from now or a later time), and see that household's recent announcements.
import { Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Loading } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { formatDate } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { AreaName } from '../registry/components/area-name.tsx';
import { StatusTag } from './components/device-tags.tsx';
import { AnnounceForm, Announcements } from './components/announce-form.tsx';
import { listObservedHouseholds, type ObservedHousehold } from './devices-api.ts';
import { deviceMessages } from './device-messages.ts';

const HouseholdCard = ({ h, onClick, active }: { h: ObservedHousehold; onClick?: () => void; active?: boolean }) => {
  const t = useT(deviceMessages);
  return (
    <Card size="small" className="event-card" hoverable={!!onClick} onClick={onClick} data-testid="observed-household" data-household={h.householdId}
      style={active ? { borderColor: '#1d4ed8' } : undefined}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text strong>{h.personName} <span className="muted" style={{ fontWeight: 400 }}>· {t('head')} {h.headName}</span></Typography.Text>
        <Tag color="orange">{t(`measure.${h.measure.kind}`)}</Tag>
      </Space>
      <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{h.address ?? <AreaName code={h.gridCode} />}</Typography.Text></div>
      <div style={{ fontSize: 12, marginTop: 2 }}>
        {t('sensor')} <code>{h.device.serial}</code> <StatusTag status={h.device.status} /> <span className="muted">{t('until', { date: formatDate(h.measure.endDate) })}</span>
      </div>
    </Card>
  );
};

export const FieldAnnouncePage = () => {
  const t = useT(deviceMessages);
  const households = useApi(() => listObservedHouseholds(), []);
  const [chosen, setChosen] = useState<ObservedHousehold | null>(null);
  const [tick, setTick] = useState(0);
  return (
    <div data-testid="field-announce">
      <h2 style={{ margin: '4px 0 12px' }}>{t('announceTitle')}</h2>
      {chosen ? (
        <>
          <HouseholdCard h={chosen} active />
          <Button block onClick={() => setChosen(null)} style={{ marginBottom: 12 }}>{t('change')}</Button>
          <Card size="small">
            <AnnounceForm householdId={chosen.householdId} onDone={() => setTick((n) => n + 1)} />
          </Card>
          <Announcements householdId={chosen.householdId} tick={tick} />
        </>
      ) : (
        <>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>{t('pickHousehold')}</Typography.Text>
          <Loading state={households}>
            {({ items }) => items.length === 0 ? <Empty description={t('noObserved')} /> : items.map((h) => <HouseholdCard key={h.householdId} h={h} onClick={() => setChosen(h)} />)}
          </Loading>
        </>
      )}
    </div>
  );
};
