// An event on the phone: what and where, photos, progress, and the worker's actions (verify, settle).
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { AuthImage } from '../../components/auth-image.tsx';
import { DeadlineTag, StateTag } from '../../components/event-tags.tsx';
import { Loading } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { ActionPanel } from '../events/components/action-panel.tsx';
import { EventHistory } from '../events/components/event-history.tsx';
import { getEvent } from '../events/events-api.ts';
import { fieldMessages } from './field-messages.ts';

export const FieldEventPage = () => {
  const t = useT(fieldMessages);
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const event = useApi(() => getEvent(id), [id]);
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('back')} />
        <Typography.Title level={4} style={{ margin: 0 }}>{t('event')}</Typography.Title>
      </Space>
      <Loading state={event}>
        {(e) => (
          <>
            <Card size="small" style={{ marginBottom: 12 }} data-testid="field-event">
              <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
                <Typography.Text strong>{e.categoryName}</Typography.Text>
                <Space size={4}><DeadlineTag colour={e.colour} /><StateTag state={e.state} /></Space>
              </Space>
              <Typography.Paragraph style={{ margin: '8px 0' }}>{e.description}</Typography.Paragraph>
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('location')}>{e.address ?? e.gridCode}</Descriptions.Item>
                <Descriptions.Item label={t('deadline')}>{formatDateTime(e.deadline)}</Descriptions.Item>
              </Descriptions>
              <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.code}</Typography.Text></div>
              {e.photoIds.length > 0 && <Space wrap style={{ marginTop: 8 }}>{e.photoIds.map((p) => <AuthImage key={p} id={p} size={88} />)}</Space>}
            </Card>
            {e.allowedActions.length > 0 && (
              <Card size="small" style={{ marginBottom: 12 }}>
                <ActionPanel event={e} onDone={event.reload} block />
              </Card>
            )}
            <Card size="small"><EventHistory history={e.history} /></Card>
          </>
        )}
      </Loading>
    </>
  );
};
