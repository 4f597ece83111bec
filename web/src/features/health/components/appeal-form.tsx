// 申诉纠错: on the resident's page, the pending appeal if there is one, else a short form; on the
// checkpoint staff's phone, 代为申诉 for the person whose code was just checked (`checkId`).
import { Alert, App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useSubmit } from '../../../lib/use-submit.ts';
import { useT } from '../../../i18n/i18n.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { fileAppeal, type MyCode } from '../health-api.ts';
import { myCodeMessages } from '../my-code-messages.ts';

export const AppealForm = ({ appeal = null, onFiled, checkId }: { appeal?: MyCode['appeal']; onFiled?: () => void; checkId?: number }) => {
  const t = useT(myCodeMessages);
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [filed, setFiled] = useState<{ filedAt: string } | null>(null);
  const [busy, run] = useSubmit();
  const [form] = Form.useForm<{ reason: string }>();
  const pending = appeal?.status === 'pending' ? appeal : filed;
  if (pending) return <Alert type="info" showIcon title={t(checkId ? 'appealFiledFor' : 'appealPending', { at: formatDateTime(pending.filedAt) })} data-testid="appeal-pending" />;
  if (!open) return <Button block onClick={() => setOpen(true)} data-testid="appeal-open">{t(checkId ? 'appealFor' : 'appeal')}</Button>;
  const submit = async ({ reason }: { reason: string }) => {
    await run(async () => {
      const a = await fileAppeal(reason.trim(), checkId ? { checkId } : {});
      message.success(t('appealFiled'));
      setOpen(false);
      if (checkId) setFiled(a);
      onFiled?.();
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
