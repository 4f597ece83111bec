// Picks an area inside the user's scope, one level at a time (county → street → community → grid),
// loading each level from GET /areas?parent= (and /grids under a community) only when it is opened.
import { App, Cascader } from 'antd';
import { useCallback, useEffect, useState, type CSSProperties } from 'react';
import { errorMessage } from '../../../components/page-state.tsx';
import { useT } from '../../../i18n/i18n.ts';
import { useSession } from '../../../lib/session.tsx';
import { listChildAreas, listGrids } from '../registry-api.ts';
import { registryMessages } from '../registry-messages.ts';
import { loadAreaName, rememberAreaName } from './area-name.tsx';

type Option = { value: string; label: string; isLeaf: boolean; children?: Option[] };

type Props = {
  value?: string;
  onChange?: (code: string | undefined) => void;
  /** The scope's own node may be picked (a form field); otherwise an empty value stands for the whole scope. */
  includeRoot?: boolean;
  /** Offer the grids under a community too. */
  grids?: boolean;
  style?: CSSProperties;
  id?: string;
};

const LEVELS = [2, 4, 6, 9, 12, 15];

/** The codes from just below the scope (or the scope itself) down to `code`. */
const pathOf = (code: string, scope: string, includeRoot: boolean) => {
  if (!code.startsWith(scope)) return [code];
  const below = LEVELS.filter((n) => n > scope.length && n <= code.length).map((n) => code.slice(0, n));
  return includeRoot ? [scope, ...below] : below;
};

const isLeaf = (code: string, grids: boolean) => code.length >= 15 || (code.length >= 12 && !grids);

const loadChildren = async (code: string, grids: boolean): Promise<Option[]> => {
  if (isLeaf(code, grids)) return [];
  const items = code.length === 12 ? (await listGrids(code)).items : (await listChildAreas(code)).items;
  return items.map((a) => {
    rememberAreaName(a.code, a.name);
    return { value: a.code, label: a.name, isLeaf: isLeaf(a.code, grids) };
  });
};

/** A copy of the tree with `children` hung under the option `code`. */
const attach = (options: Option[], code: string, children: Option[]): Option[] =>
  options.map((o) =>
    o.value === code ? { ...o, children, isLeaf: children.length === 0 } : code.startsWith(o.value) && o.children ? { ...o, children: attach(o.children, code, children) } : o,
  );

const find = (options: Option[] | undefined, code: string): Option | undefined => {
  for (const o of options ?? []) {
    if (o.value === code) return o;
    if (code.startsWith(o.value)) return find(o.children, code);
  }
  return undefined;
};

export const AreaPicker = ({ value, onChange, includeRoot = false, grids = false, style, id }: Props) => {
  const t = useT(registryMessages);
  const { message } = App.useApp();
  const scope = useSession().me?.scope ?? '';
  const [options, setOptions] = useState<Option[]>([]);
  const [scopeName, setScopeName] = useState(scope);

  /** Loads the level under `code`; a level that fails to load says so and shows as having nothing below. */
  const expand = useCallback(
    (code: string) =>
      loadChildren(code, grids)
        .catch((e: unknown) => {
          message.error(errorMessage(e));
          return [];
        })
        .then((children) => setOptions((opts) => (code === scope && !includeRoot ? children : attach(opts, code, children)))),
    [grids, message, scope, includeRoot],
  );

  useEffect(() => {
    if (!scope) return;
    let live = true;
    void loadAreaName(scope).then((name) => {
      if (!live) return;
      setScopeName(name);
      if (includeRoot) setOptions([{ value: scope, label: name, isLeaf: isLeaf(scope, grids) }]);
    });
    if (!includeRoot) void expand(scope);
    return () => void (live = false);
  }, [scope, includeRoot, grids, expand]);

  // A value given from outside (a link, a reset form) gets its levels loaded so its names show.
  useEffect(() => {
    if (!value || options.length === 0) return;
    const missing = pathOf(value, scope, includeRoot).slice(0, -1).find((c) => { const o = find(options, c); return o && !o.children && !o.isLeaf; });
    if (missing) void expand(missing);
  }, [value, options, scope, includeRoot, expand]);

  const loadData = (selected: Option[]) => {
    const target = selected[selected.length - 1];
    if (target && !target.children) void expand(target.value);
  };

  return (
    <Cascader<Option>
      id={id}
      style={style ?? { width: 280 }}
      options={options}
      loadData={loadData}
      changeOnSelect
      allowClear
      value={value ? pathOf(value, scope, includeRoot) : []}
      placeholder={includeRoot ? t('pickArea') : t('wholeScope', { name: scopeName })}
      onChange={(path) => onChange?.(path && path.length ? String(path[path.length - 1]) : undefined)}
    />
  );
};
