// A server-paged list with its filters: the API's {items,total}, antd pagination, and page 1 again on a new search.
import type { TablePaginationConfig } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/i18n.ts';
import type { Page, Query } from '../../../lib/api.ts';
import { formatNumber } from '../../../lib/format.ts';
import { useApi, type Loaded } from '../../../lib/use-api.ts';

export type PagedList<T> = {
  state: Loaded<Page<T>>;
  search: (filters: Query) => void;
  pagination: TablePaginationConfig;
};

export const usePagedList = <T,>(load: (q: Query) => Promise<Page<T>>, initial: Query = {}, pageSize = 20): PagedList<T> => {
  const t = useT();
  const [filters, setFilters] = useState<Query>(initial);
  const [page, setPage] = useState({ offset: 0, limit: pageSize });
  const state = useApi(() => load({ ...filters, limit: page.limit, offset: page.offset }), [JSON.stringify(filters), page.offset, page.limit]);
  const total = state.data?.total ?? 0;
  return {
    state,
    search: (f) => {
      setFilters(f);
      setPage((p) => ({ ...p, offset: 0 }));
    },
    pagination: {
      current: Math.floor(page.offset / page.limit) + 1,
      pageSize: page.limit,
      total,
      showSizeChanger: true,
      pageSizeOptions: [20, 50, 100],
      showTotal: (n) => (state.data?.totalCapped ? t('totalCapped', { n: formatNumber(n) }) : t('total', { n: formatNumber(n) })),
      onChange: (p, size) => setPage({ offset: size === page.limit ? (p - 1) * size : 0, limit: size }),
    },
  };
};
