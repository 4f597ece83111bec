// 通行追溯: who was checked at a checkpoint in a period (31 days at most); names and numbers come masked.
import { Button, DatePicker, Form, Switch, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/page-state.tsx';
import { useT } from '../../../i18n/i18n.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { tracePasses, type Pass } from '../checkpoints-api.ts';
import { checkpointMessages } from '../checkpoint-messages.ts';
import { ColourTag } from './colour-tag.tsx';

type Values = { period: [Dayjs, Dayjs]; passedOnly: boolean };
const PAGE = 20;

export const TraceForm = ({ checkpointId }: { checkpointId: number }) => {
  const t = useT(checkpointMessages);
  const [form] = Form.useForm<Values>();
  const [query, setQuery] = useState<{ from: string; to: string; passedOnly: boolean } | null>(null);
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<{ items: Pass[]; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = async (q: NonNullable<typeof query>, p: number) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await tracePasses(checkpointId, { ...q, limit: PAGE, offset: (p - 1) * PAGE }));
      setQuery(q);
      setPage(p);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const run = async () => {
    const v = await form.validateFields();
    await load({ from: v.period[0].toISOString(), to: v.period[1].toISOString(), passedOnly: v.passedOnly }, 1);
  };

  return (
    <div data-testid="trace">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('traceHint')}</Typography.Paragraph>
      <Form form={form} layout="inline" initialValues={{ period: [dayjs().subtract(1, 'day'), dayjs()], passedOnly: true }} style={{ rowGap: 8 }}>
        <Form.Item name="period" label={t('period')} rules={[
          { required: true, message: t('periodRequired') },
          { validator: (_, v?: [Dayjs, Dayjs]) => (v && v[1].diff(v[0], 'day', true) > 31 ? Promise.reject(new Error(t('tooLong'))) : Promise.resolve()) },
        ]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="MM-DD HH:mm" style={{ width: 280 }} />
        </Form.Item>
        <Form.Item name="passedOnly" label={t('passedOnly')} valuePropName="checked"><Switch size="small" /></Form.Item>
        <Form.Item><Button type="primary" onClick={run} loading={busy} data-testid="trace-run">{t('runTrace')}</Button></Form.Item>
      </Form>
      <ErrorAlert error={error} />
      {result && (
        <Table<Pass>
          rowKey="checkId"
          size="small"
          style={{ marginTop: 12 }}
          data-testid="trace-table"
          loading={busy}
          dataSource={result.items}
          locale={{ emptyText: t('noChecks') }}
          pagination={{ current: page, pageSize: PAGE, total: result.total, showSizeChanger: false, showTotal: (n) => t('traceTotal', { n }), onChange: (p) => query && load(query, p) }}
          columns={[
            { title: t('time'), dataIndex: 'at', width: 130, render: (v: string) => formatDateTime(v) },
            { title: t('name'), dataIndex: 'name', width: 70, render: (v: string | null) => v ?? '—' },
            { title: t('idNumber'), dataIndex: 'idNumber', width: 170, render: (v: string | null) => v ?? '—' },
            { title: t('phone'), dataIndex: 'phone', width: 110, render: (v: string | null) => v ?? '—' },
            { title: t('colour'), dataIndex: 'colour', width: 70, render: (c: Pass['colour']) => <ColourTag colour={c} /> },
            { title: t('result'), dataIndex: 'result', width: 90, render: (r: Pass['result']) => <Tag color={r === 'pass' ? 'green' : 'red'}>{t(`result.${r}`)}</Tag> },
          ]}
        />
      )}
    </div>
  );
};
