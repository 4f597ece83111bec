// 人: persons in scope, searched by name, area, ID number, phone or key-person category; a row opens the person.
import { AutoComplete, Button, Form, Input, Table } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/page-state.tsx';
import { useT } from '../../../i18n/i18n.ts';
import { listPersons, type Person } from '../registry-api.ts';
import { registryMessages } from '../registry-messages.ts';
import { AreaName } from './area-name.tsx';
import { PersonDrawer } from './person-drawer.tsx';
import { PERSON_TAGS, PersonTags } from './person-tags.tsx';
import { SearchForm } from './search-form.tsx';
import { usePagedList } from './use-paged-list.ts';

const ID_NUMBER = /^\d{17}[\dXx]$/;
const PHONE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;

export const PersonsTab = () => {
  const t = useT(registryMessages);
  const list = usePagedList(listPersons);
  const [open, setOpen] = useState<number | null>(null);
  return (
    <>
      <SearchForm keyword={t('namePrefix')} onSearch={list.search} testId="persons-search">
        <Form.Item name="idNumber" label={t('idNumber')} rules={[{ pattern: ID_NUMBER, message: t('idNumberInvalid') }]}>
          <Input allowClear placeholder={t('idNumberHint')} maxLength={18} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="phone" label={t('phone')} rules={[{ pattern: PHONE, message: t('phoneInvalid') }]}>
          <Input allowClear placeholder={t('phoneHint')} maxLength={20} style={{ width: 170 }} />
        </Form.Item>
        <Form.Item name="tag" label={t('tag')}>
          <AutoComplete
            allowClear
            placeholder={t('tagHint')}
            style={{ width: 170 }}
            options={Object.keys(PERSON_TAGS).map((tag) => ({ value: tag }))}
            showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
          />
        </Form.Item>
      </SearchForm>
      <ErrorAlert error={list.state.error} onRetry={list.state.reload} />
      <Table<Person>
        rowKey="id"
        size="middle"
        data-testid="persons-table"
        loading={list.state.loading}
        dataSource={list.state.error ? [] : (list.state.data?.items ?? [])}
        pagination={list.pagination}
        locale={{ emptyText: t('empty') }}
        onRow={(p) => ({ onClick: () => setOpen(p.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('name'), dataIndex: 'name', width: 110, render: (name: string) => <Button type="link" size="small" style={{ padding: 0 }}>{name}</Button> },
          { title: t('gender'), dataIndex: 'gender', width: 80, render: (g: string) => t(`gender.${g}`) },
          { title: t('birthDate'), dataIndex: 'birthDate', width: 110 },
          { title: t('idNumber'), dataIndex: 'idNumber', width: 190, render: (v: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{v}</span> },
          { title: t('phone'), dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
          { title: t('address'), dataIndex: 'address', ellipsis: true, render: (v: string | null) => v ?? '—' },
          { title: t('grid'), dataIndex: 'gridCode', width: 170, ellipsis: true, render: (c: string) => <AreaName code={c} /> },
          { title: t('tags'), dataIndex: 'tags', width: 200, render: (tags: string[]) => <PersonTags tags={tags} /> },
        ]}
      />
      <PersonDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
};
