// The resident's daily health check-in: today's form while one is due, else what today's said; the
// days each measure still misses and the recent check-ins. Without a measure that asks for them, the
// form stays behind a button, for someone who feels unwell.
import { Alert, Button, Card, Typography } from 'antd';
import { useState } from 'react';
import { Loading } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { useApi } from '../../lib/use-api.ts';
import { getMyCheckins } from '../health/checkins-api.ts';
import { checkinMessages } from '../health/checkin-messages.ts';
import { CheckinDays, CheckinForm } from '../health/components/checkin-form.tsx';

export const MyCheckin = () => {
  const t = useT(checkinMessages);
  const mine = useApi(() => getMyCheckins(), []);
  const [open, setOpen] = useState(false);
  return (
    <Card size="small" title={t('card')} style={{ marginBottom: 16 }} data-testid="my-checkin">
      <Loading state={mine}>
        {(m) => {
          const today = m.items.find((c) => c.day === m.today);
          const asked = m.measures.some((x) => x.active);
          return (
            <>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{asked ? t('hint') : t('notRequired')}</Typography.Paragraph>
              {today ? <Alert type={today.fever || today.symptoms.length ? 'warning' : 'success'} showIcon title={t('doneToday', { temperature: today.temperature.toFixed(1) })} style={{ marginBottom: 12 }} data-testid="checked-in-today" />
                : asked || open ? (
                  <>
                    {asked && <Alert type="info" showIcon title={t('dueToday')} style={{ marginBottom: 12 }} />}
                    <CheckinForm onDone={() => { setOpen(false); mine.reload(); }} />
                  </>
                ) : <Button block onClick={() => setOpen(true)} data-testid="checkin-open">{t('submit')}</Button>}
              {(m.measures.length > 0 || m.items.length > 0) && <div style={{ marginTop: 12 }}><CheckinDays summary={m} /></div>}
            </>
          );
        }}
      </Loading>
    </Card>
  );
};
