// The category catalogue by platform: each category's lead unit type, priority and step time limits.
// sys_admin adds and edits categories (PUT /categories/:code).
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Loading } from '../../components/page-state.tsx';
import { formatNumber } from '../../lib/format.ts';
import { can, useSession } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { getCatalogue, STEPS, type Allowance, type Catalogue, type Category } from './admin-api.ts';
import { CategoryForm } from './components/category-form.tsx';
import { useAdminT } from './components/use-admin-t.ts';

type Node = Category & { children?: Node[] };
const PRIORITY_COLOURS: Record<string, string> = { normal: 'default', urgent: 'orange', critical: 'red' };

/** Top-level categories with their sub-categories beneath. */
const treeOf = (items: Category[]): Node[] => {
  const codes = new Set(items.map((c) => c.code));
  const tops = items.filter((c) => !c.parentCode || !codes.has(c.parentCode));
  return tops.map((c) => {
    const children = items.filter((x) => x.parentCode === c.code);
    return children.length ? { ...c, children } : c;
  });
};

const useColumns = (editable: boolean, onEdit: (c: Category) => void): TableColumnsType<Node> => {
  const { t, label } = useAdminT();
  const limit = (a: Allowance) => ('hours' in a ? t('hoursN', { n: formatNumber(a.hours) }) : t('daysN', { n: formatNumber(a.days) }));
  return [
    { title: t('code'), dataIndex: 'code', width: 130 },
    { title: t('categoryName'), dataIndex: 'name', ellipsis: true },
    { title: t('leadUnitType'), dataIndex: 'leadUnitType', width: 130, render: (u: string | null) => (u ? label('unitType', u) : <span className="muted">{t('noLeadUnit')}</span>) },
    { title: t('priority'), dataIndex: 'priority', width: 80, render: (p: string) => <Tag color={PRIORITY_COLOURS[p]}>{label('priority', p)}</Tag> },
    {
      title: t('limits'),
      children: STEPS.map((s) => ({ title: label('step', s), key: s, width: 96, render: (_: unknown, c: Node) => limit(c.limits[s]) })),
    },
    ...(editable
      ? [{ title: t('actions'), key: 'edit', width: 80, render: (_: unknown, c: Node) => <Button size="small" type="link" icon={<EditOutlined />} onClick={() => onEdit(c)} data-testid={`edit-${c.code}`}>{t('edit')}</Button> }]
      : []),
  ];
};

const Platforms = ({ catalogue, editable, onEdit }: { catalogue: Catalogue; editable: boolean; onEdit: (c: Category) => void }) => {
  const { t } = useAdminT();
  const columns = useColumns(editable, onEdit);
  return (
    <Tabs
      data-testid="platform-tabs"
      items={catalogue.platforms.map((p) => {
        const items = catalogue.items.filter((c) => c.platformCode === p.code);
        return {
          key: p.code,
          label: t('withCount', { name: p.name, n: formatNumber(items.length) }),
          children: (
            <Table<Node>
              rowKey="code"
              size="small"
              bordered
              data-testid="categories-table"
              dataSource={treeOf(items)}
              columns={columns}
              pagination={false}
              expandable={{ defaultExpandAllRows: true }}
              locale={{ emptyText: t('empty') }}
            />
          ),
        };
      })}
    />
  );
};

export const CategoriesPage = () => {
  const { t } = useAdminT();
  const { me } = useSession();
  const { message } = App.useApp();
  const catalogue = useApi(getCatalogue, []);
  const [editing, setEditing] = useState<Category | null>(null);
  const [creating, setCreating] = useState(false);
  const editable = can(me, 'config.write');
  const close = () => { setEditing(null); setCreating(false); };

  return (
    <>
      <div className="page-title">
        <h1>{t('categoriesTitle')}</h1>
        {editable && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-category">{t('newCategory')}</Button>}
      </div>
      <Alert type="info" showIcon title={t('categoriesNote')} style={{ marginBottom: 12 }} />
      <Loading state={catalogue}>
        {(data) => (
          <>
            <Platforms catalogue={data} editable={editable} onEdit={setEditing} />
            {editable && (
              <CategoryForm
                category={editing}
                creating={creating}
                catalogue={data}
                onClose={close}
                onSaved={(c) => {
                  close();
                  message.success(t('savedDone', { name: c.name }));
                  catalogue.reload();
                }}
              />
            )}
          </>
        )}
      </Loading>
    </>
  );
};
