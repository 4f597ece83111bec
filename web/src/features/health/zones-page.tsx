// 风险区管理: the zones touching the caller's area, on a map over the grid outlines and in a table;
// an operator draws a new one (on the map or from a GeoJSON file).
import { Button, Card, Segmented, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { can, useSession } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { useGrids } from '../map/map-api.ts';
import { AreaName } from '../registry/components/area-name.tsx';
import { LevelTag } from './components/colour-tag.tsx';
import { NextStep } from './components/next-step.tsx';
import { ZoneForm } from './components/zone-form.tsx';
import { ZoneMap } from './components/zone-map.tsx';
import { listZones, type Zone } from './zones-api.ts';
import { zoneMessages } from './zone-messages.ts';

type Filter = 'active' | 'lifted' | 'all';

export const ZonesPage = () => {
  const t = useT(zoneMessages);
  const { me } = useSession();
  const navigate = useNavigate();
  const [status, setStatus] = useState<Filter>('active');
  const zones = useApi(() => listZones({ status: status === 'all' ? undefined : status, limit: 200 }), [status]);
  // Grid outlines down to a county (about 1,400 grids); a city's would be too many to draw.
  const scope = me?.scope ?? '';
  const grids = useGrids(scope.length >= 6 ? scope : null);
  const [drawing, setDrawing] = useState(false);
  const items = useMemo(() => zones.data?.items ?? [], [zones.data]);
  const shown = useMemo(() => items.filter((z) => z.status === 'active'), [items]);
  return (
    <>
      <div className="page-title">
        <h1>{t('title')}</h1>
        {can(me, 'zone.manage') && <Button type="primary" onClick={() => setDrawing(true)} data-testid="zone-draw">{t('draw')}</Button>}
      </div>
      <ErrorAlert error={zones.error ?? grids.error} onRetry={zones.reload} />
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <Card size="small" style={{ flex: '1 1 600px', minWidth: 0 }}
          extra={<Segmented<Filter> size="small" value={status} onChange={setStatus} options={(['active', 'lifted', 'all'] as const).map((s) => ({ value: s, label: s === 'all' ? t('all') : t(`status.${s}`) }))} />}>
          <Table<Zone>
            rowKey="id"
            size="small"
            data-testid="zones-table"
            loading={zones.loading}
            dataSource={items}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('noZones') }}
            columns={[
              {
                title: t('zoneName'), dataIndex: 'name',
                render: (n: string, z) => <><Link to={`/console/zones/${z.id}`}>{n}</Link><div className="muted" style={{ fontSize: 12, fontFamily: 'monospace' }}>{z.code}</div></>,
              },
              { title: t('level'), dataIndex: 'level', width: 84, render: (l: Zone['level']) => <LevelTag level={l} /> },
              { title: t('status'), dataIndex: 'status', width: 84, render: (s: Zone['status']) => <Tag color={s === 'active' ? 'processing' : 'default'}>{t(`status.${s}`)}</Tag> },
              { title: t('area'), dataIndex: 'areaCode', width: 130, ellipsis: true, render: (c: string) => <AreaName code={c} /> },
              { title: t('nextStep'), width: 170, render: (_, z) => <span style={{ fontSize: 12 }}><NextStep zone={z} /></span> },
            ]}
          />
        </Card>
        <Card size="small" title={t('map')} style={{ flex: '0 1 460px', minWidth: 360 }}>
          <ZoneMap grids={grids.items} zones={shown} height={520} onZoneClick={(id) => navigate(`/console/zones/${id}`)} />
        </Card>
      </div>
      <ZoneForm open={drawing} grids={grids.items} zones={shown} onClose={() => setDrawing(false)} onDone={(z) => { setDrawing(false); navigate(`/console/zones/${z.id}`); }} />
    </>
  );
};
