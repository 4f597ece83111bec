// One checkpoint: what it is, its latest checks (refreshed with the list), and the trace form.
import { Descriptions, Drawer, Table, Tabs, Tag } from 'antd';
import { Loading } from '../../../components/page-state.tsx';
import { useT } from '../../../i18n/i18n.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { can, useSession } from '../../../lib/session.tsx';
import { useApi } from '../../../lib/use-api.ts';
import { AreaName } from '../../registry/components/area-name.tsx';
import { getCheckpoint, type Check } from '../checkpoints-api.ts';
import { checkpointMessages } from '../checkpoint-messages.ts';
import { useEvery } from '../use-every.ts';
import { ColourTag } from './colour-tag.tsx';
import { TraceForm } from './trace-form.tsx';

const Body = ({ id }: { id: number }) => {
  const t = useT(checkpointMessages);
  const { me } = useSession();
  const detail = useApi(() => getCheckpoint(id), [id]);
  useEvery(5_000, detail.reload);
  return (
    <Loading state={detail}>
      {(c) => (
        <>
          <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('code')}><code>{c.code}</code></Descriptions.Item>
            <Descriptions.Item label={t('kind')}>{t(`kind.${c.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('area')}><AreaName code={c.areaCode} /></Descriptions.Item>
            <Descriptions.Item label={t('compound')}>{c.compound ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('checkedToday')}>{c.today.checked}</Descriptions.Item>
            <Descriptions.Item label={t('deniedToday')}><span style={{ color: c.today.denied ? '#cf1322' : undefined }}>{c.today.denied}</span></Descriptions.Item>
          </Descriptions>
          <Tabs
            items={[
              {
                key: 'recent', label: t('recent'),
                children: (
                  <Table<Check>
                    rowKey="id"
                    size="small"
                    pagination={false}
                    dataSource={c.recent}
                    data-testid="checkpoint-recent"
                    locale={{ emptyText: t('noChecks') }}
                    columns={[
                      { title: t('time'), dataIndex: 'at', width: 130, render: (v: string) => formatDateTime(v) },
                      { title: t('method'), dataIndex: 'method', width: 90, render: (m: string) => t(`method.${m}`) },
                      { title: t('name'), dataIndex: 'name', width: 70, render: (v: string | null) => v ?? '—' },
                      { title: t('colour'), dataIndex: 'colour', width: 70, render: (v: Check['colour']) => <ColourTag colour={v} /> },
                      { title: t('result'), dataIndex: 'result', width: 90, render: (r: Check['result']) => <Tag color={r === 'pass' ? 'green' : 'red'}>{t(`result.${r}`)}</Tag> },
                      { title: t('reason'), dataIndex: 'reason', ellipsis: true },
                    ]}
                  />
                ),
              },
              ...(can(me, 'healthcode.trace') ? [{ key: 'trace', label: t('trace'), children: <TraceForm checkpointId={id} /> }] : []),
            ]}
          />
        </>
      )}
    </Loading>
  );
};

export const CheckpointDrawer = ({ id, title, onClose }: { id: number | null; title: string; onClose: () => void }) => (
  <Drawer open={id !== null} onClose={onClose} size={760} title={title} destroyOnHidden data-testid="checkpoint-drawer">
    {id !== null && <Body key={id} id={id} />}
  </Drawer>
);
