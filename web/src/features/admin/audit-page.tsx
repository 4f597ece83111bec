// The audit log for the auditor: who did what to which record, from where, newest first, with the API's filters.
import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Select, Space, Table, Tag, Tooltip } from 'antd';
import { ErrorAlert } from '../../components/page-state.tsx';
import type { Query } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { AreaName } from '../registry/components/area-name.tsx';
import { usePagedList } from '../registry/components/use-paged-list.ts';
import { listAudit, type AuditEntry } from './admin-api.ts';
import { AuditDetails } from './components/audit-details.tsx';
import { useAdminT } from './components/use-admin-t.ts';

const ACTIONS = [
  'auth.login', 'auth.login_failed', 'auth.login_locked', 'auth.login_unknown_user', 'person.reveal', 'person.create', 'person.update', 'person.remove',
  'person.import', 'household.create', 'enterprise.create', 'enterprise.update', 'enterprise.import', 'thing.create', 'thing.update', 'user.create',
  'user.disable', 'user.enable', 'category.update', 'calendar.update',
];
const TARGETS = ['person', 'household', 'enterprise', 'thing', 'user', 'category', 'calendar'];
const ACTION_COLOURS: Record<string, string> = {
  'person.reveal': 'orange', 'auth.login_failed': 'red', 'auth.login_locked': 'red', 'auth.login_unknown_user': 'red', 'user.disable': 'volcano', 'person.remove': 'volcano',
};

type Filters = { action?: string; username?: string; targetType?: string; targetId?: string };

/** A field of the details object, as text. */
const detail = (e: AuditEntry, key: string) => {
  const d = e.details;
  return d && typeof d === 'object' && key in d ? String((d as Record<string, unknown>)[key]) : null;
};

export const AuditPage = () => {
  const { t, label } = useAdminT();
  const list = usePagedList(listAudit);
  const [form] = Form.useForm<Filters>();
  const search = (f: Filters) => list.search(Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v?.trim() || undefined])) as Query);

  return (
    <>
      <div className="page-title"><h1>{t('auditTitle')}</h1></div>
      <Alert type="info" showIcon title={t('auditNote')} style={{ marginBottom: 12 }} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form form={form} layout="inline" onFinish={search} style={{ rowGap: 12 }} data-testid="audit-filters">
          <Form.Item name="action" label={t('action')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 200 }} options={ACTIONS.map((a) => ({ value: a, label: label('audit', a) }))} />
          </Form.Item>
          <Form.Item name="username" label={t('actor')} rules={[{ max: 64 }]}>
            <Input allowClear placeholder={t('username')} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="targetType" label={t('targetType')}>
            <Select allowClear style={{ width: 130 }} options={TARGETS.map((x) => ({ value: x, label: label('target', x) }))} />
          </Form.Item>
          <Form.Item name="targetId" label={t('targetId')} rules={[{ max: 64 }]}>
            <Input allowClear style={{ width: 120 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>{t('search')}</Button>
            <Button onClick={() => { form.resetFields(); list.search({}); }}>{t('reset')}</Button>
          </Space>
        </Form>
      </Card>
      <ErrorAlert error={list.state.error} onRetry={list.state.reload} />
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        data-testid="audit-table"
        loading={list.state.loading}
        dataSource={list.state.error ? [] : (list.state.data?.items ?? [])}
        pagination={list.pagination}
        locale={{ emptyText: t('empty') }}
        columns={[
          { title: t('at'), dataIndex: 'at', width: 150, render: (at: string) => <Tooltip title={at}>{formatDateTime(at)}</Tooltip> },
          {
            title: t('actor'),
            key: 'actor',
            width: 150,
            ellipsis: true,
            // Sign-ins are recorded before there is a session: the name is the one the request gave.
            render: (_: unknown, e) => (e.username ?? <Tooltip title={t('anonymous')}><span className="muted">{detail(e, 'username') ?? '—'}</span></Tooltip>),
          },
          {
            title: t('action'),
            dataIndex: 'action',
            width: 190,
            render: (a: string) => <Tooltip title={a}><Tag color={ACTION_COLOURS[a] ?? 'default'}>{label('audit', a)}</Tag></Tooltip>,
          },
          { title: t('target'), key: 'target', width: 150, render: (_: unknown, e) => <>{label('target', e.targetType)}{e.targetId && <span className="muted"> #{e.targetId}</span>}</> },
          { title: t('area'), dataIndex: 'areaCode', width: 170, ellipsis: true, render: (c: string | null) => <AreaName code={c} /> },
          { title: t('ip'), dataIndex: 'ip', width: 130, render: (ip: string | null, e) => ip ?? detail(e, 'ip') ?? '—' },
          { title: t('details'), dataIndex: 'details', ellipsis: true, render: (d: unknown) => <AuditDetails details={d} /> },
        ]}
      />
    </>
  );
};
