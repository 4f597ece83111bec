// A person's code over time: every change of colour with its cause, and the manual decisions (revocable).
import { App, Button, Empty, Popconfirm, Table, Tag, Timeline } from 'antd';
import { useT } from '../../../i18n/i18n.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { errorMessage } from '../../../components/page-state.tsx';
import { revokeDecision, type Decision, type PersonCode } from '../health-api.ts';
import { healthMessages } from '../health-messages.ts';
import { CODE_COLOURS, ColourTag } from './colour-tag.tsx';

/** `zone:12` → 风险区变化 #12. */
const useCause = () => {
  const t = useT(healthMessages);
  return (cause: string) => {
    const [kind, ref] = cause.split(':');
    const label = t(`cause.${kind}`);
    return ref ? `${label} · ${kind === 'rules' ? 'v' : '#'}${ref}` : label;
  };
};

export const CodeHistory = ({ history }: { history: PersonCode['history'] }) => {
  const t = useT(healthMessages);
  const cause = useCause();
  if (history.length === 0) return <Empty description={t('noHistory')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      data-testid="code-history"
      items={history.map((h) => ({
        key: h.id,
        color: CODE_COLOURS[h.colour],
        content: (
          <div>
            <div><ColourTag colour={h.previous} /> → <ColourTag colour={h.colour} /> <span className="muted">{formatDateTime(h.at)}</span></div>
            <div className="muted" style={{ fontSize: 12 }}>{cause(h.cause)} · {t('ruleVersion')} v{h.ruleVersion}</div>
            <div style={{ fontSize: 13 }}>{h.reasons.map((r) => r.reason).join('；')}</div>
          </div>
        ),
      }))}
    />
  );
};

export const Decisions = ({ decisions, mayRevoke, onChanged }: { decisions: Decision[]; mayRevoke: boolean; onChanged: () => void }) => {
  const t = useT(healthMessages);
  const { message } = App.useApp();
  const revoke = async (d: Decision) => {
    try {
      await revokeDecision(d.id);
      message.success(t('revoked'));
      onChanged();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Table<Decision>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={decisions}
      data-testid="code-decisions"
      locale={{ emptyText: t('empty') }}
      columns={[
        { title: t('kind'), dataIndex: 'kind', width: 96, render: (k: string) => t(`decision.${k}`) },
        { title: t('colour'), dataIndex: 'colour', width: 110, render: (c: Decision['colour'], d) => (c ? <ColourTag colour={c} /> : <Tag style={{ fontFamily: 'monospace' }}>{d.ruleId}</Tag>) },
        { title: t('reason'), dataIndex: 'reason' },
        { title: t('until'), dataIndex: 'until', width: 130, render: (v: string | null) => formatDateTime(v) },
        { title: t('createdBy'), dataIndex: 'createdAt', width: 140, render: (v: string, d) => <><div>{d.createdBy}</div><div className="muted" style={{ fontSize: 12 }}>{formatDateTime(v)}</div></> },
        {
          title: t('actions'), width: 100,
          render: (_, d) => d.revokedAt ? <Tag title={formatDateTime(d.revokedAt)}>{t('revokedAt')}</Tag> : mayRevoke && (
            <Popconfirm title={t('revokeConfirm')} onConfirm={() => revoke(d)} okText={t('confirm')} cancelText={t('cancel')}>
              <Button size="small" danger>{t('revoke')}</Button>
            </Popconfirm>
          ),
        },
      ]}
    />
  );
};
