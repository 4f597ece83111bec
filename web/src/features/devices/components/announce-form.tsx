// 报备开门: why and for how long the door will open (from now or a later time), for a household a grid
// worker picked or, without one, the resident's own; and that household's recent announcements.
import { App, Button, Card, DatePicker, Empty, Form, Input, InputNumber, List, Radio, Space, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { Loading } from '../../../components/page-state.tsx';
import { useT } from '../../../i18n/i18n.ts';
import { formatDateTime, shanghaiDay } from '../../../lib/format.ts';
import { useApi } from '../../../lib/use-api.ts';
import { useSubmit } from '../../../lib/use-submit.ts';
import { announceOpening, listAnnouncements, REASONS, type Reason } from '../devices-api.ts';
import { deviceMessages } from '../device-messages.ts';

/** From – to, the end as a time only when on the same day (both formats end in HH:mm). */
const windowText = (from: string, to: string) =>
  `${formatDateTime(from)} – ${shanghaiDay(new Date(from)) === shanghaiDay(new Date(to)) ? formatDateTime(to).slice(-5) : formatDateTime(to)}`;

type Values = { reason: Reason; minutes: number; startsAt?: Dayjs | null; note?: string };

export const AnnounceForm = ({ householdId, onDone }: { householdId?: number; onDone: () => void }) => {
  const t = useT(deviceMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, run] = useSubmit();
  const submit = (v: Values) =>
    run(async () => {
      const a = await announceOpening({ householdId, reason: v.reason, minutes: v.minutes, startsAt: v.startsAt?.toISOString(), note: v.note?.trim() || undefined });
      message.success(t('announced', { from: formatDateTime(a.startsAt), to: formatDateTime(a.endsAt) }));
      form.resetFields();
      onDone();
    });
  return (
    <Form form={form} name="announce" layout="vertical" onFinish={submit} initialValues={{ reason: 'rubbish', minutes: 30 }} data-testid="announce-form">
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
  );
};

/** The household's announcements of the last day and those to come; `tick` reloads them. */
export const Announcements = ({ householdId, tick }: { householdId?: number; tick: number }) => {
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
