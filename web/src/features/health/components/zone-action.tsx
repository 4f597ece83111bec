// The operator's moves on an active zone: a new case, another level, lifting it; each with a note.
import { App, Button, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useSubmit } from '../../../lib/use-submit.ts';
import { useT } from '../../../i18n/i18n.ts';
import { changeZone, LEVELS, type Level, type ZoneDetail } from '../zones-api.ts';
import { zoneMessages } from '../zone-messages.ts';

type Action = 'case' | 'level' | 'lift';
const WARNINGS: Record<Action, 'caseConfirm' | null | 'liftConfirm'> = { case: 'caseConfirm', level: null, lift: 'liftConfirm' };
const TITLES = { case: 'case', level: 'changeLevel', lift: 'lift' } as const;

export const ZoneActions = ({ zone, onDone }: { zone: ZoneDetail; onDone: (z: ZoneDetail) => void }) => {
  const t = useT(zoneMessages);
  const { message } = App.useApp();
  const [action, setAction] = useState<Action | null>(null);
  const [busy, run] = useSubmit();
  const [form] = Form.useForm<{ level?: Level; note?: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    await run(async () => {
      const z = await changeZone(zone.id, action!, { level: action === 'level' ? v.level : undefined, note: v.note?.trim() || undefined });
      message.success(t('done'));
      setAction(null);
      onDone(z);
    });
  };
  const warning = action && WARNINGS[action];
  return (
    <>
      <Space>
        <Button onClick={() => setAction('case')} data-action="case">{t('case')}</Button>
        <Button onClick={() => setAction('level')} data-action="level">{t('changeLevel')}</Button>
        <Button danger onClick={() => setAction('lift')} data-action="lift">{t('lift')}</Button>
      </Space>
      <Modal open={!!action} title={action ? t(TITLES[action]) : ''} onCancel={() => setAction(null)} onOk={submit} okText={t('submit')} cancelText={t('cancel')}
        okButtonProps={{ danger: action === 'lift' }} confirmLoading={busy} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ level: LEVELS.find((l) => l !== zone.level) }}>
          {warning && <Typography.Paragraph type="secondary">{t(warning)}</Typography.Paragraph>}
          {action === 'level' && (
            <Form.Item name="level" label={t('newLevel')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`), disabled: l === zone.level }))} />
            </Form.Item>
          )}
          <Form.Item name="note" label={t('note')}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
};
