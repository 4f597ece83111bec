// The units (departments and stations) of an area and below, filterable by type. Read-only: the API has no writes.
import { Alert, Card, Form, Select, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Loading } from '../../components/page-state.tsx';
import { formatNumber } from '../../lib/format.ts';
import { useSession } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { AreaName } from '../registry/components/area-name.tsx';
import { AreaPicker } from '../registry/components/area-picker.tsx';
import { listUnits, type Unit } from './admin-api.ts';
import { useAdminT } from './components/use-admin-t.ts';

const TYPE_COLOURS: Record<string, string> = {
  police: 'blue', urban_management: 'green', market_regulation: 'gold', law_enforcement: 'volcano', emergency: 'red', housing: 'cyan',
  health: 'magenta', civil_affairs: 'purple', human_resources: 'geekblue', judicial: 'lime', ecology: 'green', transport: 'orange',
};

export const UnitsPage = () => {
  const { t, label } = useAdminT();
  const scope = useSession().me?.scope ?? '';
  const [area, setArea] = useState<string>();
  const [type, setType] = useState<string>();
  const units = useApi(() => listUnits(area), [area]);
  const here = area ?? scope;

  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const u of units.data?.items ?? []) m.set(u.type, (m.get(u.type) ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1]);
  }, [units.data]);

  return (
    <>
      <div className="page-title"><h1>{t('unitsTitle')}</h1></div>
      <Alert type="info" showIcon title={t('unitsNote')} style={{ marginBottom: 12 }} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form layout="inline" style={{ rowGap: 12 }}>
          <Form.Item label={t('area')}>
            <AreaPicker value={area} onChange={(c) => { setArea(c); setType(undefined); }} />
          </Form.Item>
          <Form.Item label={t('type')}>
            <Select
              allowClear
              placeholder={t('allTypes')}
              style={{ width: 220 }}
              value={type}
              onChange={setType}
              options={counts.map(([ty, n]) => ({ value: ty, label: t('withCount', { name: label('unitType', ty), n: formatNumber(n) }) }))}
              data-testid="unit-type-filter"
            />
          </Form.Item>
        </Form>
      </Card>
      <Loading state={units}>
        {(data) => {
          const rows = data.items.filter((u) => !type || u.type === type).sort((a, b) => a.areaCode.localeCompare(b.areaCode) || a.type.localeCompare(b.type));
          return (
            <Table<Unit>
              rowKey="id"
              size="middle"
              data-testid="units-table"
              loading={units.loading}
              dataSource={rows}
              locale={{ emptyText: t('empty') }}
              pagination={{ pageSize: 20, showSizeChanger: true, pageSizeOptions: [20, 50, 100], showTotal: (n) => t('total', { n: formatNumber(n) }) }}
              columns={[
                { title: t('unitName'), dataIndex: 'name', render: (name: string) => <strong>{name}</strong> },
                { title: t('type'), dataIndex: 'type', width: 160, render: (ty: string) => <Tag color={TYPE_COLOURS[ty] ?? 'default'}>{label('unitType', ty)}</Tag> },
                {
                  title: t('unitArea'),
                  dataIndex: 'areaCode',
                  width: 260,
                  render: (c: string) => (
                    <>
                      <AreaName code={c} />
                      {!c.startsWith(here) && <Tag style={{ marginLeft: 8 }}>{t('above')}</Tag>}
                    </>
                  ),
                },
              ]}
            />
          );
        }}
      </Loading>
    </>
  );
};
