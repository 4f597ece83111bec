// Every event in the caller's reach, with the API's filters kept in the URL (shareable, bookmarkable).
import { Button, Card, DatePicker, Form, Input, Select, Space, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { useApi } from '../../lib/use-api.ts';
import { EventTable } from './components/event-table.tsx';
import { eventsMessages } from './events-messages.ts';
import { getCatalogue, listEvents } from './events-api.ts';

const STATES = ['reported', 'accepted', 'dispatched', 'signed', 'handling', 'returned', 'feedback', 'verified', 'closed', 'rejected', 'merged'];
const CHANNELS = ['grid_patrol', 'resident', 'hotline_12345', 'police_110', 'device', 'risk_warning', 'screening', 'risk_zone', 'checkin', 'upstream', 'leader'];
const FILTERS = ['state', 'category', 'channel', 'q', 'from', 'to', 'overdue', 'area', 'unit'] as const;

type Filters = { state?: string[]; category?: string; channel?: string; q?: string; period?: [Dayjs, Dayjs] | null; overdue?: boolean };

export const EventListPage = () => {
  const t = useT(eventsMessages);
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Filters>();
  const catalogue = useApi(getCatalogue, []);
  const offset = Number(params.get('offset') ?? 0);
  const limit = Number(params.get('limit') ?? 20);
  const query = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined]));
  const events = useApi(() => listEvents({ ...query, limit, offset }), [params.toString()]);

  const apply = (f: Filters) => {
    const next: Record<string, string> = {};
    if (f.state?.length) next.state = f.state.join(',');
    if (f.category) next.category = f.category;
    if (f.channel) next.channel = f.channel;
    if (f.q?.trim()) next.q = f.q.trim();
    if (f.period) [next.from, next.to] = [f.period[0].startOf('day').toISOString(), f.period[1].endOf('day').toISOString()];
    if (f.overdue) next.overdue = 'true';
    setParams(next);
  };
  const initial: Filters = {
    state: params.get('state')?.split(',').filter(Boolean),
    category: params.get('category') ?? undefined,
    channel: params.get('channel') ?? undefined,
    q: params.get('q') ?? undefined,
    period: params.get('from') && params.get('to') ? [dayjs(params.get('from')), dayjs(params.get('to'))] : null,
    overdue: params.get('overdue') === 'true',
  };

  return (
    <>
      <div className="page-title"><h1>{t('events')}</h1></div>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form form={form} layout="inline" initialValues={initial} onFinish={apply} data-testid="event-filters">
          <Form.Item name="state" label={t('state')}>
            <Select mode="multiple" allowClear style={{ minWidth: 200 }} maxTagCount={2} options={STATES.map((s) => ({ value: s, label: t(`state.${s}`) }))} />
          </Form.Item>
          <Form.Item name="category" label={t('category')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 160 }} loading={catalogue.loading} options={(catalogue.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))} />
          </Form.Item>
          <Form.Item name="channel" label={t('channel')}>
            <Select allowClear style={{ width: 130 }} options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
          </Form.Item>
          <Form.Item name="q" label={t('text')}>
            <Input allowClear style={{ width: 160 }} maxLength={50} />
          </Form.Item>
          <Form.Item name="period" label={t('period')}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item name="overdue" label={t('overdueOnly')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">{t('search')}</Button>
            <Button onClick={() => { form.setFieldsValue({ state: [], category: undefined, channel: undefined, q: undefined, period: null, overdue: false }); setParams({}); }}>{t('reset')}</Button>
          </Space>
        </Form>
      </Card>
      <ErrorAlert error={events.error} onRetry={events.reload} />
      <Card size="small">
        <EventTable
          page={events.data}
          loading={events.loading}
          offset={offset}
          limit={limit}
          onPage={(o, l) => setParams((p) => { p.set('offset', String(o)); p.set('limit', String(l)); return p; })}
        />
      </Card>
    </>
  );
};
