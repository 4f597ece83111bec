// 划定风险区: name, level, step-down timers and the shape; the API finds the addresses inside, recolours
// their people and sends each grid a task.
import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Space } from 'antd';
import type { GeoJsonObject } from 'geojson';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/page-state.tsx';
import { useT } from '../../../i18n/i18n.ts';
import type { Grid } from '../../map/map-api.ts';
import { DEFAULT_TIMERS, drawZone, LEVELS, type Level, type Timers, type Zone, type ZoneDetail } from '../zones-api.ts';
import { zoneMessages } from '../zone-messages.ts';
import { ZoneShape } from './zone-shape.tsx';

type Values = { name: string; level: Level; timers: Timers; startAt?: Dayjs | null; note?: string };

export const ZoneForm = ({ open, grids, zones, onClose, onDone }: { open: boolean; grids: readonly Grid[]; zones: readonly Zone[]; onClose: () => void; onDone: (z: ZoneDetail) => void }) => {
  const t = useT(zoneMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [shape, setShape] = useState<GeoJsonObject | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    if (!shape) return setError(new Error(t('shapeRequired')));
    setBusy(true);
    setError(null);
    try {
      const timers = Object.fromEntries(LEVELS.map((l) => [l, v.timers?.[l] ?? null])) as Timers;
      const z = await drawZone({ name: v.name.trim(), level: v.level, geometry: shape, timers, startAt: v.startAt?.toISOString(), note: v.note?.trim() || undefined });
      message.success(t('drawn', { code: z.code, n: z.tasks.length }));
      onDone(z);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('draw')} width={1080} onCancel={onClose} onOk={submit} okText={t('submit')} cancelText={t('cancel')} confirmLoading={busy} destroyOnHidden>
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
        <Form form={form} layout="vertical" preserve={false} style={{ width: 300, flex: 'none' }} initialValues={{ level: 'sealed', timers: DEFAULT_TIMERS }} data-testid="zone-form">
          <Form.Item name="name" label={t('zoneName')} rules={[{ required: true, whitespace: true, min: 2, message: t('nameRequired') }]}>
            <Input maxLength={100} placeholder="景芳三区 1–3 幢" />
          </Form.Item>
          <Form.Item name="level" label={t('level')} rules={[{ required: true, message: t('levelRequired') }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))} />
          </Form.Item>
          <Form.Item label={t('timers')} style={{ marginBottom: 8 }}>
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              {LEVELS.map((l) => (
                <Form.Item key={l} name={['timers', l]} noStyle>
                  <InputNumber min={1} max={365} placeholder={t('timerNone')} prefix={<span className="muted" style={{ width: 60, display: 'inline-block' }}>{t(`level.${l}`)}</span>} style={{ width: '100%' }} />
                </Form.Item>
              ))}
            </Space>
          </Form.Item>
          <Form.Item name="startAt" label={t('startAt')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" label={t('note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
        <div style={{ flex: 1, minWidth: 0 }}>
          <div style={{ marginBottom: 6, fontWeight: 500 }}>{t('shape')}</div>
          <ZoneShape grids={grids} zones={zones} onChange={setShape} />
        </div>
      </div>
      <ErrorAlert error={error} />
    </Modal>
  );
};
