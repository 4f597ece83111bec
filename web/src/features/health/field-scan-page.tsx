// 扫码核验 on a phone: choose the checkpoint (remembered), then scan a resident's code with the rear
// camera, type or paste it (a scanner gun types too), or enter an ID number at a face gate; the
// verdict fills the screen, and a person who says their colour is wrong can appeal through the staff.
import { CameraOutlined } from '@ant-design/icons';
import { Button, Form, Input, Segmented, Select } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { useApi } from '../../lib/use-api.ts';
import { listCheckpoints } from './checkpoints-api.ts';
import { checkpointMessages } from './checkpoint-messages.ts';
import { AppealForm } from './components/appeal-form.tsx';
import { QrScanner } from './components/qr-scanner.tsx';
import { ScanResult } from './components/scan-result.tsx';
import { verifyCode, type Verdict } from './health-api.ts';

type Mode = 'qr' | 'id';
const KEY = 'zhili.checkpoint';
const ID_NUMBER = /^\d{17}[\dXx]$/;

export const FieldScanPage = () => {
  const t = useT(checkpointMessages);
  const checkpoints = useApi(() => listCheckpoints({ limit: 200, staffed: true }), []);
  const [checkpoint, setCheckpoint] = useState<string | undefined>(() => localStorage.getItem(KEY) ?? undefined);
  const [mode, setMode] = useState<Mode>('qr');
  const [camera, setCamera] = useState(false);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ token?: string; idNumber?: string }>();
  const active = (checkpoints.data?.items ?? []).filter((c) => c.active);
  const chosen = active.find((c) => c.code === checkpoint)?.code;

  const choose = (code: string) => {
    setCheckpoint(code);
    localStorage.setItem(KEY, code);
  };
  const check = async (body: { token?: string; idNumber?: string }) => {
    if (!chosen) return setError(new Error(t('pickCheckpoint')));
    setBusy(true);
    setError(null);
    setVerdict(null);
    try {
      setVerdict(await verifyCode({ checkpoint: chosen, ...body }));
      form.resetFields();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = async () => {
    const v = await form.validateFields();
    await check(mode === 'qr' ? { token: v.token!.trim() } : { idNumber: v.idNumber!.trim().toUpperCase() });
  };
  const next = () => {
    setVerdict(null);
    setError(null);
  };

  return (
    <div data-testid="field-scan">
      <h2 style={{ margin: '4px 0 12px' }}>{t('scan')}</h2>
      <ErrorAlert error={checkpoints.error} onRetry={checkpoints.reload} />
      <Select
        size="large"
        style={{ width: '100%', marginBottom: 12 }}
        placeholder={t('pickCheckpoint')}
        loading={checkpoints.loading}
        value={chosen}
        onChange={choose}
        notFoundContent={t('noCheckpoints')}
        showSearch={{ optionFilterProp: 'label' }}
        options={active.map((c) => ({ value: c.code, label: c.name }))}
        data-testid="scan-checkpoint"
      />
      {verdict ? (
        <>
          <ScanResult verdict={verdict} />
          {/* The person says the colour is wrong: the appeal goes to the street with this check. */}
          {verdict.reasonCode === 'colour' && verdict.colour !== 'green' && <div style={{ marginTop: 12 }}><AppealForm key={verdict.checkId} checkId={verdict.checkId} /></div>}
          <Button type="primary" size="large" block onClick={next} style={{ marginTop: 12 }} data-testid="scan-next">{t('next')}</Button>
        </>
      ) : (
        <>
          <Segmented<Mode> block value={mode} onChange={(m) => { setMode(m); setCamera(false); setError(null); }} options={[{ value: 'qr', label: t('byQr') }, { value: 'id', label: t('byId') }]} style={{ marginBottom: 12 }} />
          {mode === 'qr' && (camera ? (
            <QrScanner onCode={(token) => { setCamera(false); void check({ token }); }} onClose={() => setCamera(false)} />
          ) : (
            <Button size="large" block icon={<CameraOutlined />} disabled={!chosen} onClick={() => setCamera(true)} style={{ marginBottom: 12, height: 64 }} data-testid="scan-camera">
              {t('startCamera')}
            </Button>
          ))}
          <Form form={form} layout="vertical" onFinish={submit} data-testid="scan-form">
            {mode === 'qr' ? (
              <Form.Item name="token" label={t('tokenLabel')} rules={[{ required: true, whitespace: true, message: t('tokenRequired') }]}>
                <Input.TextArea rows={2} placeholder={t('tokenPlaceholder')} autoComplete="off" style={{ fontFamily: 'monospace' }} />
              </Form.Item>
            ) : (
              <Form.Item name="idNumber" label={t('idLabel')} rules={[{ required: true, pattern: ID_NUMBER, message: t('idInvalid') }]}>
                <Input size="large" maxLength={18} placeholder={t('idPlaceholder')} autoComplete="off" inputMode="text" />
              </Form.Item>
            )}
            <Button type="primary" size="large" block htmlType="submit" loading={busy} disabled={!chosen} data-testid="scan-submit">{t('check')}</Button>
          </Form>
        </>
      )}
      <div style={{ marginTop: 12 }}><ErrorAlert error={error} /></div>
    </div>
  );
};
