// 确认送达: what was handed over, as asked unless changed (a line set to 0 was not handed over), and a note.
import { App, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useT } from '../../../i18n/i18n.ts';
import { useSubmit } from '../../../lib/use-submit.ts';
import { deliverRequest, useItems, type SupplyRequest } from '../supplies-api.ts';
import { supplyMessages } from '../supply-messages.ts';

type Values = { quantities: Record<string, number | null>; note?: string };

export const DeliverModal = ({ request, onClose, onDone }: { request: SupplyRequest | null; onClose: () => void; onDone: () => void }) => {
  const t = useT(supplyMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, run] = useSubmit();
  const items = useItems();
  const submit = async () => {
    const v = await form.validateFields();
    const r = request!;
    const handed = r.items.map((l) => ({ item: l.item, quantity: v.quantities[l.item] ?? 0 })).filter((l) => l.quantity > 0);
    const same = handed.length === r.items.length && handed.every((l, i) => l.quantity === r.items[i]!.quantity);
    await run(async () => {
      await deliverRequest(r.id, { items: same ? undefined : handed, note: v.note?.trim() || undefined });
      message.success(t('deliveredDone'));
      onDone();
    });
  };
  return (
    <Modal open={!!request} title={request ? t('deliverTitle', { head: request.headName }) : ''} onCancel={onClose} onOk={submit} okText={t('submit')} cancelText={t('cancel')}
      confirmLoading={busy} destroyOnHidden>
      {request && (
        <Form form={form} layout="horizontal" preserve={false} data-testid="deliver-form"
          initialValues={{ quantities: Object.fromEntries(request.items.map((l) => [l.item, l.quantity])) }}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('deliverHint')}</Typography.Paragraph>
          {request.items.map((l) => {
            const it = items.data?.items.find((i) => i.code === l.item);
            return (
              <Form.Item key={l.item} name={['quantities', l.item]} label={it?.name ?? l.item} style={{ marginBottom: 8 }}>
                <InputNumber min={0} max={l.quantity} precision={0} suffix={it?.unit} style={{ width: 160 }} />
              </Form.Item>
            );
          })}
          <Form.Item name="note" label={t('note')}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
};
