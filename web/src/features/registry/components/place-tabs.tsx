// 户、房、企、物: the other four registry lists, one generic paged table each with its own columns.
import { Table, Tag, type TableColumnsType } from 'antd';
import { ErrorAlert } from '../../../components/page-state.tsx';
import { useT } from '../../../i18n/i18n.ts';
import type { Query } from '../../../lib/api.ts';
import { formatDateTime, formatNumber } from '../../../lib/format.ts';
import { listRegistry, type Enterprise, type Household, type House, type RegistryKind, type Thing } from '../registry-api.ts';
import { registryMessages } from '../registry-messages.ts';
import { AreaName } from './area-name.tsx';
import { SearchForm } from './search-form.tsx';
import { usePagedList } from './use-paged-list.ts';

type Row = { id: number; gridCode: string; standardAddress: string | null };

const RegistryTab = <T extends Row,>({ kind, keyword, columns }: { kind: RegistryKind; keyword?: string; columns: TableColumnsType<T> }) => {
  const t = useT(registryMessages);
  const list = usePagedList((q: Query) => listRegistry<T>(kind, q));
  return (
    <>
      <SearchForm keyword={keyword} onSearch={list.search} testId={`${kind}-search`} />
      <ErrorAlert error={list.state.error} onRetry={list.state.reload} />
      <Table<T>
        rowKey="id"
        size="middle"
        data-testid={`${kind}-table`}
        loading={list.state.loading}
        dataSource={list.state.error ? [] : (list.state.data?.items ?? [])}
        pagination={list.pagination}
        locale={{ emptyText: t('empty') }}
        columns={[
          { title: t('id'), dataIndex: 'id', width: 90 },
          ...columns,
          { title: t('grid'), dataIndex: 'gridCode', width: 180, ellipsis: true, render: (c: string) => <AreaName code={c} /> },
        ]}
      />
    </>
  );
};

const address = (v: string | null) => v ?? '—';
const USAGE_COLOURS: Record<string, string> = { owner_occupied: 'default', rented: 'blue', vacant: 'default', commercial: 'purple', group_rental: 'orange' };
const STATUS_COLOURS: Record<string, string> = { active: 'green', offline: 'red', retired: 'default' };

export const HouseholdsTab = () => {
  const t = useT(registryMessages);
  return (
    <RegistryTab<Household>
      kind="households"
      keyword={t('headNameSearch')}
      columns={[
        { title: t('headName'), dataIndex: 'headName', width: 120 },
        { title: t('address'), dataIndex: 'standardAddress', ellipsis: true, render: address },
        { title: t('createdAt'), dataIndex: 'createdAt', width: 160, render: (d: string) => formatDateTime(d) },
      ]}
    />
  );
};

export const HousesTab = () => {
  const t = useT(registryMessages);
  return (
    <RegistryTab<House>
      kind="houses"
      columns={[
        { title: t('address'), dataIndex: 'standardAddress', ellipsis: true, render: address },
        { title: t('usage'), dataIndex: 'usage', width: 100, render: (u: string) => <Tag color={USAGE_COLOURS[u]}>{t(`usage.${u}`)}</Tag> },
        { title: t('floorArea'), dataIndex: 'floorArea', width: 110, align: 'right', render: (a: string | null) => (a === null ? '—' : formatNumber(Number(a))) },
      ]}
    />
  );
};

export const EnterprisesTab = () => {
  const t = useT(registryMessages);
  return (
    <RegistryTab<Enterprise>
      kind="enterprises"
      keyword={t('enterpriseSearch')}
      columns={[
        { title: t('enterpriseName'), dataIndex: 'name', width: 210, ellipsis: true },
        { title: t('creditCode'), dataIndex: 'creditCode', width: 190 },
        { title: t('legalPerson'), dataIndex: 'legalPerson', width: 100 },
        { title: t('contactPhone'), dataIndex: 'phone', width: 120, render: (p: string | null) => p ?? '—' },
        { title: t('industry'), dataIndex: 'industry', width: 150, ellipsis: true, render: (i: string | null) => i ?? '—' },
        { title: t('address'), dataIndex: 'standardAddress', ellipsis: true, render: (a: string | null, e) => a ?? e.addressText ?? '—' },
      ]}
    />
  );
};

export const ThingsTab = () => {
  const t = useT(registryMessages);
  return (
    <RegistryTab<Thing>
      kind="things"
      keyword={t('thingSearch')}
      columns={[
        { title: t('thingName'), dataIndex: 'name', width: 200, ellipsis: true },
        { title: t('kind'), dataIndex: 'kind', width: 110, render: (k: string) => t(`kind.${k}`) },
        { title: t('serial'), dataIndex: 'serial', width: 170 },
        { title: t('status'), dataIndex: 'status', width: 90, render: (s: string) => <Tag color={STATUS_COLOURS[s]}>{t(`status.${s}`)}</Tag> },
        { title: t('address'), dataIndex: 'standardAddress', ellipsis: true, render: address },
      ]}
    />
  );
};
