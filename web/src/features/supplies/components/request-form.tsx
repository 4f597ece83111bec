// 登记需求 on the phone: the household (one of the grid's observed households, or its number typed in;
// a resident's own, `own`), the items with their quantities, and a note. The street allocates it afterwards.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useT } from '../../../i18n/i18n.ts';
import { useApi } from '../../../lib/use-api.ts';
import { useSubmit } from '../../../lib/use-submit.ts';
import { listObservedHouseholds } from '../../devices/devices-api.ts';
import { createRequest, useItems, type Line } from '../supplies-api.ts';
import { supplyMessages } from '../supply-messages.ts';

type Values = { picked?: number; typed?: number | null; lines: Partial<Line>[]; note?: string };

export const RequestForm = ({ onDone, own = false }: { onDone?: () => void; own?: boolean }) => {
  const t = useT(supplyMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, run] = useSubmit();
  const items = useItems();
  const observed = useApi(() => (own ? Promise.resolve({ items: [] }) : listObservedHouseholds()), [own]);
  const submit = (v: Values) =>
    run(async () => {
      const householdId = v.typed ?? v.picked;
      await createRequest({ householdId, items: v.lines.map((l) => ({ item: l.item!, quantity: l.quantity! })), note: v.note?.trim() || undefined });
      message.success(t('requestCreated'));
      form.resetFields();
      onDone?.();
    });
  // One of the two household fields is enough.
  const eitherHousehold = () => ({
    validator: () => (form.getFieldValue('picked') || form.getFieldValue('typed') ? Promise.resolve() : Promise.reject(new Error(t('householdRule')))),
  });
  return (
    <Form form={form} name="supplyRequest" layout="vertical" onFinish={submit} initialValues={{ lines: [{ quantity: 1 }] }} data-testid="request-form">
      {!own && (
        <>
          <Form.Item name="picked" label={t('pickHousehold')} dependencies={['typed']} rules={[eitherHousehold]}>
            <Select allowClear loading={observed.loading} data-testid="request-household" showSearch={{ optionFilterProp: 'label' }}
              options={[...new Map((observed.data?.items ?? []).map((h) => [h.householdId, { value: h.householdId, label: `${h.personName} · ${h.address ?? `${t('head')} ${h.headName}`}` }])).values()]} />
          </Form.Item>
          <Form.Item name="typed" label={t('orTypeId')} dependencies={['picked']} rules={[eitherHousehold]}>
            <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid="request-household-id" />
          </Form.Item>
        </>
      )}
      <Form.List name="lines" rules={[{ validator: (_, lines?: unknown[]) => (lines?.length ? Promise.resolve() : Promise.reject(new Error(t('itemsRule')))) }]}>
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="start" style={{ display: 'flex' }}>
                <Form.Item name={[f.name, 'item']} rules={[{ required: true, message: t('itemRule') }]} style={{ marginBottom: 8 }}>
                  <Select style={{ width: 190 }} placeholder={t('item')} data-testid="request-item" options={(items.data?.items ?? []).map((i) => ({ value: i.code, label: `${i.name}（${i.unit}）` }))} />
                </Form.Item>
                <Form.Item name={[f.name, 'quantity']} rules={[{ required: true, message: t('quantityRule') }]} style={{ marginBottom: 8 }}>
                  <InputNumber min={1} max={10_000} precision={0} style={{ width: 80 }} placeholder={t('quantity')} />
                </Form.Item>
                {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} style={{ marginTop: 9, color: '#9ca3af' }} />}
              </Space>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })} style={{ marginBottom: 12 }}>{t('addItem')}</Button>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
      <Form.Item name="note" label={t('note')}>
        <Input.TextArea rows={2} maxLength={200} />
      </Form.Item>
      <Button type="primary" size="large" block htmlType="submit" loading={busy} data-testid="request-submit">{t('submit')}</Button>
    </Form>
  );
};
