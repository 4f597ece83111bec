// 登记卡口: a name, a kind, the area or grid it belongs to, and optionally a code, a compound and a position.
import { App, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useSubmit } from '../../../lib/use-submit.ts';
import { useT } from '../../../i18n/i18n.ts';
import { AreaPicker } from '../../registry/components/area-picker.tsx';
import { KINDS, registerCheckpoint, type NewCheckpoint } from '../checkpoints-api.ts';
import { checkpointMessages } from '../checkpoint-messages.ts';

export const CheckpointForm = ({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) => {
  const t = useT(checkpointMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<NewCheckpoint>();
  const [busy, run] = useSubmit();
  const submit = async () => {
    const v = await form.validateFields();
    await run(async () => {
      const c = await registerCheckpoint({ ...v, code: v.code?.trim() || undefined, compound: v.compound?.trim() || undefined, lng: v.lng ?? undefined, lat: v.lat ?? undefined });
      message.success(t('registered', { code: c.code }));
      form.resetFields();
      onDone();
    });
  };
  return (
    <Modal open={open} title={t('register')} onCancel={onClose} onOk={submit} okText={t('submit')} cancelText={t('cancel')} confirmLoading={busy} destroyOnHidden width={560}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: 'compound_gate' }} data-testid="checkpoint-form">
        <Form.Item name="name" label={t('checkpointName')} rules={[{ required: true, whitespace: true, min: 2, message: t('nameRequired') }]}>
          <Input maxLength={100} placeholder="景芳三区东门" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="kind" label={t('kind')} rules={[{ required: true, message: t('kindRequired') }]}>
            <Select style={{ width: 180 }} options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="areaCode" label={t('area')} rules={[{ required: true, message: t('areaRequired') }]}>
            <AreaPicker includeRoot grids style={{ width: 300 }} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="compound" label={t('compound')}>
            <Input maxLength={100} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="code" label={t('code')} rules={[{ pattern: /^[A-Za-z0-9_-]{2,64}$/, message: t('codeInvalid') }]}>
            <Input maxLength={64} placeholder={t('codeHint')} style={{ width: 260 }} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="lng" label={t('lng')}><InputNumber min={73} max={136} step={0.0001} style={{ width: 160 }} /></Form.Item>
          <Form.Item name="lat" label={t('lat')}><InputNumber min={3} max={54} step={0.0001} style={{ width: 160 }} /></Form.Item>
        </Space>
      </Form>
    </Modal>
  );
};
