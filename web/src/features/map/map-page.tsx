// The grid map: the grids of the user's area (or a street or community chosen in the picker, kept in
// ?area=), events as coloured markers, and the clicked grid's staff and event counts beside the map.
import { Alert, Space, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { formatNumber } from '../../lib/format.ts';
import { useSession } from '../../lib/session.tsx';
import { AreaPicker } from './components/area-picker.tsx';
import { createEventPopup } from './components/event-popup.ts';
import { GridMap } from './components/grid-map.tsx';
import { GridPanel } from './components/grid-panel.tsx';
import { MapLegend } from './components/map-legend.tsx';
import { MAX_GRIDS, useGrids, useMapEvents, type Grid, type MapEvent } from './map-api.ts';
import { countByGrid, groupOf } from './map-colours.ts';
import { mapMessages } from './map-messages.ts';

/** Loading progress and totals, in one line under the title. */
const Status = ({ grids, gridTotal, gridsDone, events, eventTotal }: { grids: number; gridTotal: number | null; gridsDone: boolean; events: number; eventTotal: number | null }) => {
  const t = useT(mapMessages);
  const n = formatNumber;
  return (
    <Space size={16} data-testid="map-status">
      {!gridsDone && gridTotal !== null && gridTotal <= MAX_GRIDS ? (
        <span><Spin size="small" /> {t('gridsLoading', { n: n(grids), total: n(gridTotal) })}</span>
      ) : (
        gridTotal !== null && gridTotal <= MAX_GRIDS && <Typography.Text type="secondary">{t('gridsLoaded', { n: n(gridTotal) })}</Typography.Text>
      )}
      {eventTotal !== null && (
        <Typography.Text type="secondary">
          {eventTotal > events ? t('eventsCapped', { n: n(events), total: n(eventTotal) }) : t('eventsLoaded', { n: n(eventTotal) })}
        </Typography.Text>
      )}
    </Space>
  );
};

const NO_GRIDS: Grid[] = [];

export const MapPage = () => {
  const t = useT(mapMessages);
  const { me } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const scope = me?.scope ?? '';
  const requested = params.get('area');
  const area = requested && /^\d+$/.test(requested) && requested.startsWith(scope) ? requested : scope;
  const grids = useGrids(area || null);
  const events = useMapEvents(area || null);
  const [selected, setSelected] = useState<string | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());

  const tooMany = grids.total !== null && grids.total > MAX_GRIDS;
  const shownGrids = tooMany ? NO_GRIDS : grids.items;
  const counts = useMemo(() => countByGrid(events.items), [events.items]);
  const shownEvents = useMemo(() => events.items.filter((e) => !hidden.has(groupOf(e.state))), [events.items, hidden]);
  const eventsComplete = events.done && !events.error && events.total !== null && events.items.length >= events.total;
  const grid = shownGrids.find((g) => g.code === selected) ?? null;

  // Built when a popup opens, so it speaks the current language.
  const popupOf = (e: MapEvent) =>
    createEventPopup(e, {
      code: t('eventCode'), category: t('category'), state: t('state'), stateName: t(`state.${e.state}`), deadline: t('deadline'), open: t('openEvent'),
    }, (path) => navigate(path));
  const chooseArea = (code: string) => {
    setSelected(null);
    setParams(code === scope ? {} : { area: code });
  };
  const toggle = (group: string) =>
    setHidden((h) => {
      const next = new Set(h);
      if (!next.delete(group)) next.add(group);
      return next;
    });

  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: 'calc(100vh - 96px)', minHeight: 560 }}>
      <div className="page-title">
        <h1>{t('title')}</h1>
        <Space size={16} wrap>
          <Status grids={grids.items.length} gridTotal={grids.total} gridsDone={grids.done} events={events.items.length} eventTotal={events.total} />
          {scope.length < 12 && <AreaPicker scope={scope} value={area} onChange={chooseArea} />}
        </Space>
      </div>
      <ErrorAlert error={grids.error ?? events.error} />
      {tooMany && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('tooManyGrids', { total: formatNumber(grids.total) })} />}
      {grids.done && !grids.error && grids.total === 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('noGrids')} />}
      <div style={{ display: 'flex', gap: 16, flex: 1, minHeight: 0 }}>
        <div style={{ flex: 1, minWidth: 0, position: 'relative' }} data-testid="grid-map" data-grids={shownGrids.length} data-events={shownEvents.length}>
          <GridMap grids={shownGrids} gridsDone={grids.done} events={shownEvents} counts={counts} selected={selected} onSelect={setSelected} popupOf={popupOf} />
          <MapLegend hidden={hidden} onToggle={toggle} />
        </div>
        <div style={{ width: 340, flex: 'none', overflowY: 'auto', display: 'flex', flexDirection: 'column', gap: 12 }}>
          <GridPanel grid={grid} known={grid ? counts.get(grid.code) : undefined} complete={eventsComplete} />
        </div>
      </div>
    </div>
  );
};
