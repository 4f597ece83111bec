// One event: what, where, photos, the pin on its grid, the full history, and what the caller may do now.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { lazy, Suspense, useEffect } from 'react';
import { useNavigate, useParams } from 'react-router';
import { AuthImage } from '../../components/auth-image.tsx';
import { DeadlineTag, StateTag } from '../../components/event-tags.tsx';
import { Loading } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { ActionPanel } from './components/action-panel.tsx';
import { EventHistory } from './components/event-history.tsx';
import { eventsMessages } from './events-messages.ts';
import { getEvent, watchEventChanges, type EventDetail } from './events-api.ts';

// Leaflet loads only when an event page is opened.
const EventPinMap = lazy(async () => ({ default: (await import('./components/event-pin-map.tsx')).EventPinMap }));

const EventFacts = ({ e }: { e: EventDetail }) => {
  const t = useT(eventsMessages);
  return (
    <Descriptions column={2} size="small" bordered data-testid="event-facts">
      <Descriptions.Item label={t('code')}>{e.code}</Descriptions.Item>
      <Descriptions.Item label={t('state')}>
        <Space size={4} wrap><StateTag state={e.state} />{e.suspended && <Tag>{t('suspended')}</Tag>}{e.settledOnSpot && <Tag color="green">{t('settledOnSpot')}</Tag>}</Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('category')}>{e.categoryName}</Descriptions.Item>
      <Descriptions.Item label={t('channel')}>{t(`channel.${e.channel}`)}</Descriptions.Item>
      <Descriptions.Item label={t('description')} span={2}>{e.description}</Descriptions.Item>
      <Descriptions.Item label={t('address')} span={2}>{e.address ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('grid')}>{e.gridCode}</Descriptions.Item>
      <Descriptions.Item label={t('level')}>{t(`level.${e.level}`)}</Descriptions.Item>
      <Descriptions.Item label={t('deadline')}>
        {e.deadline ? <Space size={4}><DeadlineTag colour={e.colour} />{formatDateTime(e.deadline)}</Space> : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('createdAt')}>{formatDateTime(e.createdAt)}</Descriptions.Item>
      <Descriptions.Item label={t('leadUnit')}>{e.leadUnit?.name ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('assistUnits')}>{e.assistUnits.map((u) => u.name).join('、') || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('reporter')}>{[e.reporterName, e.reporterPhone].filter(Boolean).join(' ') || '—'}</Descriptions.Item>
      <Descriptions.Item label="">
        <Typography.Text type="secondary">
          {t('counters', { urge: e.urgeCount, supervise: e.superviseCount, escalate: e.escalationCount, reopen: e.reopenCount })}
        </Typography.Text>
      </Descriptions.Item>
    </Descriptions>
  );
};

export const EventPage = () => {
  const t = useT(eventsMessages);
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const event = useApi(() => getEvent(id), [id]);
  // Someone else acting on this event refreshes the page.
  useEffect(() => watchEventChanges((c) => c.id === id && event.reload()), [id, event.reload]);
  return (
    <>
      <div className="page-title">
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('back')} />
          <h1>{t('details')} {event.data?.code ?? ''}</h1>
        </Space>
      </div>
      <Loading state={event}>
        {(e) => (
          <Row gutter={16}>
            <Col xs={24} xl={15}>
              <Card size="small" title={t('actions')} style={{ marginBottom: 16 }}>
                <ActionPanel event={e} onDone={event.reload} />
              </Card>
              {e.possibleDuplicates.length > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 16 }}
                  title={t('duplicates')}
                  description={e.possibleDuplicates.map((d) => <div key={d.id}><a onClick={() => navigate(`/console/events/${d.id}`)}>{d.code}</a> {d.description}</div>)}
                />
              )}
              <Card size="small" style={{ marginBottom: 16 }}><EventFacts e={e} /></Card>
              {e.photoIds.length > 0 && (
                <Card size="small" title={t('photos')} style={{ marginBottom: 16 }}>
                  <Space wrap>{e.photoIds.map((p) => <AuthImage key={p} id={p} size={120} />)}</Space>
                </Card>
              )}
              {e.lng !== null && e.lat !== null && (
                <Card size="small" title={t('location')} style={{ marginBottom: 16 }}>
                  <Suspense fallback={null}><EventPinMap lng={e.lng} lat={e.lat} gridCode={e.gridCode} /></Suspense>
                </Card>
              )}
            </Col>
            <Col xs={24} xl={9}>
              <Card size="small" title={t('history')}><EventHistory history={e.history} /></Card>
            </Col>
          </Row>
        )}
      </Loading>
    </>
  );
};
