// One risk zone: its level and timers, what lies inside per grid, the grids' tasks (events of the
// closed loop), its history, its people and addresses; an operator records a case, changes the level
// or lifts it.
import { Card, Col, Descriptions, Row, Space, Statistic, Table, Tabs, Tag, Timeline } from 'antd';
import type { GeoJsonObject } from 'geojson';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { StateTag } from '../../components/event-tags.tsx';
import { Loading } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { can, useSession } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { useGrids } from '../map/map-api.ts';
import { AreaName } from '../registry/components/area-name.tsx';
import { LevelTag } from './components/colour-tag.tsx';
import { NextStep } from './components/next-step.tsx';
import { ZoneActions } from './components/zone-action.tsx';
import { ZoneMap } from './components/zone-map.tsx';
import { ZoneAddresses, ZonePeople } from './components/zone-lists.tsx';
import { getZone, LEVELS, type ZoneDetail } from './zones-api.ts';
import { zoneMessages } from './zone-messages.ts';

export const ZonePage = () => {
  const t = useT(zoneMessages);
  const { me } = useSession();
  const id = Number(useParams().id);
  const zone = useApi(() => getZone(id), [id]);
  const grids = useGrids(zone.data ? zone.data.areaCode.slice(0, 9) : null);
  // The view shows the zone with the grids it touches, so it is seen in its place.
  const focus = useMemo((): GeoJsonObject | null => {
    const z = zone.data;
    if (!z) return null;
    const touched = new Set(z.grids.map((g) => g.gridCode));
    const around = grids.items.filter((g) => touched.has(g.code) && g.geometry).map((g) => ({ type: 'Feature' as const, geometry: g.geometry!, properties: {} }));
    return { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: z.geometry, properties: {} }, ...around] } as GeoJsonObject;
  }, [zone.data, grids.items]);
  const level = (l: ZoneDetail['level'] | null) => (l ? t(`level.${l}`) : t('status.lifted'));
  return (
    <Loading state={zone}>
      {(z) => (
        <>
          <div className="page-title">
            <Space align="center" size={10}>
              <h1 data-testid="zone-title">{z.name}</h1>
              <LevelTag level={z.level} />
              <Tag color={z.status === 'active' ? 'processing' : 'default'}>{t(`status.${z.status}`)}</Tag>
              <code className="muted">{z.code}</code>
            </Space>
            {z.status === 'active' && can(me, 'zone.manage') && <ZoneActions zone={z} onDone={zone.reload} />}
          </div>
          <Row gutter={16}>
            <Col xs={24} xl={10}>
              <Card size="small" style={{ marginBottom: 16 }}>
                <Space size={32} style={{ marginBottom: 12 }} data-testid="zone-totals">
                  <Statistic title={t('addresses')} value={z.totals.addresses} />
                  <Statistic title={t('households')} value={z.totals.households} />
                  <Statistic title={t('persons')} value={z.totals.persons} />
                  <Statistic title={t('grids')} value={z.grids.length} />
                </Space>
                <Descriptions column={1} size="small" bordered styles={{ label: { width: 130 } }}>
                  <Descriptions.Item label={t('area')}><AreaName code={z.areaCode} /></Descriptions.Item>
                  <Descriptions.Item label={t('startAt')}>{formatDateTime(z.startAt)}</Descriptions.Item>
                  <Descriptions.Item label={t('levelSince')}>{formatDateTime(z.levelSince)}</Descriptions.Item>
                  <Descriptions.Item label={t('lastCaseAt')}>{formatDateTime(z.lastCaseAt)}</Descriptions.Item>
                  <Descriptions.Item label={t('nextStep')}><NextStep zone={z} /></Descriptions.Item>
                  <Descriptions.Item label={t('timers')}>
                    {LEVELS.map((l) => `${t(`level.${l}`)} ${z.timers[l] ?? t('timerNone')}`).join(' · ')}
                  </Descriptions.Item>
                </Descriptions>
              </Card>
            </Col>
            <Col xs={24} xl={14}>
              <Card size="small" style={{ marginBottom: 16 }}>
                <ZoneMap grids={grids.items} zones={[z]} focus={focus} height={330} />
              </Card>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('grids')} style={{ marginBottom: 16 }}>
                <Table rowKey="gridCode" size="small" pagination={false} dataSource={z.grids} data-testid="zone-grids"
                  columns={[
                    { title: t('grid'), dataIndex: 'gridCode', render: (c: string) => <AreaName code={c} /> },
                    { title: t('addresses'), dataIndex: 'addresses', width: 80, align: 'right', render: formatNumber },
                    { title: t('households'), dataIndex: 'households', width: 80, align: 'right', render: formatNumber },
                    { title: t('persons'), dataIndex: 'persons', width: 80, align: 'right', render: formatNumber },
                  ]} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('tasks')} style={{ marginBottom: 16 }}>
                <Table rowKey="eventId" size="small" pagination={false} dataSource={z.tasks} data-testid="zone-tasks"
                  columns={[
                    { title: t('grid'), dataIndex: 'gridCode', ellipsis: true, render: (c: string) => <AreaName code={c} /> },
                    { title: t('event'), dataIndex: 'eventCode', width: 170, render: (c: string, task) => <Link to={`/console/events/${task.eventId}`}>{c}</Link> },
                    { title: t('state'), dataIndex: 'state', width: 80, render: (s: string) => <StateTag state={s} /> },
                    { title: t('deadline'), dataIndex: 'deadline', width: 140, render: (d: string | null) => formatDateTime(d) },
                  ]} />
              </Card>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} xl={16}>
              <Card size="small" title={t('people')} style={{ marginBottom: 16 }}>
                <Tabs size="small" data-testid="zone-lists" items={[
                  { key: 'people', label: t('peopleTab'), children: <ZonePeople zone={z} /> },
                  { key: 'addresses', label: t('addressTab'), children: <ZoneAddresses zone={z} /> },
                ]} />
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card size="small" title={t('history')}>
                <Timeline data-testid="zone-history" items={z.history.map((h, i) => ({
                  key: i,
                  content: (
                    <div>
                      <div><strong>{t(`action.${h.action}`)}</strong> <span className="muted">{formatDateTime(h.at)} · {h.actorName}</span></div>
                      <div>{h.fromLevel ? `${level(h.fromLevel)} → ` : ''}{level(h.toLevel)}</div>
                      {h.note && <div className="muted">{h.note}</div>}
                    </div>
                  ),
                }))} />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Loading>
  );
};
