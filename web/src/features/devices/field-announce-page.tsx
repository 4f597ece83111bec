// 报备开门 on a phone: the grid's observed households with a door sensor; pick one, say why and for how
// long the door will open (from now or a later time), and see that household's recent announcements.
import { App, Button, Card, DatePicker, Empty, Form, Input, InputNumber, List, Radio, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Loading } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { formatDate, formatDateTime, shanghaiDay } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { AreaName } from '../registry/components/area-name.tsx';
import { StatusTag } from './components/device-tags.tsx';
import { announceOpening, listAnnouncements, listObservedHouseholds, REASONS, type ObservedHousehold, type Reason } from './devices-api.ts';
import { deviceMessages } from './device-messages.ts';

/** From – to, the end as a time only when on the same day (both formats end in HH:mm). */
const windowText = (from: string, to: string) =>
  `${formatDateTime(from)} – ${shanghaiDay(new Date(from)) === shanghaiDay(new Date(to)) ? formatDateTime(to).slice(-5) : formatDateTime(to)}`;

type Values = { reason: Reason; minutes: number; startsAt?: Dayjs | null; note?: string };

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

const Announcements = ({ householdId, tick }: { householdId: number; tick: number }) => {
  const t = useT(deviceMessages);
  const list = useApi(() => listAnnouncements(householdId), [householdId, tick]);
  return (
    <Card size="small" title={t('recentAnnouncements')} style={{ marginTop: 12 }}>
      <Loading state={list}>
        {({ items }) => items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noAnnouncements')} /> : (
          <List size="small" dataSource={items} data-testid="announcements"
            renderItem={(a) => (
              <List.Item>
                <div>
                  <Tag color="blue">{t(`reason.${a.reason}`)}</Tag>
                  <div style={{ fontVariantNumeric: 'tabular-nums', marginTop: 4 }}>{windowText(a.startsAt, a.endsAt)}</div>
                  {a.note && <div className="muted" style={{ fontSize: 12 }}>{a.note}</div>}
                </div>
              </List.Item>
            )} />
        )}
      </Loading>
    </Card>
  );
};

export const FieldAnnouncePage = () => {
  const t = useT(deviceMessages);
  const { message } = App.useApp();
  const households = useApi(() => listObservedHouseholds(), []);
  const [chosen, setChosen] = useState<ObservedHousehold | null>(null);
  const [tick, setTick] = useState(0);
  const [form] = Form.useForm<Values>();
  const [busy, run] = useSubmit();

  const submit = (v: Values) =>
    run(async () => {
      const a = await announceOpening({ householdId: chosen!.householdId, reason: v.reason, minutes: v.minutes, startsAt: v.startsAt?.toISOString(), note: v.note?.trim() || undefined });
      message.success(t('announced', { from: formatDateTime(a.startsAt), to: formatDateTime(a.endsAt) }));
      form.resetFields();
      setTick((n) => n + 1);
    });

  return (
    <div data-testid="field-announce">
      <h2 style={{ margin: '4px 0 12px' }}>{t('announceTitle')}</h2>
      {chosen ? (
        <>
          <HouseholdCard h={chosen} active />
          <Button block onClick={() => setChosen(null)} style={{ marginBottom: 12 }}>{t('change')}</Button>
          <Card size="small">
            <Form form={form} layout="vertical" onFinish={submit} initialValues={{ reason: 'rubbish', minutes: 30 }} data-testid="announce-form">
              <Form.Item name="reason" label={t('reason')} rules={[{ required: true }]}>
                <Radio.Group optionType="button" buttonStyle="solid" options={REASONS.map((r) => ({ value: r, label: t(`reason.${r}`) }))} />
              </Form.Item>
              <Space align="start" wrap>
                <Form.Item name="minutes" label={t('minutes')} extra={t('minutesHint')} rules={[{ required: true }]}>
                  <InputNumber min={5} max={240} step={5} precision={0} style={{ width: 120 }} />
                </Form.Item>
                <Form.Item name="startsAt" label={t('startsAt')} extra={t('startsNow')}>
                  <DatePicker showTime={{ format: 'HH:mm' }} format="MM-DD HH:mm" inputReadOnly style={{ width: 170 }} />
                </Form.Item>
              </Space>
              <Form.Item name="note" label={t('note')}>
                <Input maxLength={200} />
              </Form.Item>
              <Button type="primary" size="large" block htmlType="submit" loading={busy} data-testid="announce-submit">{t('announce')}</Button>
            </Form>
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
