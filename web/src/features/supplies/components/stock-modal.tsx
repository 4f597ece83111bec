// 出入库: one item received (a positive quantity) or taken out (negative); the API refuses to go below zero.
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useT } from '../../../i18n/i18n.ts';
import { useSubmit } from '../../../lib/use-submit.ts';
import { adjustStock, useItems, type Warehouse } from '../supplies-api.ts';
import { supplyMessages } from '../supply-messages.ts';

type Values = { item: string; quantity: number; note?: string };

export const StockModal = ({ warehouse, onClose, onDone }: { warehouse: Warehouse | null; onClose: () => void; onDone: () => void }) => {
  const t = useT(supplyMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, run] = useSubmit();
  const items = useItems();
  const submit = async () => {
    const v = await form.validateFields();
    await run(async () => {
      await adjustStock(warehouse!.id, { item: v.item, quantity: v.quantity, note: v.note?.trim() || undefined });
      message.success(t('stockSaved'));
      onDone();
    });
  };
  return (
    <Modal open={!!warehouse} title={warehouse ? t('addStockTitle', { name: warehouse.name }) : ''} onCancel={onClose} onOk={submit} okText={t('submit')} cancelText={t('cancel')}
      confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} data-testid="stock-form">
        <Form.Item name="item" label={t('item')} rules={[{ required: true, message: t('itemRule') }]}>
          <Select data-testid="stock-item" loading={items.loading} showSearch={{ optionFilterProp: 'label' }}
            options={(items.data?.items ?? []).map((i) => ({ value: i.code, label: `${i.name}（${i.unit}）` }))} />
        </Form.Item>
        <Form.Item name="quantity" label={t('quantity')} extra={t('quantityHint')}
          rules={[{ required: true, message: t('quantityRule') }, { validator: (_, v?: number) => (v ? Promise.resolve() : Promise.reject(new Error(t('quantityRule')))) }]}>
          <InputNumber min={-100_000} max={100_000} precision={0} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="note" label={t('note')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
};
