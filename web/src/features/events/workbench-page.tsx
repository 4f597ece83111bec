// The operator's workbench: inbox counts that update live, and the events of the chosen box.
import { WifiOutlined } from '@ant-design/icons';
import { App, Badge, Card, Col, Row, Statistic, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../../i18n/i18n.ts';
import { useApi } from '../../lib/use-api.ts';
import { ErrorAlert } from '../../components/page-state.tsx';
import { EventTable } from './components/event-table.tsx';
import { eventsMessages } from './events-messages.ts';
import { getInbox, listEvents, watchEventChanges, type Box } from './events-api.ts';

const ORDER: Box[] = ['to_accept', 'to_dispatch', 'to_sign', 'to_handle', 'to_verify', 'to_close', 'overdue', 'reported_by_me'];
const ALERT_BOXES = new Set<Box>(['overdue']);

export const WorkbenchPage = () => {
  const t = useT(eventsMessages);
  const { notification } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [tick, setTick] = useState(0);
  const [live, setLive] = useState(true);
  const inbox = useApi(getInbox, [tick]);
  const boxes = ORDER.filter((b) => inbox.data?.boxes[b] !== undefined);
  const box = (params.get('box') as Box | null) ?? boxes[0] ?? null;
  const offset = Number(params.get('offset') ?? 0);
  const limit = Number(params.get('limit') ?? 20);
  const events = useApi(() => (box ? listEvents({ box, limit, offset }) : Promise.resolve(undefined)), [box, offset, limit, tick]);

  // A change anywhere in the caller's reach refreshes the counts and the list; a new report is announced.
  useEffect(
    () =>
      watchEventChanges(
        (c) => {
          setLive(true);
          setTick((n) => n + 1);
          if (c.state === 'reported') notification.info({ title: t('newEvent', { code: c.code }), placement: 'bottomRight', duration: 4 });
        },
        (up) => setLive(up),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  return (
    <>
      <div className="page-title">
        <h1>{t('workbench')}</h1>
        <Tag icon={<WifiOutlined />} color={live ? 'green' : 'orange'} data-testid="live-status">{live ? t('live') : t('liveOff')}</Tag>
      </div>
      <ErrorAlert error={inbox.error} onRetry={inbox.reload} />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="inbox">
        {boxes.map((b) => (
          <Col key={b} xs={12} sm={8} lg={6} xl={3}>
            <Card
              size="small"
              hoverable
              onClick={() => setParams({ box: b })}
              style={{ borderColor: b === box ? '#1d4ed8' : undefined, borderWidth: b === box ? 2 : 1 }}
              data-box={b}
            >
              <Statistic
                title={t(`box.${b}`)}
                value={inbox.data?.boxes[b] ?? 0}
                styles={{ content: { color: ALERT_BOXES.has(b) && (inbox.data?.boxes[b] ?? 0) > 0 ? '#dc2626' : undefined } }}
                suffix={b === box ? <Badge status="processing" /> : null}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <ErrorAlert error={events.error} onRetry={events.reload} />
      {box && (
        <Card title={t(`box.${box}`)} size="small">
          <EventTable page={events.data} loading={events.loading} offset={offset} limit={limit} onPage={(o, l) => setParams({ box, offset: String(o), limit: String(l) })} />
        </Card>
      )}
    </>
  );
};
