// 申诉纠错 on the resident's page: the pending appeal if there is one, else a short form.
import { Alert, App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useSubmit } from '../../../lib/use-submit.ts';
import { useT } from '../../../i18n/i18n.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { fileAppeal, type MyCode } from '../health-api.ts';
import { myCodeMessages } from '../my-code-messages.ts';

export const AppealForm = ({ appeal, onFiled }: { appeal: MyCode['appeal']; onFiled: () => void }) => {
  const t = useT(myCodeMessages);
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, run] = useSubmit();
  const [form] = Form.useForm<{ reason: string }>();
  if (appeal?.status === 'pending') return <Alert type="info" showIcon title={t('appealPending', { at: formatDateTime(appeal.filedAt) })} data-testid="appeal-pending" />;
  if (!open) return <Button block onClick={() => setOpen(true)} data-testid="appeal-open">{t('appeal')}</Button>;
  const submit = async ({ reason }: { reason: string }) => {
    await run(async () => {
      await fileAppeal(reason.trim());
      message.success(t('appealFiled'));
      setOpen(false);
      onFiled();
    });
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} data-testid="appeal-form">
      <p className="muted" style={{ marginTop: 0 }}>{t('appealHint')}</p>
      <Form.Item name="reason" label={t('appealReason')} rules={[{ required: true, whitespace: true, min: 2, message: t('appealRequired') }]}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>{t('appealSubmit')}</Button>
    </Form>
  );
};
