// Narrows the map from the user's area to a street or a community; each level loads when opened.
import { Cascader } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../../components/page-state.tsx';
import { useT } from '../../../i18n/i18n.ts';
import { listAreas, type Area } from '../map-api.ts';
import { mapMessages } from '../map-messages.ts';

type Option = { value: string; label: string; isLeaf: boolean; children?: Option[] };

/** Division code lengths: province 2, city 4, county 6, street 9, community 12 (grids are not areas). */
const LEVELS = [2, 4, 6, 9, 12];
const hasChildren = (code: string) => code.length < 12;

const toOptions = (areas: readonly Area[]): Option[] => areas.map((a) => ({ value: a.code, label: a.name, isLeaf: !hasChildren(a.code) }));

/** The codes from just below `scope` down to `area`. */
export const pathBelow = (scope: string, area: string) => LEVELS.filter((n) => n > scope.length && n <= area.length).map((n) => area.slice(0, n));

const attach = (options: Option[], code: string, children: Option[]): Option[] =>
  options.map((o) => (o.value === code ? { ...o, children } : code.startsWith(o.value) && o.children ? { ...o, children: attach(o.children, code, children) } : o));

const find = (options: readonly Option[] | undefined, code: string): Option | undefined => {
  for (const o of options ?? []) {
    if (o.value === code) return o;
    if (code.startsWith(o.value)) return find(o.children, code);
  }
  return undefined;
};

export const AreaPicker = ({ scope, value, onChange }: { scope: string; value: string; onChange: (area: string) => void }) => {
  const t = useT(mapMessages);
  const [options, setOptions] = useState<Option[]>([]);
  const [error, setError] = useState<unknown>(null);
  const current = useRef(options);
  current.current = options;

  // The first level, and every level down to the area in the URL so its names show.
  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      let tree = current.current.length ? current.current : toOptions((await listAreas(scope)).items);
      for (const code of pathBelow(scope, value).slice(0, -1)) {
        if (!find(tree, code)?.children) tree = attach(tree, code, toOptions((await listAreas(code)).items));
      }
      if (!cancelled) setOptions(tree);
    };
    load().catch((e: unknown) => !cancelled && setError(e));
    return () => void (cancelled = true);
  }, [scope, value]);

  const loadData = async (selected: Option[]) => {
    const target = selected.at(-1);
    if (!target || target.children) return;
    try {
      const children = toOptions((await listAreas(target.value)).items);
      setOptions((o) => attach(o, target.value, children));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Cascader
      data-testid="area-picker"
      style={{ width: 300 }}
      options={options}
      loadData={(selected) => void loadData(selected as Option[])}
      changeOnSelect
      value={value === scope ? [] : pathBelow(scope, value)}
      onChange={(path) => onChange(path?.length ? String(path.at(-1)) : scope)}
      placeholder={error ? errorMessage(error) : t('areaPlaceholder')}
      status={error ? 'error' : undefined}
      allowClear
    />
  );
};
