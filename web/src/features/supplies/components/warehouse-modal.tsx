// 新建仓库: a name and the street (乡镇) it serves, optionally an address.
import { App, Form, Input, Modal } from 'antd';
import { useT } from '../../../i18n/i18n.ts';
import { useSubmit } from '../../../lib/use-submit.ts';
import { AreaPicker } from '../../registry/components/area-picker.tsx';
import { createWarehouse } from '../supplies-api.ts';
import { supplyMessages } from '../supply-messages.ts';

type Values = { name: string; streetCode: string; address?: string };

export const WarehouseModal = ({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) => {
  const t = useT(supplyMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, run] = useSubmit();
  const submit = async () => {
    const v = await form.validateFields();
    await run(async () => {
      const w = await createWarehouse({ name: v.name.trim(), streetCode: v.streetCode, address: v.address?.trim() || undefined });
      message.success(t('warehouseCreated', { name: w.name }));
      onDone();
    });
  };
  return (
    <Modal open={open} title={t('newWarehouse')} onCancel={onClose} onOk={submit} okText={t('submit')} cancelText={t('cancel')} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} data-testid="warehouse-form">
        <Form.Item name="name" label={t('warehouseName')} rules={[{ required: true, whitespace: true, min: 2, max: 60, message: t('warehouseNameRule') }]}>
          <Input maxLength={60} placeholder="凯旋街道物资储备点" />
        </Form.Item>
        <Form.Item name="streetCode" label={t('street')}
          rules={[{ required: true, message: t('streetRule') }, { validator: (_, v?: string) => (!v || v.length === 9 ? Promise.resolve() : Promise.reject(new Error(t('streetOnly')))) }]}>
          <AreaPicker includeRoot style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="address" label={t('address')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
};
