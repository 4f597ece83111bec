// 仓库库存: the warehouses of the caller's area, each with its stock; receiving or taking out stock and
// opening a warehouse are for those who manage supplies.
import { Button, Card, Empty, Space, Table } from 'antd';
import { useState } from 'react';
import { Loading } from '../../../components/page-state.tsx';
import { useT } from '../../../i18n/i18n.ts';
import { formatNumber } from '../../../lib/format.ts';
import { can, useSession } from '../../../lib/session.tsx';
import type { Loaded } from '../../../lib/use-api.ts';
import { AreaName } from '../../registry/components/area-name.tsx';
import { useItems, type Line, type Warehouse } from '../supplies-api.ts';
import { supplyMessages } from '../supply-messages.ts';
import { StockModal } from './stock-modal.tsx';
import { WarehouseModal } from './warehouse-modal.tsx';

export const WarehousesTab = ({ warehouses }: { warehouses: Loaded<{ items: Warehouse[] }> }) => {
  const t = useT(supplyMessages);
  const { me } = useSession();
  const items = useItems();
  const [creating, setCreating] = useState(false);
  const [stocking, setStocking] = useState<Warehouse | null>(null);
  const manage = can(me, 'supply.manage');
  const itemOf = (code: string) => items.data?.items.find((i) => i.code === code);
  return (
    <>
      {manage && (
        <div style={{ marginBottom: 12, textAlign: 'right' }}>
          <Button type="primary" onClick={() => setCreating(true)} data-testid="warehouse-create">{t('newWarehouse')}</Button>
        </div>
      )}
      <Loading state={warehouses}>
        {({ items: list }) => list.length === 0 ? <Empty description={t('noWarehouses')} /> : (
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(360px, 1fr))', gap: 16 }}>
            {list.map((w) => (
              <Card key={w.id} size="small" data-testid="warehouse-card" data-warehouse={w.name}
                title={<Space orientation="vertical" size={0}><span>{w.name}</span><span className="muted" style={{ fontSize: 12, fontWeight: 400 }}><AreaName code={w.streetCode} />{w.address ? ` · ${w.address}` : ''}</span></Space>}
                extra={manage && <Button size="small" onClick={() => setStocking(w)} data-testid="stock-button">{t('addStock')}</Button>}>
                <Table<Line>
                  rowKey="item"
                  size="small"
                  pagination={false}
                  dataSource={w.stock}
                  locale={{ emptyText: t('noStock') }}
                  columns={[
                    { title: t('item'), dataIndex: 'item', render: (c: string) => itemOf(c)?.name ?? c },
                    { title: t('stock'), dataIndex: 'quantity', align: 'right', width: 120, render: (n: number, l) => <span data-testid={`stock-${l.item}`}>{formatNumber(n)} {itemOf(l.item)?.unit ?? ''}</span> },
                  ]}
                />
              </Card>
            ))}
          </div>
        )}
      </Loading>
      <WarehouseModal open={creating} onClose={() => setCreating(false)} onDone={() => { setCreating(false); warehouses.reload(); }} />
      <StockModal warehouse={stocking} onClose={() => setStocking(null)} onDone={() => { setStocking(null); warehouses.reload(); }} />
    </>
  );
};
