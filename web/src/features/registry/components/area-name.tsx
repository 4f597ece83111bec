// The name of an area or grid code, fetched once per code and shared by every page that shows one.
import { Tooltip } from 'antd';
import { useApi } from '../../../lib/use-api.ts';
import { getArea, getGrid } from '../registry-api.ts';

const names = new Map<string, Promise<string>>();

/** The name of a division code (2–12 digits) or grid code (15 digits); the code itself when it cannot be read. */
export const loadAreaName = (code: string): Promise<string> => {
  let name = names.get(code);
  if (!name) {
    name = (code.length === 15 ? getGrid(code) : getArea(code)).then((a) => a.name).catch(() => code);
    names.set(code, name);
  }
  return name;
};

/** Tells the cache a name already known (from a list), so it is not fetched again. */
export const rememberAreaName = (code: string, name: string) => void names.set(code, Promise.resolve(name));

export const useAreaName = (code: string | null | undefined) => useApi(() => (code ? loadAreaName(code) : Promise.resolve('')), [code]).data;

/** An area's name with its code on hover. */
export const AreaName = ({ code }: { code: string | null | undefined }) => {
  const name = useAreaName(code);
  if (!code) return <>—</>;
  return (
    <Tooltip title={code}>
      <span>{name ?? code}</span>
    </Tooltip>
  );
};
