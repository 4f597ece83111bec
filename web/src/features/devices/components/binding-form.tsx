// 绑定设置: a door sensor to a control measure that has not ended, a people counter to a venue, a face
// gate to a checkpoint; or no binding at all.
import { App, Button, Form, Popconfirm, Select, Space, Typography } from 'antd';
import { useT } from '../../../i18n/i18n.ts';
import { useApi } from '../../../lib/use-api.ts';
import { useSubmit } from '../../../lib/use-submit.ts';
import { listCheckpoints } from '../../health/checkpoints-api.ts';
import { bindDevice, listActiveMeasures, listVenues, type Binding, type Device } from '../devices-api.ts';
import { deviceMessages } from '../device-messages.ts';

type Values = { target?: number };

const fieldOf = (kind: Device['kind']): keyof Binding => (kind === 'door_sensor' ? 'measureId' : kind === 'people_counter' ? 'venueId' : 'checkpointId');
const currentOf = (d: Device) => (d.kind === 'door_sensor' ? d.measure?.id : d.kind === 'people_counter' ? d.venue?.id : d.checkpoint?.id);

/** The measures, venues or checkpoints a device of this kind may be bound to. */
const useTargets = (kind: Device['kind'], t: ReturnType<typeof useT<typeof deviceMessages.zh>>) =>
  useApi(async () => {
    if (kind === 'door_sensor') {
      return (await listActiveMeasures()).items.map((m) => ({
        value: m.id, label: t('measureOption', { id: String(m.id), name: m.personName, grid: m.gridCode, end: m.endDate, bound: m.device ? ` · ${m.device.serial}` : '' }),
      }));
    }
    if (kind === 'people_counter') return (await listVenues({ limit: 200 })).items.map((v) => ({ value: v.id, label: `${v.name}（${v.code}）` }));
    if (kind === 'face_gate') return (await listCheckpoints({ limit: 200 })).items.map((c) => ({ value: c.id, label: `${c.name}（${c.code}）` }));
    return [];
  }, [kind]);

export const BindingForm = ({ device, onDone }: { device: Device; onDone: () => void }) => {
  const t = useT(deviceMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, run] = useSubmit();
  const targets = useTargets(device.kind, t);
  const current = currentOf(device);

  const save = (body: Binding, done: string) =>
    run(async () => {
      await bindDevice(device.id, body);
      message.success(done);
      onDone();
    });
  const submit = ({ target }: Values) => save({ [fieldOf(device.kind)]: target }, t('bound'));
  const hint = device.kind === 'door_sensor' ? t('bindingHint') : device.kind === 'people_counter' ? t('bindingHintCounter') : t('bindingHintGate');

  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ target: current }} data-testid="binding-form">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{hint}</Typography.Paragraph>
      <Form.Item name="target" label={device.kind === 'door_sensor' ? t('measureId') : device.kind === 'people_counter' ? t('venue') : t('checkpoint')}
        rules={[{ required: true, message: device.kind === 'door_sensor' ? t('measureIdRequired') : device.kind === 'people_counter' ? t('pickVenue') : t('pickCheckpoint') }]}>
        <Select style={{ width: 360 }} loading={targets.loading} options={targets.data ?? []} showSearch={{ optionFilterProp: 'label' }} data-testid="binding-target" />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="binding-save">{t('bind')}</Button>
        {current !== undefined && (
          <Popconfirm title={t('unbindConfirm')} onConfirm={() => save({}, t('unboundDone'))} okText={t('confirm')} cancelText={t('cancel')}>
            <Button danger disabled={busy}>{t('unbind')}</Button>
          </Popconfirm>
        )}
      </Space>
    </Form>
  );
};
