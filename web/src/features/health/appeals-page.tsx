// 申诉纠错: the appeals of the caller's area by state; an operator decides the pending ones.
import { Button, Card, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { can, useSession } from '../../lib/session.tsx';
import { AreaName } from '../registry/components/area-name.tsx';
import { usePagedList } from '../registry/components/use-paged-list.ts';
import { AppealStatusTag } from './components/appeal-status-tag.tsx';
import { ColourTag } from './components/colour-tag.tsx';
import { DecideModal } from './components/decide-modal.tsx';
import { listAppeals, type Appeal, type AppealStatus } from './health-api.ts';
import { healthMessages } from './health-messages.ts';

type Filter = AppealStatus | 'all';
const FILTERS: Filter[] = ['pending', 'granted', 'rejected', 'all'];

export const AppealsPage = () => {
  const t = useT(healthMessages);
  const { me } = useSession();
  const [status, setStatus] = useState<Filter>('pending');
  const list = usePagedList(listAppeals, { status: 'pending' });
  const [deciding, setDeciding] = useState<Appeal | null>(null);
  const mayDecide = can(me, 'healthcode.decide');
  const choose = (s: Filter) => {
    setStatus(s);
    list.search({ status: s === 'all' ? undefined : s });
  };
  return (
    <>
      <div className="page-title">
        <h1>{t('appealsTitle')}</h1>
        <Segmented<Filter> value={status} onChange={choose} options={FILTERS.map((s) => ({ value: s, label: s === 'all' ? t('all') : t(`appeal.${s}`) }))} data-testid="appeal-filter" />
      </div>
      <ErrorAlert error={list.state.error} onRetry={list.state.reload} />
      <Card size="small">
        <Table<Appeal>
          rowKey="id"
          size="small"
          data-testid="appeals-table"
          loading={list.state.loading}
          dataSource={list.state.data?.items ?? []}
          pagination={list.pagination}
          locale={{ emptyText: t('noAppeals') }}
          columns={[
            { title: t('filedAt'), dataIndex: 'filedAt', width: 140, render: (v: string) => formatDateTime(v) },
            { title: t('person'), dataIndex: 'personName', width: 100, render: (n: string, a) => <Link to={`/console/health-codes/persons/${a.personId}`}>{n}</Link> },
            { title: t('grid'), dataIndex: 'areaCode', width: 150, ellipsis: true, render: (c: string) => <AreaName code={c} /> },
            { title: t('appealColour'), dataIndex: 'colour', width: 100, render: (c: Appeal['colour']) => <ColourTag colour={c} /> },
            {
              title: t('appealReasons'), dataIndex: 'reasons', width: 220,
              render: (rs: Appeal['reasons']) => rs.map((r) => <Tag key={r.rule} title={r.rule}>{r.reason}</Tag>),
            },
            { title: t('appealReason'), dataIndex: 'reason', ellipsis: true },
            { title: t('filedBy'), dataIndex: 'filedBy', width: 100 },
            { title: t('status'), dataIndex: 'status', width: 90, render: (s: AppealStatus) => <AppealStatusTag status={s} /> },
            {
              title: t('decisionNote'), dataIndex: 'decisionNote', ellipsis: true,
              render: (v: string | null, a) => (v ? <span title={`${a.decidedBy} · ${formatDateTime(a.decidedAt)}`}>{v}</span> : '—'),
            },
            {
              title: t('actions'), width: 90, fixed: 'right',
              render: (_, a) => a.status === 'pending' && mayDecide && <Button size="small" type="primary" onClick={() => setDeciding(a)} data-testid="decide-button">{t('decide')}</Button>,
            },
          ]}
        />
      </Card>
      <DecideModal appeal={deciding} onClose={() => setDeciding(null)} onDone={() => { setDeciding(null); list.state.reload(); }} />
    </>
  );
};
