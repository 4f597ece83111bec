// A grid worker's tasks: events waiting for their on-site verification, overdue ones, and open ones in the grid.
import { Badge, Empty, Segmented } from 'antd';
import { useEffect, useState } from 'react';
import { Loading } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { useSession } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { getInbox, listEvents, watchEventChanges } from '../events/events-api.ts';
import { EventCard } from './components/event-card.tsx';
import { fieldMessages } from './field-messages.ts';

type Tab = 'to_verify' | 'overdue' | 'open';

export const FieldTasksPage = () => {
  const t = useT(fieldMessages);
  const { me } = useSession();
  const [tab, setTab] = useState<Tab>('to_verify');
  const [tick, setTick] = useState(0);
  const inbox = useApi(getInbox, [tick]);
  const events = useApi(
    () => (tab === 'open' ? listEvents({ area: me?.scope, state: 'reported,accepted', limit: 50 }) : listEvents({ box: tab, limit: 50 })),
    [tab, tick],
  );
  useEffect(() => watchEventChanges(() => setTick((n) => n + 1)), []);
  const count = (b: 'to_verify' | 'overdue') => inbox.data?.boxes[b] ?? 0;
  return (
    <>
      <h2 style={{ margin: '4px 0 12px' }}>{t('tasks')}</h2>
      <Segmented<Tab>
        block
        value={tab}
        onChange={setTab}
        style={{ marginBottom: 12 }}
        options={[
          { value: 'to_verify', label: <span>{t('toVerify')} <Badge count={count('to_verify')} size="small" /></span> },
          { value: 'overdue', label: <span>{t('overdue')} <Badge count={count('overdue')} size="small" /></span> },
          { value: 'open', label: t('toSettle') },
        ]}
        data-testid="field-task-tabs"
      />
      <Loading state={events}>
        {(page) => (page.items.length ? page.items.map((e) => <EventCard key={e.id} e={e} />) : <Empty description={t('noTasks')} />)}
      </Loading>
    </>
  );
};
