// 居家服务, the resident's phone page for life at home under sealing or observation: the daily health
// check-in, announce a door opening before it happens, ask for supplies, and follow the requests to the door.
import { Card, Empty, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { Loading } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { AnnounceForm, Announcements } from '../devices/components/announce-form.tsx';
import { RequestForm } from '../supplies/components/request-form.tsx';
import { RequestStatusTag } from '../supplies/components/request-status-tag.tsx';
import { linesText, listRequests, useItems } from '../supplies/supplies-api.ts';
import { MeShell } from './me-shell.tsx';
import { MyCheckin } from './my-checkin.tsx';
import { meMessages } from './me-messages.ts';

const MyRequests = ({ tick }: { tick: number }) => {
  const t = useT(meMessages);
  const items = useItems();
  const list = useApi(() => listRequests({ limit: 20 }), [tick]);
  return (
    <Card size="small" title={t('myRequests')} style={{ marginTop: 12 }}>
      <Loading state={list}>
        {(page) => page.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
          <List size="small" dataSource={page.items} data-testid="my-requests"
            renderItem={(r) => (
              <List.Item data-testid="my-request" data-status={r.status}>
                <div style={{ width: '100%' }}>
                  <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                    <span>{linesText(r.deliveredItems ?? r.items, items.data?.items)}</span>
                    <RequestStatusTag status={r.status} />
                  </Space>
                  <div className="muted" style={{ fontSize: 12 }}>
                    {r.deliveredAt ? t('deliveredAt', { at: formatDateTime(r.deliveredAt) }) : t('requestedAt', { at: formatDateTime(r.requestedAt) })}
                  </div>
                </div>
              </List.Item>
            )} />
        )}
      </Loading>
    </Card>
  );
};

export const MyHomePage = () => {
  const t = useT(meMessages);
  const [announced, setAnnounced] = useState(0);
  const [requested, setRequested] = useState(0);
  return (
    <MeShell title={t('homeTitle')} className="my-home">
      <MyCheckin />
      <Card size="small" title={t('announceCard')}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('announceHint')}</Typography.Paragraph>
        <AnnounceForm onDone={() => setAnnounced((n) => n + 1)} />
      </Card>
      <Announcements tick={announced} />
      <Card size="small" title={t('suppliesCard')} style={{ marginTop: 16 }}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('suppliesHint')}</Typography.Paragraph>
        <RequestForm own onDone={() => setRequested((n) => n + 1)} />
      </Card>
      <MyRequests tick={requested} />
    </MeShell>
  );
};
