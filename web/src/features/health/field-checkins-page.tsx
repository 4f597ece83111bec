// 健康打卡 on a grid worker's phone: today's round of the grid's people under home observation or
// health monitoring, who has not checked in first; tap one to record the reading at the door, or a
// missed day from the paper sheet, and see their days.
import { Alert, Button, Card, Empty, Progress, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Loading } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { shanghaiDay } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { AreaName } from '../registry/components/area-name.tsx';
import { BACKFILL_DAYS, getPersonCheckins, getRoster, type RosterItem } from './checkins-api.ts';
import { checkinMessages } from './checkin-messages.ts';
import { CheckinDays, CheckinEventTag, CheckinForm } from './components/checkin-form.tsx';

const fieldEvent = (id: number) => `/field/events/${id}`;

const PersonCard = ({ p, onClick, active }: { p: RosterItem; onClick?: () => void; active?: boolean }) => {
  const t = useT(checkinMessages);
  const c = p.checkin;
  return (
    <Card size="small" className="event-card" hoverable={!!onClick} onClick={onClick} data-testid="round-person" data-person={p.personId} data-done={c ? 'yes' : 'no'}
      style={active ? { borderColor: '#1d4ed8' } : undefined}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text strong>{p.name}</Typography.Text>
        {c ? <Tag color={c.fever || c.symptoms.length ? 'red' : 'green'}>{c.temperature.toFixed(1)}℃</Tag>
          : p.measure.ended && p.missedBefore === 0 ? <Tag color="green">{t('complete')}</Tag> : <Tag color="orange">{t(p.measure.ended ? 'toBackfill' : 'notYet')}</Tag>}
      </Space>
      <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.address ?? <AreaName code={p.gridCode} />}</Typography.Text></div>
      <div style={{ fontSize: 12, marginTop: 2 }}>
        {t('measure', { kind: t(`measure.${p.measure.kind}`), from: p.measure.startDate.slice(5), to: p.measure.endDate.slice(5) })}
        {c?.symptoms.map((s) => <Tag key={s} color="orange" style={{ marginLeft: 4 }}>{t(`symptom.${s}`)}</Tag>)}
        {c?.event && <span style={{ marginLeft: 4 }}><CheckinEventTag event={c.event} eventPath={fieldEvent} /></span>}
        {p.missedBefore > 0 && <Tag color="gold" style={{ marginLeft: 4 }}>{t(p.measure.ended ? 'missedAll' : 'missedBefore', { n: p.missedBefore })}</Tag>}
      </div>
    </Card>
  );
};

export const FieldCheckinsPage = () => {
  const t = useT(checkinMessages);
  const [tick, setTick] = useState(0);
  const round = useApi(() => getRoster(), [tick]);
  const [chosen, setChosen] = useState<RosterItem | null>(null);
  const summary = useApi(() => (chosen ? getPersonCheckins(chosen.personId) : Promise.resolve(null)), [chosen?.personId, tick]);
  // The days that can still be entered from the sheet, oldest first.
  const earliest = shanghaiDay(new Date(Date.now() - BACKFILL_DAYS * 86_400_000));
  const missedDays = [...new Set(summary.data?.measures.flatMap((m) => m.missing) ?? [])].filter((d) => d >= earliest).sort();
  const shown = chosen && (round.data?.items.find((x) => x.personId === chosen.personId) ?? { ...chosen, missedBefore: 0 });
  return (
    <div data-testid="field-checkins">
      <h2 style={{ margin: '4px 0 12px' }}>{t('roundTitle')}</h2>
      {chosen ? (
        <>
          {/* An ended period leaves the round once its last missing day is entered. */}
          <PersonCard p={shown!} active />
          <Button block onClick={() => setChosen(null)} style={{ marginBottom: 12 }}>{t('back')}</Button>
          <Card size="small">
            <CheckinForm personId={chosen.personId} missing={missedDays} day={shown!.measure.ended ? missedDays[0] : undefined} onDone={() => setTick((n) => n + 1)} />
          </Card>
          <div style={{ marginTop: 12 }}><Loading state={summary}>{(s) => s && <CheckinDays summary={s} eventPath={fieldEvent} />}</Loading></div>
        </>
      ) : (
        <>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8, fontSize: 12 }}>{t('roundHint')}</Typography.Text>
          <Loading state={round}>
            {({ items, total }) => {
              if (items.length === 0) return <Empty description={t('roundEmpty')} />;
              const today = items.filter((p) => !p.measure.ended);
              const done = today.filter((p) => p.checkin).length;
              return (
              <>
                {today.length > 0 && (
                  <div style={{ marginBottom: 8 }} data-testid="round-progress">
                    {t('roundDone', { done, total: today.length })}
                    <Progress percent={Math.round((100 * done) / today.length)} size="small" showInfo={false} />
                  </div>
                )}
                {total > items.length && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('roundTruncated', { total, shown: items.length })} />}
                {items.map((p) => <PersonCard key={p.personId} p={p} onClick={() => setChosen(p)} />)}
              </>
              );
            }}
          </Loading>
        </>
      )}
    </div>
  );
};
