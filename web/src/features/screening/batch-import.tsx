// Import a batch in two steps: the file is checked first (column mapping, every row's fate, the bad
// rows with their row number and reason), then imported as it was shown.
import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Descriptions, Form, Input, Modal, Space, Statistic, Table, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ErrorAlert } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { importBatch, previewBatch, type Summary } from './screening-api.ts';
import { screeningMessages } from './screening-messages.ts';

type Values = { source: string; reason: string; deadline: Dayjs };

export const BatchImport = ({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: (id: number) => void }) => {
  const t = useT(screeningMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await step();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const preview = () => run(async () => setSummary(await previewBatch(file!)));
  const commit = () => run(async () => {
    const v = await form.validateFields();
    const done = await importBatch(file!, { source: v.source, reason: v.reason, deadline: v.deadline.toISOString(), fileName: file!.name });
    message.success(t('importedTo', { code: done.batchCode ?? '' }));
    onImported(done.batchId!);
  });

  return (
    <Modal open={open} title={t('importBatch')} width={860} onCancel={onClose} footer={null} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ deadline: dayjs().add(1, 'day').hour(18).minute(0) }} data-testid="batch-import-form">
        <Space wrap align="start">
          <Form.Item name="source" label={t('source')} rules={[{ required: true, message: t('sourceRequired') }]}>
            <Input style={{ width: 220 }} maxLength={100} placeholder="市疫情防控指挥部" />
          </Form.Item>
          <Form.Item name="reason" label={t('reason')} rules={[{ required: true, message: t('reasonRequired') }]}>
            <Input style={{ width: 280 }} maxLength={200} placeholder="中风险地区抵杭人员" />
          </Form.Item>
          <Form.Item name="deadline" label={t('deadline')} rules={[{ required: true, message: t('deadlineRequired') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Space>
        <Form.Item label={t('file')} required>
          <Space>
            <Upload accept=".csv,.xlsx" maxCount={1} showUploadList={false} beforeUpload={(f) => { setFile(f); setSummary(null); return false; }}>
              <Button icon={<UploadOutlined />}>{file ? file.name : t('chooseFile')}</Button>
            </Upload>
            <Button onClick={preview} disabled={!file} loading={busy && !summary}>{t('preview')}</Button>
          </Space>
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
      {summary && (
        <div data-testid="batch-preview">
          <Space size="large" wrap style={{ margin: '8px 0 12px' }}>
            <Statistic title={t('rows')} value={summary.rows} />
            <Statistic title={t('imported')} value={summary.imported} />
            <Statistic title={t('matched')} value={summary.matched} />
            <Statistic title={t('rejected')} value={summary.rejected} styles={{ content: { color: summary.rejected ? '#cf1322' : undefined } }} />
            <Statistic title={t('notOurs')} value={summary.notOurs} />
            <Statistic title={t('blankLines')} value={summary.blankLines} />
          </Space>
          <Descriptions size="small" bordered column={4} title={t('mapping')} style={{ marginBottom: 12 }}>
            {Object.entries(summary.mapping).map(([field, column]) => <Descriptions.Item key={field} label={t(`field.${field}`)}>{column}</Descriptions.Item>)}
          </Descriptions>
          {summary.byStreet.length > 0 && <Alert type="info" style={{ marginBottom: 12 }} title={`${t('byStreet')}：${summary.byStreet.map((s) => `${s.name} ${s.tasks}`).join('，')}`} />}
          {summary.problemCount > 0 && (
            <Table size="small" rowKey={(p) => `${p.row}-${p.field}`} title={() => `${t('problems')} (${summary.problemCount})`} dataSource={summary.problems} pagination={{ pageSize: 5 }}
              columns={[{ title: t('row'), dataIndex: 'row', width: 70 }, { title: t('column'), dataIndex: 'column', width: 160 }, { title: t('problem'), dataIndex: 'reason' }]} />
          )}
          {summary.notOurs > 0 && (
            <Table size="small" rowKey="row" title={() => `${t('notOursRows')} (${summary.notOurs})`} dataSource={summary.notOursRows} pagination={{ pageSize: 5 }}
              columns={[{ title: t('row'), dataIndex: 'row', width: 70 }, { title: t('problem'), dataIndex: 'reason' }]} />
          )}
          <div style={{ textAlign: 'right', marginTop: 12 }}>
            <Button type="primary" onClick={commit} loading={busy}>{t('confirmImport')}</Button>
          </div>
        </div>
      )}
    </Modal>
  );
};
