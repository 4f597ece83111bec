// Upstream names its columns as it likes: each field is known by the names seen in real lists, matched
// after dropping spaces, asterisks and bracketed notes ("身份证号(必填)" is 身份证号).
import { AppError } from '../../lib/errors.ts';

export const FIELDS = {
  name: ['姓名', '人员姓名', '名字', 'name'],
  idNumber: ['身份证号', '身份证号码', '证件号码', '证件号', '公民身份号码', 'idnumber', 'id'],
  phone: ['手机', '手机号', '手机号码', '联系电话', '电话', '联系方式', 'phone'],
  address: ['现住址', '居住地址', '现居住地址', '住址', '地址', '详细地址', 'address'],
  origin: ['来源地', '途经地', '来源地/途经地', '来源', 'origin'],
  arrivedAt: ['到达时间', '抵达时间', '来杭时间', '入境时间', 'arrivedat'],
  remark: ['备注', '说明', 'remark'],
} as const;
export type Field = keyof typeof FIELDS;
export type Mapping = Partial<Record<Field, number>>;

const normalize = (h: string) => h.toLowerCase().replace(/[\s*＊]/g, '').replace(/[(（][^)）]*[)）]/g, '');

/** Which column holds each field (the first column whose name matches). Throws import.bad_file without a name or ID column. */
export const mapColumns = (header: readonly string[]): Mapping => {
  const names = header.map(normalize);
  const mapping: Mapping = {};
  for (const field of Object.keys(FIELDS) as Field[]) {
    const i = names.findIndex((n, i) => (FIELDS[field] as readonly string[]).includes(n) && !Object.values(mapping).includes(i));
    if (i >= 0) mapping[field] = i;
  }
  const missing = (['name', 'idNumber'] as const).filter((f) => mapping[f] === undefined);
  if (missing.length) {
    throw new AppError('import.bad_file', `缺少列：${missing.map((f) => FIELDS[f].slice(0, 3).join('/')).join('，')}（表头为：${header.join('，')}）`);
  }
  return mapping;
};

/** The mapping as column names, for showing and storing. */
export const mappingByName = (header: readonly string[], mapping: Mapping): Record<string, string> =>
  Object.fromEntries(Object.entries(mapping).map(([f, i]) => [f, header[i]!]));
