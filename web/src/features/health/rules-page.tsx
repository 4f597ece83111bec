// 赋码规则: the rules in force as JSON, their versions, and (for the security administrator) publishing
// a new version; a refused one shows every problem with its line, and a click goes to the line.
import { Alert, App, Button, Card, Col, Input, Popconfirm, Row, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { ErrorAlert, Loading } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { ApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { can, useSession } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { RulesEditor, type RulesEditorHandle } from './components/rules-editor.tsx';
import { getRules, publishRules, type RuleProblem, type Rules } from './health-api.ts';
import { rulesMessages } from './rules-messages.ts';

export const RulesPage = () => {
  const t = useT(rulesMessages);
  const { me } = useSession();
  const { message } = App.useApp();
  const rules = useApi(getRules, []);
  // What the editor shows: the published source until the user edits it. Not copied in an effect, which
  // would show an empty editor for one render after the rules arrive.
  const [edited, setEdited] = useState<string | null>(null);
  const source = edited ?? rules.data?.source ?? '';
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<RuleProblem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const editor = useRef<RulesEditorHandle>(null);
  const mayPublish = can(me, 'healthcode.rules');
  const badLines = useMemo(() => new Set(problems.map((p) => p.line)), [problems]);

  const publish = async () => {
    setBusy(true);
    setError(null);
    setProblems([]);
    try {
      const done = await publishRules(source, note.trim() || undefined);
      message.success(t('published', { version: done.version, n: done.recoloured }));
      setNote('');
      rules.reload();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'healthcode.bad_rules' && Array.isArray(e.details)) setProblems(e.details as RuleProblem[]);
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Loading state={rules}>
      {(r: Rules) => (
        <>
          <div className="page-title">
            <h1>{t('title')}</h1>
            <Tag color="blue" data-testid="rules-version">{t('current', { version: r.version })}</Tag>
          </div>
          <Row gutter={16}>
            <Col xs={24} xl={16}>
              <Card size="small" title={t('source')} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{source === r.source ? t('unchanged') : <a onClick={() => { setEdited(null); setProblems([]); }}>{t('reset')}</a>}</Typography.Text>}>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('help')}</Typography.Paragraph>
                {!mayPublish && <Alert type="info" showIcon title={t('readOnly')} style={{ marginBottom: 12 }} />}
                <RulesEditor ref={editor} value={source} onChange={setEdited} readOnly={!mayPublish} badLines={badLines} />
                {problems.length > 0 && (
                  <Alert
                    type="error"
                    showIcon
                    style={{ marginTop: 12 }}
                    data-testid="rules-problems"
                    title={t('problems', { n: problems.length })}
                    description={
                      <ol style={{ margin: 0, paddingLeft: 20 }}>
                        {problems.map((p, i) => (
                          <li key={i} style={{ padding: '2px 0' }}>
                            <a onClick={() => editor.current?.focusLine(p.line)}>{t('line', { line: p.line, column: p.column })}</a>
                            {p.path && <code style={{ margin: '0 8px' }}>{p.path}</code>}
                            <span>{p.reason}</span>
                          </li>
                        ))}
                      </ol>
                    }
                  />
                )}
                <div style={{ marginTop: 12 }}><ErrorAlert error={error} /></div>
                {mayPublish && (
                  <Space style={{ marginTop: 12, width: '100%' }} align="start">
                    <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} placeholder={t('notePlaceholder')} aria-label={t('note')} style={{ width: 360 }} />
                    <Popconfirm title={t('publishConfirm')} onConfirm={publish} okText={t('confirm')} cancelText={t('cancel')}>
                      <Button type="primary" loading={busy} disabled={source === r.source} data-testid="rules-publish">{t('publish')}</Button>
                    </Popconfirm>
                  </Space>
                )}
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card size="small" title={t('versions')}>
                <Table
                  rowKey="version"
                  size="small"
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  dataSource={r.versions}
                  data-testid="rules-versions"
                  columns={[
                    { title: t('version'), dataIndex: 'version', width: 64, render: (v: number) => (v === r.version ? <Tag color="blue">v{v}</Tag> : `v${v}`) },
                    { title: t('note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
                    { title: t('createdAt'), dataIndex: 'createdAt', width: 130, render: (v: string) => formatDateTime(v) },
                    { title: t('createdBy'), dataIndex: 'createdBy', width: 80, render: (v: string | null) => v ?? '—' },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Loading>
  );
};
