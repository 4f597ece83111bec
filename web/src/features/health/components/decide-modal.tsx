// Deciding an appeal: correct it (setting aside the rules chosen among those it was coloured by) or
// reject it, with a note either way.
import { Alert, App, Checkbox, Form, Input, Modal, Radio } from 'antd';
import { useSubmit } from '../../../lib/use-submit.ts';
import { useT } from '../../../i18n/i18n.ts';
import { decideAppeal, type Appeal } from '../health-api.ts';
import { healthMessages } from '../health-messages.ts';
import { ColourTag } from './colour-tag.tsx';

type Values = { grant: boolean; note: string; exemptRules: string[] };

export const DecideModal = ({ appeal, onClose, onDone }: { appeal: Appeal | null; onClose: () => void; onDone: () => void }) => {
  const t = useT(healthMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, run] = useSubmit();
  const grant = Form.useWatch('grant', form);
  const rules = (appeal?.reasons ?? []).filter((r) => r.rule !== 'default');
  const submit = async () => {
    const v = await form.validateFields();
    await run(async () => {
      await decideAppeal(appeal!.id, { grant: v.grant, note: v.note.trim(), exemptRules: v.grant ? v.exemptRules : undefined });
      message.success(t('decided'));
      onDone();
    });
  };
  return (
    <Modal open={!!appeal} title={t('decideTitle')} onCancel={onClose} onOk={submit} okText={t('submit')} cancelText={t('cancel')} confirmLoading={busy} destroyOnHidden width={560}>
      {appeal && (
        <Form form={form} layout="vertical" preserve={false} data-testid="decide-form" initialValues={{ grant: rules.length > 0, note: '', exemptRules: rules.map((r) => r.rule) }}>
          <p>
            {appeal.personName} <ColourTag colour={appeal.colour} /> · {appeal.reason}
          </p>
          <Form.Item name="grant" label={t('decide')}>
            <Radio.Group options={[{ value: true, label: t('grant'), disabled: rules.length === 0 }, { value: false, label: t('reject') }]} />
          </Form.Item>
          {rules.length === 0 && <Alert type="info" showIcon title={t('noRuleToExempt')} style={{ marginBottom: 12 }} />}
          {grant && rules.length > 0 && (
            <Form.Item name="exemptRules" label={t('exemptRules')} rules={[{ required: true, type: 'array', min: 1, message: t('exemptRequired') }]}>
              <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
                options={rules.map((r) => ({ value: r.rule, label: <span><code>{r.rule}</code> {r.reason}</span> }))} />
            </Form.Item>
          )}
          <Form.Item name="note" label={t('decisionNote')} rules={[{ required: true, whitespace: true, min: 2, message: t('noteMin') }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
};
