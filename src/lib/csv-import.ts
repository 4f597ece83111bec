// The shared shape of a CSV import: columns known by several names (English or Chinese), required
// columns checked up front, rows read by field, and every bad row reported together.
import { csvRecords } from './csv.ts';
import { AppError } from './errors.ts';

export type RowError = { row: number; field: string; reason: string };
export type ImportRow<F extends string> = { line: number; get: (field: F) => string };

/** Reads `text` as CSV with the given column names. Throws import.bad_file. */
export const readCsvImport = <F extends string>(text: string, columns: Record<F, readonly string[]>, required: readonly NoInfer<F>[], maxRows = 50_000) => {
  const { header, records } = csvRecords(text);
  const columnOf = (f: F): string => columns[f].find((n) => header.includes(n)) ?? columns[f][0] ?? f;
  const missing = required.filter((f) => !columns[f].some((n) => header.includes(n)));
  if (missing.length) throw new AppError('import.bad_file', `缺少列：${missing.map((f) => columns[f].join('/')).join('，')}`);
  if (records.length === 0) throw new AppError('import.bad_file', '文件没有数据行');
  if (records.length > maxRows) throw new AppError('import.bad_file', `一次最多导入 ${maxRows} 行`);
  const rows: ImportRow<F>[] = records.map((r) => ({ line: r.line, get: (f) => r.values[columnOf(f)] ?? '' }));
  return { rows, columnOf };
};

/** Throws import.bad_rows listing every bad row (sorted), when there is any. */
export const throwIfBadRows = (errors: RowError[]): void => {
  if (errors.length === 0) return;
  errors.sort((a, b) => a.row - b.row);
  throw new AppError('import.bad_rows', `${new Set(errors.map((e) => e.row)).size} 行有错误，未导入任何数据`, errors);
};
