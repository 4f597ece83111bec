// Creating an account (sys_admin): the form checks what it can; the API's refusal (mixed admin duties,
// a taken username, an area out of scope) is shown as the API words it.
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../components/page-state.tsx';
import { useSession } from '../../../lib/session.tsx';
import { useApi } from '../../../lib/use-api.ts';
import { AreaPicker } from '../../registry/components/area-picker.tsx';
import { createUser, listUnits, STAFF_ROLES, type NewUser, type User } from '../admin-api.ts';
import { useAdminT } from './use-admin-t.ts';

type Props = { open: boolean; onClose: () => void; onCreated: (u: User) => void };

export const UserForm = ({ open, onClose, onCreated }: Props) => {
  const { t, label } = useAdminT();
  const { me } = useSession();
  const [form] = Form.useForm<NewUser>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const area = Form.useWatch('areaCode', form);
  const units = useApi(() => (open ? listUnits(area ?? me?.scope) : Promise.resolve({ items: [] })), [open, area]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      const user = await createUser({ ...v, username: v.username.trim(), displayName: v.displayName.trim(), unitId: v.unitId ?? null });
      form.resetFields();
      onCreated(user);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('newUser')}
      onCancel={() => { setError(null); onClose(); }}
      onOk={submit}
      okText={t('submit')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      destroyOnHidden
      width={560}
    >
      {error !== null && <Alert type="error" showIcon title={errorMessage(error)} role="alert" style={{ marginBottom: 16 }} data-testid="user-form-error" />}
      <Form form={form} layout="vertical" requiredMark preserve={false} data-testid="user-form">
        <Form.Item name="username" label={t('username')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{2,31}$/, message: t('usernameRule') }]}>
          <Input autoComplete="off" maxLength={32} />
        </Form.Item>
        <Form.Item name="displayName" label={t('displayName')} rules={[{ required: true, whitespace: true, message: t('displayNameRequired') }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="password" label={t('password')} rules={[{ required: true, min: 8, max: 256, message: t('passwordRule') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="roles" label={t('roles')} extra={t('rolesHint')} rules={[{ required: true, type: 'array', min: 1, message: t('rolesRequired') }]}>
          <Select mode="multiple" options={STAFF_ROLES.map((r) => ({ value: r, label: label('role', r) }))} />
        </Form.Item>
        <Form.Item name="areaCode" label={t('area')} rules={[{ required: true, message: t('areaRequired') }]}>
          <AreaPicker includeRoot grids style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="unitId" label={t('unit')} extra={t('unitHint')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={units.loading}
            options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};
