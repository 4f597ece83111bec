// Exactly the actions the API says the caller may take now, each with the form it needs.
import { App, Button, Empty, Form, Modal, Space } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/page-state.tsx';
import { useT } from '../../../i18n/i18n.ts';
import { eventsMessages } from '../events-messages.ts';
import { applyAction, type ActionBody, type EventDetail } from '../events-api.ts';
import { ActionFields } from './action-forms.tsx';

// The step that moves the event forward is the primary button; the rest follow in this order.
const PRIMARY = new Set(['accept', 'dispatch', 'sign', 'handle', 'feedback', 'verify', 'close', 'settle', 'rate']);
const DANGER = new Set(['reject', 'return', 'escalate']);

export const ActionPanel = ({ event, onDone, block = false }: { event: EventDetail; onDone: () => void; block?: boolean }) => {
  const t = useT(eventsMessages);
  const { message } = App.useApp();
  const [action, setAction] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<ActionBody>();

  if (event.allowedActions.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noActions')} />;
  const open = (a: string) => {
    form.resetFields();
    setError(null);
    setAction(a);
  };
  const submit = async (body: ActionBody) => {
    if (!action) return;
    setBusy(true);
    setError(null);
    try {
      await applyAction(event.id, action, body);
      message.success(t('done', { action: t(`action.${action}`) }));
      setAction(null);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const sorted = [...event.allowedActions].sort((a, b) => Number(PRIMARY.has(b)) - Number(PRIMARY.has(a)));
  return (
    <>
      <Space wrap data-testid="action-panel" orientation={block ? 'vertical' : 'horizontal'} style={block ? { width: '100%' } : undefined}>
        {sorted.map((a) => (
          <Button key={a} type={PRIMARY.has(a) ? 'primary' : 'default'} danger={DANGER.has(a)} block={block} onClick={() => open(a)} data-action={a}>
            {t(`action.${a}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={action !== null}
        title={action ? `${t(`action.${action}`)} · ${event.code}` : ''}
        okText={t('submit')}
        cancelText={t('cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setAction(null)}
        destroyOnHidden
        width={560}
      >
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          {action && <ActionFields action={action} event={event} />}
        </Form>
        <ErrorAlert error={error} />
      </Modal>
    </>
  );
};
