// 需求申请: households' requests by status, newest first; the street allocates (warehouse + grid
// worker) or cancels them.
import { Button, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/page-state.tsx';
import { useT } from '../../../i18n/i18n.ts';
import { formatDateTime, formatNumber } from '../../../lib/format.ts';
import { can, useSession } from '../../../lib/session.tsx';
import { useApi } from '../../../lib/use-api.ts';
import { LEVEL_TAG_COLOURS } from '../../health/components/colour-tag.tsx';
import type { Level } from '../../health/zones-api.ts';
import { AreaName } from '../../registry/components/area-name.tsx';
import { linesText, listRequests, REQUEST_STATUSES, useItems, type RequestStatus, type SupplyRequest } from '../supplies-api.ts';
import { supplyMessages } from '../supply-messages.ts';
import { AllocateModal } from './allocate-modal.tsx';
import { CancelModal } from './cancel-modal.tsx';
import { RequestStatusTag } from './request-status-tag.tsx';

type Filter = RequestStatus | 'all';
const PAGE = 50;

export const RequestsTab = ({ onChange }: { onChange: () => void }) => {
  const t = useT(supplyMessages);
  const { me } = useSession();
  const items = useItems();
  const [status, setStatus] = useState<Filter>('requested');
  const [page, setPage] = useState(1);
  const list = useApi(() => listRequests({ status: status === 'all' ? undefined : status, limit: PAGE, offset: (page - 1) * PAGE }), [status, page]);
  const [allocating, setAllocating] = useState<SupplyRequest | null>(null);
  const [cancelling, setCancelling] = useState<SupplyRequest | null>(null);
  const manage = can(me, 'supply.manage');
  const done = () => {
    setAllocating(null);
    setCancelling(null);
    list.reload();
    onChange();
  };
  return (
    <>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <Segmented<Filter> value={status} onChange={(s) => (setStatus(s), setPage(1))} data-testid="request-status"
          options={[...REQUEST_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })), { value: 'all' as const, label: t('all') }]} />
        {list.data && <Typography.Text type="secondary">{t('total', { n: formatNumber(list.data.total) })}</Typography.Text>}
      </Space>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<SupplyRequest>
        rowKey="id"
        size="small"
        data-testid="requests-table"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('noRequests') }}
        pagination={{ current: page, pageSize: PAGE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          { title: t('requestedAt'), dataIndex: 'requestedAt', width: 136, render: (v: string) => formatDateTime(v) },
          {
            title: t('household'), key: 'household', width: 240,
            render: (_, r) => (
              <>
                {r.headName}
                {r.zone && <Tag color={LEVEL_TAG_COLOURS[r.zone.level as Level] ?? 'default'} style={{ marginLeft: 8 }}>{r.zone.name}</Tag>}
                <div className="muted" style={{ fontSize: 12 }}>{r.address ?? '—'}</div>
              </>
            ),
          },
          { title: t('grid'), dataIndex: 'gridCode', width: 150, ellipsis: true, render: (c: string) => <AreaName code={c} /> },
          {
            title: t('items'), key: 'items',
            render: (_, r) => (
              <>
                {linesText(r.items, items.data?.items)}
                {r.deliveredItems && <div className="muted" style={{ fontSize: 12 }}>{t('delivered')}：{linesText(r.deliveredItems, items.data?.items)}</div>}
                {r.note && <div className="muted" style={{ fontSize: 12 }}>{r.note}</div>}
              </>
            ),
          },
          { title: t('status'), dataIndex: 'status', width: 84, render: (s: RequestStatus) => <RequestStatusTag status={s} /> },
          {
            title: `${t('warehouse')} / ${t('assignee')}`, key: 'allocation', width: 170,
            render: (_, r) => (r.warehouse ? <>{r.warehouse.name}<div className="muted" style={{ fontSize: 12 }}>{r.assignee?.name ?? '—'} · {formatDateTime(r.deliveredAt ?? r.allocatedAt)}</div></> : '—'),
          },
          ...(manage ? [{
            title: t('actions'), key: 'actions', width: 150,
            render: (_: unknown, r: SupplyRequest) => (
              <Space size={4}>
                {r.status === 'requested' && <Button size="small" type="primary" onClick={() => setAllocating(r)} data-testid="allocate-button">{t('allocate')}</Button>}
                {(r.status === 'requested' || r.status === 'allocated') && <Button size="small" danger onClick={() => setCancelling(r)}>{t('cancelRequest')}</Button>}
              </Space>
            ),
          }] : []),
        ]}
      />
      <AllocateModal request={allocating} onClose={() => setAllocating(null)} onDone={done} />
      <CancelModal request={cancelling} onClose={() => setCancelling(null)} onDone={done} />
    </>
  );
};
