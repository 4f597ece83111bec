// The screening batches the caller's level received or holds tasks of, with progress, and the import.
import { Button, Card, Progress, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { can, useSession } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { BatchImport } from './batch-import.tsx';
import { listBatches, type Batch } from './screening-api.ts';
import { screeningMessages } from './screening-messages.ts';

export const BatchesPage = () => {
  const t = useT(screeningMessages);
  const { me } = useSession();
  const navigate = useNavigate();
  const [importing, setImporting] = useState(false);
  const batches = useApi(() => listBatches({ limit: 100 }), []);
  return (
    <>
      <div className="page-title">
        <h1>{t('batches')}</h1>
        {can(me, 'screening.import') && <Button type="primary" onClick={() => setImporting(true)}>{t('importBatch')}</Button>}
      </div>
      <ErrorAlert error={batches.error} onRetry={batches.reload} />
      <Card size="small">
        <Table<Batch>
          rowKey="id"
          size="small"
          loading={batches.loading}
          dataSource={batches.data?.items ?? []}
          pagination={false}
          data-testid="batch-table"
          columns={[
            { title: t('code'), dataIndex: 'code', render: (code, b) => <Link to={`/console/screening/${b.id}`}>{code}</Link> },
            { title: t('source'), dataIndex: 'source' },
            { title: t('reason'), dataIndex: 'reason' },
            { title: t('deadline'), dataIndex: 'deadline', render: (d) => formatDateTime(d) },
            { title: t('rows'), render: (_, b) => b.rows ?? '—' },
            { title: t('rejected'), render: (_, b) => (b.rejected ? <Tag color="red">{b.rejected}</Tag> : b.rejected ?? '—') },
            { title: t('notOurs'), render: (_, b) => b.notOurs ?? '—' },
            { title: t('progress'), width: 200, render: (_, b) => <Progress size="small" percent={b.progress.tasks ? Math.round((b.progress.verified / b.progress.tasks) * 100) : 0} format={() => `${b.progress.verified}/${b.progress.tasks}`} /> },
            { title: t('overdue'), render: (_, b) => (b.progress.overdue ? <Tag color="red">{b.progress.overdue}</Tag> : 0) },
          ]}
        />
      </Card>
      <BatchImport open={importing} onClose={() => setImporting(false)} onImported={(id) => navigate(`/console/screening/${id}`)} />
    </>
  );
};
