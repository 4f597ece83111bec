// 物资配送 on a phone: the deliveries allocated to me (mark each delivered), those I delivered, and
// recording a household's request.
import { Button, Card, Empty, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { Loading } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { AreaName } from '../registry/components/area-name.tsx';
import { DeliverModal } from './components/deliver-modal.tsx';
import { RequestForm } from './components/request-form.tsx';
import { RequestStatusTag } from './components/request-status-tag.tsx';
import { linesText, listRequests, useItems, type SupplyRequest } from './supplies-api.ts';
import { supplyMessages } from './supply-messages.ts';

type Tab = 'allocated' | 'delivered' | 'record';

const DeliveryCard = ({ r, onDeliver }: { r: SupplyRequest; onDeliver?: () => void }) => {
  const t = useT(supplyMessages);
  const items = useItems();
  return (
    <Card size="small" className="event-card" data-testid="delivery-card" data-request={r.id}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text strong>{r.headName}</Typography.Text>
        <RequestStatusTag status={r.status} />
      </Space>
      <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.address ?? <AreaName code={r.gridCode} />}</Typography.Text></div>
      <div style={{ margin: '6px 0' }}>{linesText(r.deliveredItems ?? r.items, items.data?.items)}</div>
      {r.note && <div className="muted" style={{ fontSize: 12 }}>{r.note}</div>}
      <div className="muted" style={{ fontSize: 12 }}>
        {r.warehouse && t('fromWarehouse', { name: r.warehouse.name })} · {formatDateTime(r.deliveredAt ?? r.allocatedAt)}
      </div>
      {onDeliver && <Button type="primary" block onClick={onDeliver} style={{ marginTop: 8 }} data-testid="deliver-button">{t('deliver')}</Button>}
    </Card>
  );
};

export const FieldDeliveriesPage = () => {
  const t = useT(supplyMessages);
  const [tab, setTab] = useState<Tab>('allocated');
  const [delivering, setDelivering] = useState<SupplyRequest | null>(null);
  const list = useApi(() => (tab === 'record' ? Promise.resolve(null) : listRequests({ mine: true, status: tab, limit: 100 })), [tab]);
  return (
    <div data-testid="field-deliveries">
      <h2 style={{ margin: '4px 0 12px' }}>{t('deliveriesTitle')}</h2>
      <Segmented<Tab> block value={tab} onChange={setTab} style={{ marginBottom: 12 }} data-testid="delivery-tabs"
        options={[{ value: 'allocated', label: t('myDeliveries') }, { value: 'delivered', label: t('myDelivered') }, { value: 'record', label: t('record') }]} />
      {tab === 'record' ? (
        <Card size="small"><RequestForm /></Card>
      ) : (
        <Loading state={list}>
          {(page) => !page || page.items.length === 0 ? <Empty description={t('noDeliveries')} /> : page.items.map((r) => (
            <DeliveryCard key={r.id} r={r} onDeliver={r.status === 'allocated' ? () => setDelivering(r) : undefined} />
          ))}
        </Loading>
      )}
      <DeliverModal request={delivering} onClose={() => setDelivering(null)} onDone={() => { setDelivering(null); list.reload(); }} />
    </div>
  );
};
