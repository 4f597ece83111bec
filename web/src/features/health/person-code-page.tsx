// One person's health code in the console: the colour and why, every change, the manual decisions
// (with revoke), 人工赋码, and the person's appeals.
import { Button, Card, Col, Descriptions, Row, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Loading } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { can, useSession } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { AreaName } from '../registry/components/area-name.tsx';
import { CodeHistory, Decisions } from './components/code-history.tsx';
import { AppealStatusTag } from './components/appeal-status-tag.tsx';
import { ColourBadge, ColourTag, Reasons } from './components/colour-tag.tsx';
import { RaiseModal } from './components/raise-modal.tsx';
import { getPersonCode, type Appeal } from './health-api.ts';
import { getPersonCheckins } from './checkins-api.ts';
import { checkinMessages } from './checkin-messages.ts';
import { CheckinDays } from './components/checkin-form.tsx';
import { healthMessages } from './health-messages.ts';

/** The person's daily check-ins: the days their measures still miss, and the recent readings. */
const PersonCheckins = ({ personId }: { personId: number }) => {
  const t = useT(checkinMessages);
  const summary = useApi(() => getPersonCheckins(personId), [personId]);
  const { me } = useSession();
  return (
    <div style={{ marginTop: 16 }} data-testid="person-checkins">
      <Typography.Title level={5}>{t('card')}</Typography.Title>
      <Loading state={summary}>{(s) => <CheckinDays summary={s} eventPath={can(me, 'event.read') ? (id) => `/console/events/${id}` : undefined} />}</Loading>
    </div>
  );
};

export const PersonCodePage = () => {
  const t = useT(healthMessages);
  const { me } = useSession();
  const id = Number(useParams().id);
  const code = useApi(() => getPersonCode(id), [id]);
  const [raising, setRaising] = useState(false);
  const mayDecide = can(me, 'healthcode.decide');
  return (
    <Loading state={code}>
      {(c) => (
        <>
          <div className="page-title">
            <h1>{t('personCode')} · {c.person.name}</h1>
            <Space>
              <Link to="/console/appeals">{t('appealsTitle')}</Link>
              {mayDecide && <Button type="primary" danger onClick={() => setRaising(true)} data-testid="raise-button">{t('raise')}</Button>}
            </Space>
          </div>
          <Row gutter={16}>
            <Col xs={24} lg={8}>
              <Card size="small" data-testid="person-code">
                <div style={{ display: 'flex', gap: 16, alignItems: 'center', marginBottom: 12 }}>
                  <ColourBadge colour={c.colour} />
                  <div style={{ minWidth: 0 }}>
                    <Typography.Title level={4} style={{ margin: 0 }}>{c.person.name}</Typography.Title>
                    <div className="muted" style={{ fontVariantNumeric: 'tabular-nums' }}>{c.person.idNumber}</div>
                  </div>
                </div>
                <Descriptions column={1} size="small" styles={{ label: { width: 90 } }}>
                  <Descriptions.Item label={t('address')}>{c.person.address ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('grid')}><AreaName code={c.person.areaCode} /></Descriptions.Item>
                  <Descriptions.Item label={t('since')}>{formatDateTime(c.since)}</Descriptions.Item>
                  <Descriptions.Item label={t('reviewAt')}>{formatDateTime(c.reviewAt)}</Descriptions.Item>
                  <Descriptions.Item label={t('ruleVersion')}>{c.ruleVersion ? `v${c.ruleVersion}` : '—'}</Descriptions.Item>
                </Descriptions>
                <Typography.Title level={5}>{t('reasons')}</Typography.Title>
                <Reasons reasons={c.reasons} />
              </Card>
              <Card size="small" title={t('history')} style={{ marginTop: 16 }}>
                <CodeHistory history={c.history} />
              </Card>
            </Col>
            <Col xs={24} lg={16}>
              <Card size="small" title={t('decisions')}>
                <Decisions decisions={c.decisions} mayRevoke={mayDecide} onChanged={code.reload} />
              </Card>
              <Card size="small" title={t('appeals')} style={{ marginTop: 16 }}>
                <Table<Appeal>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={c.appeals}
                  locale={{ emptyText: t('noAppeals') }}
                  columns={[
                    { title: t('filedAt'), dataIndex: 'filedAt', width: 150, render: (v: string) => formatDateTime(v) },
                    { title: t('appealColour'), dataIndex: 'colour', width: 100, render: (v: Appeal['colour']) => <ColourTag colour={v} /> },
                    { title: t('appealReason'), dataIndex: 'reason' },
                    { title: t('status'), dataIndex: 'status', width: 90, render: (s: Appeal['status']) => <AppealStatusTag status={s} /> },
                    { title: t('decisionNote'), dataIndex: 'decisionNote', render: (v: string | null, a) => (v ? `${v}（${a.decidedBy}）` : '—') },
                  ]}
                />
              </Card>
              <PersonCheckins personId={id} />
            </Col>
          </Row>
          <RaiseModal personId={id} open={raising} onClose={() => setRaising(false)} onDone={() => { setRaising(false); code.reload(); }} />
        </>
      )}
    </Loading>
  );
};
