// What the grid worker reported, with the progress of each.
import { Empty } from 'antd';
import { Loading } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { useApi } from '../../lib/use-api.ts';
import { listEvents } from '../events/events-api.ts';
import { EventCard } from './components/event-card.tsx';
import { fieldMessages } from './field-messages.ts';

export const FieldMinePage = () => {
  const t = useT(fieldMessages);
  const events = useApi(() => listEvents({ box: 'reported_by_me', limit: 50 }), []);
  return (
    <>
      <h2 style={{ margin: '4px 0 12px' }}>{t('mine')}</h2>
      <Loading state={events}>{(page) => (page.items.length ? page.items.map((e) => <EventCard key={e.id} e={e} />) : <Empty description={t('empty')} />)}</Loading>
    </>
  );
};
