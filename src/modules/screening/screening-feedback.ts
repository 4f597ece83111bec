// The feedback table written as upstream wants it back: CSV (UTF-8 with BOM) or XLSX.
import ExcelJS from 'exceljs';
import { toCsv } from '../../lib/csv.ts';

export const feedbackCsv = (header: string[], rows: string[][]) => Buffer.from(toCsv([header, ...rows]), 'utf8');

export const feedbackXlsx = async (title: string, header: string[], rows: string[][]) => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(title.slice(0, 31));
  sheet.addRow(header).font = { bold: true };
  sheet.addRows(rows);
  // ID numbers and phones stay text: Excel would turn 18 digits into 3.30102E+17.
  sheet.columns.forEach((c) => (c.numFmt = '@'));
  return Buffer.from(await book.xlsx.writeBuffer());
};
