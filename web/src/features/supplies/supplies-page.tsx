// 物资调配: households' requests (allocate from a warehouse to a grid worker, or cancel), the
// warehouses with their stock, and delivered against requested per grid and per risk zone.
import { Card, Tabs } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/i18n.ts';
import { useApi } from '../../lib/use-api.ts';
import { RequestsTab } from './components/requests-tab.tsx';
import { SummaryTab } from './components/summary-tab.tsx';
import { WarehousesTab } from './components/warehouses-tab.tsx';
import { listWarehouses } from './supplies-api.ts';
import { supplyMessages } from './supply-messages.ts';

export const SuppliesPage = () => {
  const t = useT(supplyMessages);
  // An allocation takes stock and moves the figures: the other tabs re-read after one.
  const [tick, setTick] = useState(0);
  const warehouses = useApi(() => listWarehouses(), [tick]);
  return (
    <>
      <div className="page-title"><h1>{t('title')}</h1></div>
      <Card size="small">
        <Tabs
          data-testid="supply-tabs"
          items={[
            { key: 'requests', label: t('tabRequests'), children: <RequestsTab onChange={() => setTick((n) => n + 1)} /> },
            { key: 'warehouses', label: t('tabWarehouses'), children: <WarehousesTab warehouses={warehouses} /> },
            { key: 'summary', label: t('tabSummary'), children: <SummaryTab tick={tick} /> },
          ]}
        />
      </Card>
    </>
  );
};
