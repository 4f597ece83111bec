// Accounts in the admin's scope: sys_admin creates them, sec_admin disables, enables and unlocks them.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { ErrorAlert, errorMessage } from '../../components/page-state.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { can, useSession } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { AreaName } from '../registry/components/area-name.tsx';
import { usePagedList } from '../registry/components/use-paged-list.ts';
import { disableUser, enableUser, listUnits, listUsers, type User } from './admin-api.ts';
import { UserForm } from './components/user-form.tsx';
import { useAdminT } from './components/use-admin-t.ts';

const StatusTags = ({ user }: { user: User }) => {
  const { t } = useAdminT();
  if (!user.disabled && !user.locked) return <Tag color="green">{t('status.active')}</Tag>;
  return (
    <Space size={4}>
      {user.disabled && <Tag color="red">{t('status.disabled')}</Tag>}
      {user.locked && <Tag color="orange">{t('status.locked')}</Tag>}
    </Space>
  );
};

/** Disable, enable or unlock, each after a confirmation (sec_admin). */
const UserActions = ({ user, onDone }: { user: User; onDone: () => void }) => {
  const { t } = useAdminT();
  const { message } = App.useApp();
  const { me } = useSession();
  const [busy, setBusy] = useState(false);
  if (user.id === me?.id) return <span className="muted">{t('you')}</span>;
  const run = async (enable: boolean) => {
    setBusy(true);
    try {
      await (enable ? enableUser(user.id) : disableUser(user.id));
      message.success(t(enable ? 'enabledDone' : 'disabledDone', { name: user.displayName }));
      onDone();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const [action, confirm, enable] = user.disabled ? (['enable', 'enableConfirm', true] as const) : user.locked ? (['unlock', 'unlockConfirm', true] as const) : (['disable', 'disableConfirm', false] as const);
  return (
    <Popconfirm title={t(confirm, { name: user.displayName })} onConfirm={() => run(enable)} okText={t('confirm')} cancelText={t('cancel')} okButtonProps={{ danger: !enable }}>
      <Button size="small" type="link" danger={!enable} style={{ paddingInline: 0 }} loading={busy} data-testid={`user-${action}-${user.username}`}>{t(action)}</Button>
    </Popconfirm>
  );
};

export const UsersPage = () => {
  const { t, label } = useAdminT();
  const { me } = useSession();
  const { message } = App.useApp();
  const list = usePagedList(listUsers);
  const units = useApi(() => listUnits(), []);
  const unitNames = useMemo(() => new Map((units.data?.items ?? []).map((u) => [u.id, u.name])), [units.data]);
  const [creating, setCreating] = useState(false);
  const manages = can(me, 'user.manage');
  const disables = can(me, 'user.disable');

  return (
    <>
      <div className="page-title">
        <h1>{t('usersTitle')}</h1>
        {manages && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-user">{t('newUser')}</Button>}
      </div>
      <Alert type="info" showIcon title={t('dutiesNote')} style={{ marginBottom: 12 }} />
      <ErrorAlert error={list.state.error} onRetry={list.state.reload} />
      <Table<User>
        rowKey="id"
        size="middle"
        data-testid="users-table"
        loading={list.state.loading}
        dataSource={list.state.error ? [] : (list.state.data?.items ?? [])}
        pagination={list.pagination}
        locale={{ emptyText: t('empty') }}
        columns={[
          { title: t('username'), dataIndex: 'username', width: 150, render: (u: string) => <strong>{u}</strong> },
          { title: t('displayName'), dataIndex: 'displayName', width: 170, ellipsis: true },
          { title: t('roles'), dataIndex: 'roles', render: (roles: string[]) => <Space size={[4, 4]} wrap>{roles.map((r) => <Tag key={r} color="blue">{label('role', r)}</Tag>)}</Space> },
          { title: t('area'), dataIndex: 'areaCode', width: 180, ellipsis: true, render: (c: string) => <AreaName code={c} /> },
          { title: t('unit'), dataIndex: 'unitId', width: 180, ellipsis: true, render: (id: number | null) => (id === null ? '—' : (unitNames.get(id) ?? `#${id}`)) },
          { title: t('status'), key: 'status', width: 140, render: (_: unknown, u) => <StatusTags user={u} /> },
          { title: t('createdAt'), dataIndex: 'createdAt', width: 150, render: (d: string) => formatDateTime(d) },
          ...(disables ? [{ title: t('actions'), key: 'actions', width: 100, render: (_: unknown, u: User) => <UserActions user={u} onDone={list.state.reload} /> }] : []),
        ]}
      />
      <UserForm
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(u) => {
          setCreating(false);
          message.success(t('createdDone', { name: u.displayName }));
          list.state.reload();
        }}
      />
    </>
  );
};
