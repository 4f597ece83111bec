// 人工赋码: raise a person's colour by hand, with a reason and an optional end.
import { App, DatePicker, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useSubmit } from '../../../lib/use-submit.ts';
import { useT } from '../../../i18n/i18n.ts';
import { raiseColour } from '../health-api.ts';
import { healthMessages } from '../health-messages.ts';

type Values = { colour: 'yellow' | 'red'; reason: string; until?: Dayjs | null };

export const RaiseModal = ({ personId, open, onClose, onDone }: { personId: number; open: boolean; onClose: () => void; onDone: () => void }) => {
  const t = useT(healthMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, run] = useSubmit();
  const submit = async () => {
    const v = await form.validateFields();
    await run(async () => {
      await raiseColour(personId, { colour: v.colour, reason: v.reason.trim(), until: v.until?.toISOString() });
      message.success(t('raised'));
      form.resetFields();
      onDone();
    });
  };
  return (
    <Modal open={open} title={t('raise')} onCancel={onClose} onOk={submit} okText={t('submit')} cancelText={t('cancel')} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ colour: 'yellow' }} data-testid="raise-form">
        <Form.Item name="colour" label={t('raiseColour')} rules={[{ required: true }]}>
          <Radio.Group options={[{ value: 'yellow', label: t('code.yellow') }, { value: 'red', label: t('code.red') }]} />
        </Form.Item>
        <Form.Item name="reason" label={t('raiseReason')} rules={[{ required: true, whitespace: true, min: 2, message: t('noteMin') }]}>
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
        <Form.Item name="until" label={t('raiseUntil')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
};
