// The category catalogue as a searchable picker grouped by platform.
import { Select } from 'antd';
import { api } from '../lib/api.ts';
import { useApi } from '../lib/use-api.ts';

type Catalogue = { platforms: { code: string; name: string }[]; items: { code: string; name: string; platformCode: string }[] };

export const CategorySelect = ({ value, onChange, placeholder }: { value?: string; onChange?: (v: string) => void; placeholder?: string }) => {
  const catalogue = useApi(() => api<Catalogue>('/categories'), []);
  const options = (catalogue.data?.platforms ?? []).map((p) => ({
    label: p.name,
    title: p.name,
    options: (catalogue.data?.items ?? []).filter((c) => c.platformCode === p.code).map((c) => ({ value: c.code, label: c.name })),
  }));
  return (
    <Select
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      loading={catalogue.loading}
      showSearch={{ optionFilterProp: 'label' }}
      options={options}
      data-testid="category-select"
      style={{ width: '100%' }}
    />
  );
};
