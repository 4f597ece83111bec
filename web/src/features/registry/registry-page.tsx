// 人房企事物: one tab per part of the registry, the chosen tab kept in the URL.
import { Tabs } from 'antd';
import type { ComponentType } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../../i18n/i18n.ts';
import { PersonsTab } from './components/persons-tab.tsx';
import { EnterprisesTab, HouseholdsTab, HousesTab, ThingsTab } from './components/place-tabs.tsx';
import { registryMessages } from './registry-messages.ts';

const TABS = ['persons', 'households', 'houses', 'enterprises', 'things'] as const;
type Tab = (typeof TABS)[number];
const PANES: Record<Tab, ComponentType> = { persons: PersonsTab, households: HouseholdsTab, houses: HousesTab, enterprises: EnterprisesTab, things: ThingsTab };

export const RegistryPage = () => {
  const t = useT(registryMessages);
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((x) => x === params.get('tab')) ?? 'persons';
  return (
    <>
      <div className="page-title">
        <h1>{t('title')}</h1>
        <span className="muted">{t('subtitle')}</span>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        data-testid="registry-tabs"
        items={TABS.map((key) => {
          const Pane = PANES[key];
          return { key, label: t(key), children: <Pane /> };
        })}
      />
    </>
  );
};
