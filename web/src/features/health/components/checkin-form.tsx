// 每日健康打卡: temperature and symptoms for today; staff also pick the person's day when entering it
// later from the paper sheet (up to 30 days back), and may add a note. A person's check-ins: the days
// each measure still misses, and the recent readings.
import { App, Alert, Button, Card, Checkbox, DatePicker, Empty, Form, Input, InputNumber, List, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useT } from '../../../i18n/i18n.ts';
import { shanghaiDay } from '../../../lib/format.ts';
import { useSubmit } from '../../../lib/use-submit.ts';
import { Link } from 'react-router';
import { BACKFILL_DAYS, recordCheckin, SYMPTOMS, type CheckinEvent, type CheckinSummary, type Symptom } from '../checkins-api.ts';
import { checkinMessages } from '../checkin-messages.ts';
import type { Colour } from '../health-api.ts';

type Values = { temperature: number; symptoms?: Symptom[]; day?: Dayjs | null; note?: string };

/**
 * Without `personId`, the resident's own check-in for today. Staff: `missing` days are marked in the
 * day picker, and `day` is preset (the first missing day of an ended period, where today is no use).
 */
export const CheckinForm = ({ personId, missing = [], day, onDone }: { personId?: number; missing?: string[]; day?: string; onDone: (colour: Colour) => void }) => {
  const t = useT(checkinMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, run] = useSubmit();
  const staff = personId !== undefined;
  // The preset day arrives with the person's days, after the form is shown.
  useEffect(() => form.setFieldValue('day', day ? dayjs(day) : null), [form, day]);
  const submit = (v: Values) =>
    run(async () => {
      const r = await recordCheckin({
        personId, temperature: v.temperature, symptoms: v.symptoms ?? [], day: v.day ? v.day.format('YYYY-MM-DD') : undefined, note: v.note?.trim() || undefined,
      });
      const colour = t(`colour.${r.colour}`);
      const { event, wantsEvent } = r.checkin;
      const said = !wantsEvent ? t('recorded', { colour })
        : !staff ? t('recordedUnwell', { colour })
        : event ? t('recordedEvent', { colour, code: event.code }) : t('recordedEventPending', { colour });
      message.success(said);
      form.resetFields();
      form.setFieldValue('day', null);
      onDone(r.colour);
    });
  return (
    <Form form={form} name="checkin" layout="vertical" onFinish={submit} initialValues={{ symptoms: [] }} data-testid="checkin-form">
      <Form.Item name="temperature" label={t('temperature')} rules={[{ required: true, message: t('temperatureRequired') }]}>
        <InputNumber min={34} max={43} step={0.1} precision={1} inputMode="decimal" style={{ width: 140 }} data-testid="checkin-temperature" />
      </Form.Item>
      <Form.Item name="symptoms" label={t('symptoms')} extra={t('noSymptoms')}>
        <Checkbox.Group options={SYMPTOMS.map((s) => ({ value: s, label: t(`symptom.${s}`) }))} />
      </Form.Item>
      {staff && (
        <Space align="start" wrap>
          <Form.Item name="day" label={t('day')} extra={t('dayHint')}>
            <DatePicker inputReadOnly style={{ width: 150 }} data-testid="checkin-day"
              disabledDate={(d) => { const today = dayjs(shanghaiDay(new Date())); return d.isAfter(today, 'day') || d.isBefore(today.subtract(BACKFILL_DAYS, 'day'), 'day'); }}
              cellRender={(d, info) => info.type === 'date' && missing.includes(dayjs(d).format('YYYY-MM-DD'))
                ? <div className="ant-picker-cell-inner" style={{ color: '#d97706', fontWeight: 600 }}>{dayjs(d).date()}</div> : info.originNode} />
          </Form.Item>
          <Form.Item name="note" label={t('note')}>
            <Input maxLength={200} style={{ width: 180 }} />
          </Form.Item>
        </Space>
      )}
      <Button type="primary" size="large" block htmlType="submit" loading={busy} data-testid="checkin-submit">{t(staff ? 'submitFor' : 'submit')}</Button>
    </Form>
  );
};

const shortDays = (days: string[]) => days.slice(0, 6).map((d) => d.slice(5)).join('、') + (days.length > 6 ? ' …' : '');

/** The event a check-in opened: a link for staff (`eventPath`), a word for the resident. */
export const CheckinEventTag = ({ event, eventPath }: { event: CheckinEvent | null; eventPath?: (id: number) => string }) => {
  const t = useT(checkinMessages);
  if (!event) return null;
  if (!eventPath) return <Tag color="volcano">{t('eventNotified')}</Tag>;
  return <Link to={eventPath(event.id)} onClick={(e) => e.stopPropagation()} data-testid="checkin-event"><Tag color="volcano">{t('eventTag', { code: event.code })}</Tag></Link>;
};

/** Each measure's missing days, and the recent check-ins with what they reported (staff: `eventPath` links their events). */
export const CheckinDays = ({ summary, eventPath }: { summary: CheckinSummary; eventPath?: (id: number) => string }) => {
  const t = useT(checkinMessages);
  return (
    <>
      {summary.measures.map((m) => (
        <Alert key={`${m.kind}${m.startDate}`} style={{ marginBottom: 8 }} showIcon type={m.missing.length ? 'warning' : 'success'} data-testid="checkin-measure"
          title={t('measure', { kind: t(`measure.${m.kind}`), from: m.startDate, to: m.endDate })}
          description={m.missing.length ? t('missing', { n: m.missing.length, days: shortDays(m.missing) }) : t(m.active ? 'allDoneSoFar' : 'allDone')} />
      ))}
      <Card size="small" title={t('recent')}>
        {summary.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('none')} /> : (
          <List size="small" dataSource={summary.items} data-testid="checkins"
            renderItem={(c) => (
              <List.Item data-testid="checkin" data-day={c.day}>
                <Space wrap size={4}>
                  <span style={{ fontVariantNumeric: 'tabular-nums' }}>{c.day.slice(5)}</span>
                  <Tag color={c.fever ? 'red' : 'green'}>{c.temperature.toFixed(1)}℃</Tag>
                  {c.symptoms.map((s) => <Tag key={s} color="orange">{t(`symptom.${s}`)}</Tag>)}
                  <CheckinEventTag event={c.event} eventPath={eventPath} />
                  <span className="muted" style={{ fontSize: 12 }}>{c.bySelf ? t('bySelf') : t('byStaff', { name: c.recordedBy })}{c.note ? ` · ${c.note}` : ''}</span>
                </Space>
              </List.Item>
            )} />
        )}
      </Card>
    </>
  );
};
