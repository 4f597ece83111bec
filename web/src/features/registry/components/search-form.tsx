// The search bar every registry tab shares: a keyword (where the API searches one), the area, and the tab's own fields.
import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Space } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../../i18n/i18n.ts';
import type { Query } from '../../../lib/api.ts';
import { registryMessages } from '../registry-messages.ts';
import { AreaPicker } from './area-picker.tsx';

type Props = {
  /** Placeholder of the keyword field; no keyword field when the API has nothing to search. */
  keyword?: string;
  children?: ReactNode;
  onSearch: (q: Query) => void;
  testId: string;
};

type Values = Record<string, string | undefined>;

const trimmed = (v: Values): Query => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' ? x.trim() || undefined : x]));

export const SearchForm = ({ keyword, children, onSearch, testId }: Props) => {
  const t = useT(registryMessages);
  const [form] = Form.useForm<Values>();
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Form form={form} layout="inline" onFinish={(v) => onSearch(trimmed(v))} style={{ rowGap: 12 }} data-testid={testId}>
        {keyword && (
          <Form.Item name="q" label={t('keyword')}>
            <Input allowClear placeholder={keyword} maxLength={50} style={{ width: 170 }} />
          </Form.Item>
        )}
        <Form.Item name="area" label={t('area')}>
          <AreaPicker grids />
        </Form.Item>
        {children}
        <Space>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>{t('search')}</Button>
          <Button onClick={() => { form.resetFields(); onSearch({}); }}>{t('reset')}</Button>
        </Space>
      </Form>
    </Card>
  );
};
