// 取消申请: a request not yet delivered; stock already allocated goes back to its warehouse.
import { App, Form, Input, Modal } from 'antd';
import { useT } from '../../../i18n/i18n.ts';
import { useSubmit } from '../../../lib/use-submit.ts';
import { cancelRequest, type SupplyRequest } from '../supplies-api.ts';
import { supplyMessages } from '../supply-messages.ts';

export const CancelModal = ({ request, onClose, onDone }: { request: SupplyRequest | null; onClose: () => void; onDone: () => void }) => {
  const t = useT(supplyMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, run] = useSubmit();
  const submit = async () => {
    const { reason } = await form.validateFields();
    await run(async () => {
      await cancelRequest(request!.id, reason.trim());
      message.success(t('cancelled'));
      onDone();
    });
  };
  return (
    <Modal open={!!request} title={t('cancelTitle')} onCancel={onClose} onOk={submit} okText={t('submit')} cancelText={t('cancel')} okButtonProps={{ danger: true }}
      confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label={t('cancelReason')} rules={[{ required: true, whitespace: true, min: 2, message: t('cancelReasonRule') }]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
};
