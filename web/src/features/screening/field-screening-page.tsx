// A grid worker's screening tasks on the phone: the people to verify, overdue ones first in their tab.
import { Card, Empty, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { Loading } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { listTasks, type TaskState } from './screening-api.ts';
import { screeningMessages } from './screening-messages.ts';

const TABS: TaskState[] = ['pending', 'overdue', 'verified'];

export const FieldScreeningPage = () => {
  const t = useT(screeningMessages);
  const [state, setState] = useState<TaskState>('pending');
  const tasks = useApi(() => listTasks({ state, limit: 100 }), [state]);
  return (
    <>
      <h2 style={{ margin: '4px 0 12px' }}>{t('screening')}</h2>
      <Segmented<TaskState> block value={state} onChange={setState} options={TABS.map((s) => ({ value: s, label: t(`state.${s}`) }))} style={{ marginBottom: 12 }} />
      <Loading state={tasks}>
        {(page) => page.items.length === 0 ? <Empty description={t('noTasks')} /> : page.items.map((x) => (
          <Link key={x.id} to={`/field/screening/${x.id}`} data-testid="screening-task-card">
            <Card size="small" className="event-card" hoverable>
              <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                <Typography.Text strong>{x.name}</Typography.Text>
                <Tag color={x.state === 'overdue' ? 'red' : x.state === 'verified' ? 'green' : 'blue'}>{t(`state.${x.state}`)}</Tag>
              </Space>
              <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.address ?? x.gridCode} · {t('deadline')} {formatDateTime(x.deadline)}</Typography.Text></div>
            </Card>
          </Link>
        ))}
      </Loading>
    </>
  );
};
