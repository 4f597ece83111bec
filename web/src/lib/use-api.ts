// Loads data for a page: loading, error and a reload, dropping answers that arrive out of order.
import { useCallback, useEffect, useRef, useState } from 'react';

export type Loaded<T> = { data: T | undefined; error: unknown; loading: boolean; reload: () => void };

export const useApi = <T,>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> => {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const call = ++latest.current;
    setLoading(true);
    load()
      .then((d) => call === latest.current && (setData(d), setError(null)))
      .catch((e) => call === latest.current && setError(e))
      .finally(() => call === latest.current && setLoading(false));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
};
