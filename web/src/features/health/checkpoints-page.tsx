// 卡口管理: the checkpoints of the caller's area with today's checked and denied counts (live, every
// 5 s), registering one, switching one on or off, and a drawer with its checks and the trace.
import { App, Button, Card, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert, errorMessage } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { formatNumber } from '../../lib/format.ts';
import { can, useSession } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { AreaName } from '../registry/components/area-name.tsx';
import { CheckpointDrawer } from './components/checkpoint-drawer.tsx';
import { CheckpointForm } from './components/checkpoint-form.tsx';
import { listCheckpoints, setCheckpointActive, type Checkpoint } from './checkpoints-api.ts';
import { checkpointMessages } from './checkpoint-messages.ts';
import { useEvery } from './use-every.ts';

export const CheckpointsPage = () => {
  const t = useT(checkpointMessages);
  const { me } = useSession();
  const { message } = App.useApp();
  const list = useApi(() => listCheckpoints({ limit: 200 }), []);
  useEvery(5_000, list.reload);
  const [registering, setRegistering] = useState(false);
  const [open, setOpen] = useState<Checkpoint | null>(null);
  const mayManage = can(me, 'checkpoint.manage');
  const toggle = async (c: Checkpoint, active: boolean) => {
    try {
      await setCheckpointActive(c.id, active);
      message.success(active ? t('activated') : t('deactivated'));
      list.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const items = list.data?.items ?? [];
  const totals = items.reduce((s, c) => ({ checked: s.checked + c.today.checked, denied: s.denied + c.today.denied }), { checked: 0, denied: 0 });
  return (
    <>
      <div className="page-title">
        <h1>{t('title')}</h1>
        <Space size={16}>
          <Typography.Text type="secondary" data-testid="checkpoint-totals">
            {t('checkedToday')} {formatNumber(totals.checked)} · {t('deniedToday')} {formatNumber(totals.denied)} · {t('autoRefresh')}
          </Typography.Text>
          {mayManage && <Button type="primary" onClick={() => setRegistering(true)}>{t('register')}</Button>}
        </Space>
      </div>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card size="small">
        <Table<Checkpoint>
          rowKey="id"
          size="small"
          data-testid="checkpoints-table"
          loading={list.loading && !list.data}
          dataSource={items}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          onRow={(c) => ({ onClick: () => setOpen(c), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('code'), dataIndex: 'code', width: 220, render: (v: string) => <code style={{ whiteSpace: 'nowrap' }}>{v}</code> },
            { title: t('checkpointName'), dataIndex: 'name', render: (v: string) => <a>{v}</a> },
            { title: t('kind'), dataIndex: 'kind', width: 110, render: (k: string) => t(`kind.${k}`) },
            { title: t('area'), dataIndex: 'areaCode', width: 190, ellipsis: true, render: (c: string) => <AreaName code={c} /> },
            { title: t('compound'), dataIndex: 'compound', width: 140, ellipsis: true, render: (v: string | null) => v ?? '—' },
            { title: t('checkedToday'), width: 100, align: 'right', render: (_, c) => <span data-testid="checked-today">{formatNumber(c.today.checked)}</span> },
            { title: t('deniedToday'), width: 100, align: 'right', render: (_, c) => <span style={{ color: c.today.denied ? '#cf1322' : undefined, fontWeight: c.today.denied ? 600 : undefined }}>{formatNumber(c.today.denied)}</span> },
            {
              title: t('active'), dataIndex: 'active', width: 80,
              render: (a: boolean, c) => <span onClick={(e) => e.stopPropagation()}><Switch size="small" checked={a} disabled={!mayManage} onChange={(v) => toggle(c, v)} /></span>,
            },
          ]}
        />
      </Card>
      <CheckpointForm open={registering} onClose={() => setRegistering(false)} onDone={() => { setRegistering(false); list.reload(); }} />
      <CheckpointDrawer id={open?.id ?? null} title={open ? `${open.name} · ${open.code}` : ''} onClose={() => setOpen(null)} />
    </>
  );
};
