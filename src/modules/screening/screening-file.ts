// An upstream file as a table: XLSX (first sheet) or CSV in UTF-8 or GBK, whichever it is. Rows keep
// their row number in the file; rows with nothing in them are counted, not returned.
import ExcelJS from 'exceljs';
import { parseCsv } from '../../lib/csv.ts';
import { AppError } from '../../lib/errors.ts';

export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export type Table = { header: string[]; rows: { line: number; cells: string[] }[]; blankLines: number; format: 'xlsx' | 'csv-utf8' | 'csv-gbk' };

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** UTF-8 when the bytes are valid UTF-8, else GBK (what Excel on a Chinese Windows saves). */
const decodeText = (bytes: Uint8Array): { text: string; encoding: 'utf8' | 'gbk' } => {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf8' };
  } catch {
    return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' };
  }
};

// Control characters other than tab and line ends mean a binary file, not text.
const looksBinary = (text: string) => /[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 65_536));

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return new Date(v.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ').replace(/ 00:00$/, '');
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return '';
  }
  return String(v);
};

const readXlsx = async (bytes: Uint8Array): Promise<{ line: number; cells: string[] }[]> => {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError('import.bad_file', '无法读取该 Excel 文件（仅支持 .xlsx 与 .csv）');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new AppError('import.bad_file', 'Excel 文件没有工作表');
  const lines: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values = row.values as ExcelJS.CellValue[]; // 1-based
    lines.push({ line, cells: Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1]).trim()) });
  });
  return lines;
};

/** Reads a CSV or XLSX file. Throws import.bad_file (empty, too large, not CSV/XLSX, no data rows). */
export const readTable = async (bytes: Uint8Array): Promise<Table> => {
  if (bytes.byteLength === 0) throw new AppError('import.bad_file', '文件为空');
  if (bytes.byteLength > MAX_FILE_BYTES) throw new AppError('import.bad_file', `文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  let lines: { line: number; cells: string[] }[];
  let format: Table['format'];
  let blankLines = 0;
  if (isZip(bytes)) {
    lines = await readXlsx(bytes);
    format = 'xlsx';
    blankLines = Math.max(0, (lines.at(-1)?.line ?? 0) - lines.length);
  } else {
    const { text, encoding } = decodeText(bytes);
    if (looksBinary(text)) throw new AppError('import.bad_file', '不是 CSV 或 XLSX 文件');
    lines = parseCsv(text).map((r) => ({ line: r.line, cells: r.cells.map((c) => c.trim()) }));
    format = encoding === 'utf8' ? 'csv-utf8' : 'csv-gbk';
    // Empty lines the parser skipped; lines of only spaces or commas are counted below.
    blankLines = text.split(/\r\n|\n|\r/).filter((l) => l === '').length - (/(\r\n|\n|\r)$/.test(text) ? 1 : 0);
  }
  const filled = lines.filter((r) => r.cells.some((c) => c !== ''));
  blankLines += lines.length - filled.length;
  const [head, ...rows] = filled;
  if (!head) throw new AppError('import.bad_file', '文件没有内容');
  if (rows.length === 0) throw new AppError('import.bad_file', '文件没有数据行');
  return { header: head.cells, rows, blankLines: Math.max(0, blankLines), format };
};
