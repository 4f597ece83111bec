// What lies inside a zone, paged and optionally of one grid: the people (each opens their health code)
// and the addresses with their households and people, the points to seal and to supply.
import { Select, Table } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../../i18n/i18n.ts';
import { AreaName, useAreaName } from '../../registry/components/area-name.tsx';
import { usePagedList } from '../../registry/components/use-paged-list.ts';
import { zoneAddresses, zonePeople, type ZoneAddress, type ZoneDetail, type ZonePerson } from '../zones-api.ts';
import { zoneMessages } from '../zone-messages.ts';
import { ColourTag } from './colour-tag.tsx';

const GridOption = ({ code }: { code: string }) => <>{useAreaName(code) ?? code}</>;

const GridFilter = ({ zone, onChange }: { zone: ZoneDetail; onChange: (grid?: string) => void }) => {
  const t = useT(zoneMessages);
  return (
    <Select allowClear placeholder={t('allGrids')} style={{ width: 260, marginBottom: 12 }} onChange={onChange}
      options={zone.grids.map((g) => ({ value: g.gridCode, label: <GridOption code={g.gridCode} /> }))} />
  );
};

export const ZonePeople = ({ zone }: { zone: ZoneDetail }) => {
  const t = useT(zoneMessages);
  const list = usePagedList((q) => zonePeople(zone.id, q), {}, 20);
  return (
    <>
      <GridFilter zone={zone} onChange={(grid) => list.search({ grid })} />
      <Table<ZonePerson>
        rowKey="id"
        size="small"
        data-testid="zone-people"
        loading={list.state.loading}
        dataSource={list.state.data?.items ?? []}
        pagination={list.pagination}
        columns={[
          { title: t('name'), dataIndex: 'name', width: 90, render: (n: string, p) => <Link to={`/console/health-codes/persons/${p.id}`}>{n}</Link> },
          { title: t('idNumber'), dataIndex: 'idNumber', width: 180, render: (v: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{v}</span> },
          { title: t('colour'), dataIndex: 'colour', width: 80, render: (c: ZonePerson['colour']) => <ColourTag colour={c} /> },
          { title: t('grid'), dataIndex: 'gridCode', width: 180, ellipsis: true, render: (c: string) => <AreaName code={c} /> },
          { title: t('address'), dataIndex: 'address', ellipsis: true, render: (v: string | null) => v ?? '—' },
        ]}
      />
    </>
  );
};

export const ZoneAddresses = ({ zone }: { zone: ZoneDetail }) => {
  const t = useT(zoneMessages);
  const list = usePagedList((q) => zoneAddresses(zone.id, q), {}, 20);
  return (
    <>
      <GridFilter zone={zone} onChange={(grid) => list.search({ grid })} />
      <Table<ZoneAddress>
        rowKey="id"
        size="small"
        data-testid="zone-addresses"
        loading={list.state.loading}
        dataSource={list.state.data?.items ?? []}
        pagination={list.pagination}
        columns={[
          { title: t('address'), dataIndex: 'address', ellipsis: true },
          { title: t('grid'), dataIndex: 'gridCode', width: 180, ellipsis: true, render: (c: string) => <AreaName code={c} /> },
          { title: t('households'), dataIndex: 'households', width: 60, align: 'right' },
          { title: t('persons'), dataIndex: 'persons', width: 60, align: 'right' },
        ]}
      />
    </>
  );
};
