// One person to verify: who and where (as upstream sent it), a call button, and the outcome form.
import { ArrowLeftOutlined, PhoneOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, Radio, Select, Space, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router';
import { Loading } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { getCatalogue, getTask, verifyTask } from './screening-api.ts';
import { screeningMessages } from './screening-messages.ts';

type Values = { outcome: string; measure?: string; period?: [Dayjs, Dayjs]; note?: string };

export const FieldScreeningTaskPage = () => {
  const t = useT(screeningMessages);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const task = useApi(() => getTask(id), [id]);
  const catalogue = useApi(getCatalogue, []);
  const [form] = Form.useForm<Values>();
  const outcome = Form.useWatch('outcome', form);
  const needsMeasure = catalogue.data?.outcomes.find((o) => o.code === outcome)?.needsMeasure ?? false;
  const submit = async (v: Values) => {
    try {
      await verifyTask(id, {
        outcome: v.outcome, note: v.note,
        ...(needsMeasure && { measure: v.measure, measureStart: v.period?.[0].format('YYYY-MM-DD'), measureEnd: v.period?.[1].format('YYYY-MM-DD') }),
      });
      message.success(t('saved'));
      task.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('back')} />
        <Typography.Title level={4} style={{ margin: 0 }}>{t('screening')}</Typography.Title>
      </Space>
      <Loading state={task}>
        {(x) => (
          <>
            <Card size="small" style={{ marginBottom: 12 }} data-testid="screening-task">
              <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                <Typography.Text strong>{x.name}</Typography.Text>
                <Tag color={x.state === 'overdue' ? 'red' : x.state === 'verified' ? 'green' : 'blue'}>{t(`state.${x.state}`)}</Tag>
              </Space>
              <Descriptions column={1} size="small" style={{ marginTop: 8 }}>
                <Descriptions.Item label={t('idNumber')}>{x.idNumber}</Descriptions.Item>
                <Descriptions.Item label={t('phone')}>
                  {x.phone && <a href={`tel:${x.phone}`}><PhoneOutlined /> {x.phone}</a>}
                </Descriptions.Item>
                <Descriptions.Item label={t('address')}>{x.address ?? x.gridCode}</Descriptions.Item>
                <Descriptions.Item label={t('reason')}>{x.batch.reason}</Descriptions.Item>
                <Descriptions.Item label={t('deadline')}>{formatDateTime(x.deadline)}</Descriptions.Item>
              </Descriptions>
            </Card>
            {x.allowedActions.includes('verify') ? (
              <Card size="small" style={{ marginBottom: 12 }} title={t('outcome')}>
                <Form form={form} layout="vertical" onFinish={submit} data-testid="screening-verify-form">
                  <Form.Item name="outcome" rules={[{ required: true, message: t('outcomeRequired') }]}>
                    <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }} options={(catalogue.data?.outcomes ?? []).map((o) => ({ value: o.code, label: o.label }))} />
                  </Form.Item>
                  {needsMeasure && (
                    <>
                      <Form.Item name="measure" label={t('measure')} rules={[{ required: true, message: t('measureRequired') }]}>
                        <Select options={(catalogue.data?.measures ?? []).map((m) => ({ value: m.code, label: m.label }))} />
                      </Form.Item>
                      <Form.Item name="period" label={t('measurePeriod')} rules={[{ required: true, message: t('measureRequired') }]}>
                        <DatePicker.RangePicker style={{ width: '100%' }} inputReadOnly />
                      </Form.Item>
                    </>
                  )}
                  <Form.Item name="note" label={t('note')}>
                    <Input.TextArea rows={2} maxLength={500} />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" block>{t('verify')}</Button>
                </Form>
              </Card>
            ) : (
              x.outcome && (
                <Card size="small" style={{ marginBottom: 12 }}>
                  <Descriptions column={1} size="small">
                    <Descriptions.Item label={t('outcome')}>{catalogue.data?.outcomes.find((o) => o.code === x.outcome)?.label ?? x.outcome}</Descriptions.Item>
                    {x.measure && <Descriptions.Item label={t('measure')}>{catalogue.data?.measures.find((m) => m.code === x.measure)?.label} {x.measureStart} ~ {x.measureEnd}</Descriptions.Item>}
                    {x.note && <Descriptions.Item label={t('note')}>{x.note}</Descriptions.Item>}
                  </Descriptions>
                </Card>
              )
            )}
            <Card size="small" title={t('original')} style={{ marginBottom: 12 }}>
              <Descriptions column={1} size="small">
                {Object.entries(x.cells).filter(([, v]) => v).map(([k, v]) => <Descriptions.Item key={k} label={k}>{v}</Descriptions.Item>)}
              </Descriptions>
            </Card>
            {x.history.length > 0 && (
              <Card size="small" title={t('history')}>
                <Timeline items={x.history.map((h) => ({ content: <>{formatDateTime(h.at)} · {h.actorName} · {t(`action.${h.action}`)}{h.note ? `：${h.note}` : ''}</> }))} />
              </Card>
            )}
          </>
        )}
      </Loading>
    </>
  );
};
