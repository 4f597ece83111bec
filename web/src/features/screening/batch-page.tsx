// One batch: what was received and what became of it, progress level by level (street → community →
// grid, kept in the URL), the rows by state, the operator's moves, and the feedback file.
import { App, Breadcrumb, Button, Card, Descriptions, Form, Input, Modal, Segmented, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { ErrorAlert, Loading } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { downloadFeedback, getBatch, getCatalogue, getProgress, handBack, listTasks, reassignTask, type Batch, type Task, type TaskState } from './screening-api.ts';
import { screeningMessages } from './screening-messages.ts';

const STATES: TaskState[] = ['pending', 'overdue', 'verified', 'rejected', 'not_ours'];
const STATE_COLOUR: Record<TaskState, string> = { pending: 'blue', overdue: 'red', verified: 'green', rejected: 'volcano', not_ours: 'default' };

type Move = { task: Task; kind: 'reassign' | 'hand_back' };

export const BatchPage = () => {
  const t = useT(screeningMessages);
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const area = params.get('area') ?? undefined;
  const state = (params.get('state') as TaskState | null) ?? 'pending';
  const [move, setMove] = useState<Move | null>(null);
  const [form] = Form.useForm<{ gridCode?: string; note?: string }>();
  const [tick, setTick] = useState(0);
  const batch = useApi(() => getBatch(id), [id, tick]);
  const progress = useApi(() => getProgress(id, area), [id, area, tick]);
  const tasks = useApi(() => listTasks({ batch: id, state, area, limit: 200 }), [id, state, area, tick]);
  const catalogue = useApi(getCatalogue, []);
  const outcomeLabel = (code: string | null) => catalogue.data?.outcomes.find((o) => o.code === code)?.label ?? code ?? '';
  const set = (k: string, v?: string) => setParams((p) => { if (v) p.set(k, v); else p.delete(k); return p; });

  const download = (b: Batch, format: 'xlsx' | 'csv') => downloadFeedback(b, format).catch((e: Error) => message.error(e.message));
  const submitMove = async () => {
    const v = await form.validateFields();
    try {
      if (move!.kind === 'reassign') await reassignTask(move!.task.id, v.gridCode!, v.note);
      else await handBack(move!.task.id, v.note ?? '');
      message.success(t('saved'));
      setMove(null);
      form.resetFields();
      setTick((n) => n + 1);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <Loading state={batch}>
      {(b) => (
        <>
          <div className="page-title">
            <h1>{b.code}</h1>
            {b.rows !== undefined && (
              <Space>
                <Button onClick={() => download(b, 'xlsx')}>{t('downloadXlsx')}</Button>
                <Button onClick={() => download(b, 'csv')}>{t('downloadCsv')}</Button>
              </Space>
            )}
          </div>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={3}>
              <Descriptions.Item label={t('source')}>{b.source}</Descriptions.Item>
              <Descriptions.Item label={t('reason')}>{b.reason}</Descriptions.Item>
              <Descriptions.Item label={t('deadline')}>{formatDateTime(b.deadline)}</Descriptions.Item>
            </Descriptions>
            <Space size="large" wrap data-testid="batch-figures">
              {b.rows !== undefined && <Statistic title={t('rows')} value={b.rows} />}
              {b.now && <Statistic title={t('imported')} value={b.now.tasks} />}
              {b.now && <Statistic title={t('rejected')} value={b.now.rejected} />}
              {b.now && <Statistic title={t('notOurs')} value={b.now.notOurs} />}
              <Statistic title={t('verified')} value={b.progress.verified} suffix={`/ ${b.progress.tasks}`} />
              <Statistic title={t('overdue')} value={b.progress.overdue} styles={{ content: { color: b.progress.overdue ? '#cf1322' : undefined } }} />
              <Statistic title={t('escalated')} value={b.progress.escalated} />
            </Space>
          </Card>
          <Card size="small" style={{ marginBottom: 12 }} title={t('progress')}>
            <ErrorAlert error={progress.error} onRetry={progress.reload} />
            <Breadcrumb style={{ marginBottom: 8 }} items={[
              { title: <a onClick={() => set('area')}>{t('allLevels')}</a> },
              ...(area && progress.data ? [{ title: progress.data.areaName }] : []),
            ]} />
            <Table
              size="small" rowKey="code" pagination={false} loading={progress.loading} dataSource={progress.data?.children ?? []} data-testid="batch-progress"
              columns={[
                { title: t('area'), dataIndex: 'name', render: (name: string, c) => (c.code.length < 15 ? <a onClick={() => set('area', c.code)}>{name}</a> : name) },
                { title: t('tasks'), dataIndex: 'tasks' },
                { title: t('verified'), dataIndex: 'verified' },
                { title: t('overdue'), dataIndex: 'overdue', render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0) },
                { title: t('escalated'), dataIndex: 'escalated' },
                { title: t('outcome'), render: (_, c) => Object.entries(c.outcomes).map(([o, n]) => <Tag key={o}>{outcomeLabel(o)} {n}</Tag>) },
              ]}
            />
          </Card>
          <Card size="small">
            <Segmented<TaskState> value={state} onChange={(s) => set('state', s)} options={STATES.filter((s) => b.rows !== undefined || (s !== 'rejected' && s !== 'not_ours')).map((s) => ({ value: s, label: t(`state.${s}`) }))} style={{ marginBottom: 8 }} data-testid="task-states" />
            <ErrorAlert error={tasks.error} onRetry={tasks.reload} />
            <Table<Task>
              size="small" rowKey="id" loading={tasks.loading} dataSource={tasks.data?.items ?? []} pagination={{ pageSize: 20 }} data-testid="task-table"
              columns={[
                { title: t('row'), dataIndex: 'line', width: 60 },
                { title: t('name'), dataIndex: 'name' },
                { title: t('idNumber'), dataIndex: 'idNumber' },
                { title: t('address'), dataIndex: 'address', ellipsis: true },
                { title: t('grid'), dataIndex: 'gridCode' },
                { title: t('state'), dataIndex: 'state', render: (s: TaskState) => <Tag color={STATE_COLOUR[s]}>{t(`state.${s}`)}</Tag> },
                state === 'rejected'
                  ? { title: t('problem'), render: (_, r) => r.problems.map((p) => `${p.column}：${p.reason}`).join('；') }
                  : state === 'not_ours'
                    ? { title: t('problem'), dataIndex: 'notOursReason' }
                    : { title: t('outcome'), render: (_, r) => outcomeLabel(r.outcome) },
                {
                  title: t('actions'),
                  render: (_, r) => (r.state === 'pending' || r.state === 'overdue') && (
                    <Space size={4}>
                      <Button size="small" onClick={() => setMove({ task: r, kind: 'reassign' })}>{t('reassign')}</Button>
                      <Button size="small" onClick={() => setMove({ task: r, kind: 'hand_back' })}>{t('handBack')}</Button>
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
          <Modal open={!!move} title={move && `${t(move.kind === 'reassign' ? 'reassign' : 'handBack')} · ${move.task.name ?? ''}`} onOk={submitMove} onCancel={() => setMove(null)} destroyOnHidden>
            <Form form={form} layout="vertical" preserve={false}>
              {move?.kind === 'reassign' && (
                <Form.Item name="gridCode" label={t('gridCode')} rules={[{ required: true, pattern: /^\d{15}$/, message: '15 位网格编码' }]}>
                  <Input maxLength={15} placeholder={move.task.gridCode ?? ''} />
                </Form.Item>
              )}
              <Form.Item name="note" label={move?.kind === 'hand_back' ? t('handBackReason') : t('note')} rules={move?.kind === 'hand_back' ? [{ required: true, message: t('handBackReason') }] : []}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </Form>
          </Modal>
        </>
      )}
    </Loading>
  );
};
