// A resident follows a report by its tracking number and the last digits of their phone, and rates the result.
import { Alert, Button, Card, Descriptions, Form, Input, Radio, Space, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { StateTag } from '../../components/event-tags.tsx';
import { ErrorAlert } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { publicMessages } from './public-messages.ts';
import { ratePublic, trackPublic, type Tracked } from './public-api.ts';
import { PublicShell } from './public-shell.tsx';

const RateForm = ({ code, phone, onRated }: { code: string; phone: string; onRated: (t: Tracked) => void }) => {
  const t = useT(publicMessages);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { satisfied: boolean; note?: string }) => {
    setBusy(true);
    try {
      onRated(await ratePublic(code, { phone, satisfied: v.satisfied, note: v.note?.trim() || undefined }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('rateTitle')} style={{ marginTop: 12 }} data-testid="rate-form">
      <Form layout="vertical" onFinish={submit} initialValues={{ satisfied: true }}>
        <Form.Item name="satisfied">
          <Radio.Group options={[{ value: true, label: t('satisfied') }, { value: false, label: t('unsatisfied') }]} />
        </Form.Item>
        <Form.Item name="note" label={t('rateNote')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <ErrorAlert error={error} />
        <Button type="primary" htmlType="submit" loading={busy}>{t('submit')}</Button>
      </Form>
    </Card>
  );
};

const Progress = ({ r, phone, onChange }: { r: Tracked; phone: string; onChange: (t: Tracked) => void }) => {
  const t = useT(publicMessages);
  return (
    <Card style={{ marginTop: 12 }} data-testid="tracked-event">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('code')}>{r.code}</Descriptions.Item>
        <Descriptions.Item label={t('category')}>{r.categoryName}</Descriptions.Item>
        <Descriptions.Item label={t('state')}><StateTag state={r.state} /></Descriptions.Item>
        <Descriptions.Item label={t('description')}>{r.description}</Descriptions.Item>
        {r.address && <Descriptions.Item label={t('address')}>{r.address}</Descriptions.Item>}
        <Descriptions.Item label={t('reportedAt')}>{formatDateTime(r.createdAt)}</Descriptions.Item>
        {r.closedAt && <Descriptions.Item label={t('closedAt')}>{formatDateTime(r.closedAt)}</Descriptions.Item>}
      </Descriptions>
      <Typography.Title level={5}>{t('progress')}</Typography.Title>
      <Timeline
        items={r.steps.map((s) => ({
          content: (
            <div>
              <Space size={6}><Typography.Text strong>{t(`action.${s.action}`)}</Typography.Text><Typography.Text type="secondary">{formatDateTime(s.at)}</Typography.Text></Space>
              {s.note && <div>{s.note}</div>}
            </div>
          ),
        }))}
      />
      {r.canRate && <RateForm code={r.code} phone={phone} onRated={onChange} />}
      {!r.canRate && r.satisfied !== null && r.state === 'closed' && <Alert type="success" showIcon title={r.satisfied ? t('ratedSatisfied') : t('ratedUnsatisfied')} />}
      {!r.canRate && r.satisfied === false && r.state !== 'closed' && <Alert type="info" showIcon title={t('ratedUnsatisfied')} />}
    </Card>
  );
};

export const PublicTrackPage = () => {
  const t = useT(publicMessages);
  const navigate = useNavigate();
  const { code: codeParam } = useParams();
  const [params] = useSearchParams();
  const [form] = Form.useForm<{ code: string; phone: string }>();
  const [result, setResult] = useState<Tracked | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [phone, setPhone] = useState('');

  const lookup = async (v: { code: string; phone: string }) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await trackPublic(v.code.trim(), v.phone));
      setPhone(v.phone);
      if (codeParam !== v.code.trim()) navigate(`/public/track/${v.code.trim()}`, { replace: true });
    } catch (e) {
      setResult(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  // A link from the report page carries both: look it up at once.
  useEffect(() => {
    const tail = params.get('phone');
    if (codeParam && tail) void lookup({ code: codeParam, phone: tail });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <PublicShell title={t('trackTitle')}>
      <Card>
        <Form form={form} layout="vertical" onFinish={lookup} initialValues={{ code: codeParam ?? '', phone: params.get('phone') ?? '' }} requiredMark={false} data-testid="track-form">
          <Form.Item name="code" label={t('code')} rules={[{ required: true, whitespace: true, message: t('codeRequired') }]}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="phone" label={t('phoneTail')} rules={[{ required: true, pattern: /^\d{4}$/, message: t('phoneTailRequired') }]}>
            <Input inputMode="numeric" maxLength={4} style={{ width: 140 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>{t('lookup')}</Button>
        </Form>
        <div style={{ marginTop: 12 }}><ErrorAlert error={error} /></div>
      </Card>
      {result && <Progress r={result} phone={phone} onChange={setResult} />}
      <p style={{ textAlign: 'center', marginTop: 16 }}><Link to="/public">{t('toReport')}</Link></p>
    </PublicShell>
  );
};
