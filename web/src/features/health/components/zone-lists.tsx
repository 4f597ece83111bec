// What lies inside a zone, paged and optionally of one grid: the people (each opens their health code)
// and the addresses with their households and people, the points to seal and to supply.
import { Select, Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../../i18n/i18n.ts';
import type { Page, Query } from '../../../lib/api.ts';
import { AreaName, useAreaName } from '../../registry/components/area-name.tsx';
import { usePagedList } from '../../registry/components/use-paged-list.ts';
import { zoneAddresses, zonePeople, type ZoneAddress, type ZoneDetail, type ZonePerson } from '../zones-api.ts';
import { zoneMessages } from '../zone-messages.ts';
import { ColourTag } from './colour-tag.tsx';

const GridOption = ({ code }: { code: string }) => <>{useAreaName(code) ?? code}</>;

/** One list of the zone: a grid filter over a paged table. */
const ZoneList = <T extends { id: number }>({ zone, load, testId, columns }: {
  zone: ZoneDetail; load: (id: number, q: Query) => Promise<Page<T>>; testId: string; columns: TableColumnsType<T>;
}) => {
  const t = useT(zoneMessages);
  const list = usePagedList((q) => load(zone.id, q), {}, 20);
  return (
    <>
      <Select allowClear placeholder={t('allGrids')} style={{ width: 260, marginBottom: 12 }} onChange={(grid?: string) => list.search({ grid })}
        options={zone.grids.map((g) => ({ value: g.gridCode, label: <GridOption code={g.gridCode} /> }))} />
      <Table<T> rowKey="id" size="small" data-testid={testId} loading={list.state.loading} dataSource={list.state.data?.items ?? []}
        pagination={list.pagination} columns={columns} />
    </>
  );
};

export const ZonePeople = ({ zone }: { zone: ZoneDetail }) => {
  const t = useT(zoneMessages);
  return (
    <ZoneList<ZonePerson> zone={zone} load={zonePeople} testId="zone-people" columns={[
      { title: t('name'), dataIndex: 'name', width: 90, render: (n: string, p) => <Link to={`/console/health-codes/persons/${p.id}`}>{n}</Link> },
      { title: t('idNumber'), dataIndex: 'idNumber', width: 180, render: (v: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{v}</span> },
      { title: t('colour'), dataIndex: 'colour', width: 80, render: (c: ZonePerson['colour']) => <ColourTag colour={c} /> },
      { title: t('grid'), dataIndex: 'gridCode', width: 180, ellipsis: true, render: (c: string) => <AreaName code={c} /> },
      { title: t('address'), dataIndex: 'address', ellipsis: true, render: (v: string | null) => v ?? '—' },
    ]} />
  );
};

export const ZoneAddresses = ({ zone }: { zone: ZoneDetail }) => {
  const t = useT(zoneMessages);
  return (
    <ZoneList<ZoneAddress> zone={zone} load={zoneAddresses} testId="zone-addresses" columns={[
      { title: t('address'), dataIndex: 'address', ellipsis: true },
      { title: t('grid'), dataIndex: 'gridCode', width: 180, ellipsis: true, render: (c: string) => <AreaName code={c} /> },
      { title: t('households'), dataIndex: 'households', width: 60, align: 'right' },
      { title: t('persons'), dataIndex: 'persons', width: 60, align: 'right' },
    ]} />
  );
};
